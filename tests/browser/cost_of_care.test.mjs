// The Cost of care page in Chromium: Portsmouth's Fig 3 and Fig 2 to the pound, the
// invest-to-save break-even, live recalculation, the error journey, and building a
// placements section from nothing with the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appUnderTest, axe, focusedId, loadPreset } from './harness.mjs';

const app = await appUnderTest();

function table(page, id) {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

async function loadPortsmouth(page) {
  await loadPreset(page, 'portsmouth-2017');
  await page.waitForSelector('#placements-table');
}

for (const width of [1024, 320]) {
  test(`Portsmouth, June 2017 at ${width}px: Fig 3 and Fig 2 to the pound, axe clean, no sideways scroll`, async () => {
    await app.withPage('?page=cost-of-care', { width }, async ({ page, problems }) => {
      await loadPortsmouth(page);
      const total = (await table(page, 'placements-table')).at(-1);
      assert.deepEqual(total.slice(3), ['£10,377,402', '£8,693,750', '£1,683,652']);
      // Each budget once, beside its forecast: three lines with their own and the shared one.
      assert.equal(await page.locator('#placements-chart rect').count(), 8);
      const history = await table(page, 'budget-history-table');
      assert.deepEqual(history.map((r) => r[4]), ['9.98%', '16.90%', '6.15%', '2.32%']);
      // The chart: a budget bar and a spend bar a year, the spend taller in every year of overspend.
      const heights = await page.$$eval('#budget-history-chart rect', (rs) => rs.map((r) => Number(r.getAttribute('height'))));
      assert.equal(heights.length, 8);
      for (let y = 0; y < 4; y++) assert.ok(heights[2 * y + 1] > heights[2 * y], `year ${y + 1}`);
      assert.deepEqual(await axe(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px window`);
      assert.deepEqual(problems.console, []);
      assert.deepEqual(problems.external, []);
    });
  });
}

test('invest-to-save: £499,000 / £163,560 = 3.05, so 4 placements; figures follow the inputs', async () => {
  await app.withPage('?page=cost-of-care', {}, async ({ page }) => {
    await loadPortsmouth(page);
    const summary = page.locator('#invest-summary');
    assert.match(await summary.textContent(), /£499,000 \/ £163,560 = 3\.05 placements a year, so 4/);
    const years = (await table(page, 'invest-table')).length;
    assert.equal(await page.locator('#invest-chart rect').count(), 2 * years, 'a cost bar and a saving bar a year');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#budget-history-csv')]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
    // Exact figures under headers that say their unit, not the text on the page.
    assert.equal(csv[0], 'Year,Budget (£),Spend (£),Overspend (£),% of budget,% of spend');
    assert.match(csv[2], /^2014\/15,22814517,26670402,3855885,16\.901015\d*,14\.457543\d*$/);
    // Exactly five placements' cost breaks even at five; a pound more needs a sixth.
    await page.fill('#invest_to_save-cost_per_year', '817,800');
    assert.match(await summary.textContent(), /£817,800 \/ £163,560 = 5 placements a year, so 5 to break even/);
    await page.fill('#invest_to_save-cost_per_year', '817,801');
    assert.match(await summary.textContent(), /so 6 to break even/);
    // A placement line recalculates as you type: 17.1 external residential placements.
    const external = (await table(page, 'placements-table')).findIndex((r) => r[0] === 'External residential');
    await page.fill(`#placements-lines-${external}-forecast`, '');
    await page.fill(`#placements-lines-${external}-number`, '17.1');
    assert.equal((await table(page, 'placements-table'))[external][3], '£2,796,876');
  });
});

test('bad input on the Cost of care page: summary, field-named message, typed text kept, axe clean', async () => {
  await app.withPage('?page=cost-of-care', { width: 320 }, async ({ page, problems }) => {
    await loadPortsmouth(page);
    await page.fill('#budget_history-1-spend', '£26.7m');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await page.title(), /^Error: Cost of care/);
    const link = summary.locator('a[href="#budget_history-1-spend"]');
    assert.match(await link.textContent(), /The spend for 2014\/15 must be an amount in pounds/);
    assert.deepEqual(await axe(page), []);
    await link.click();
    assert.equal(await focusedId(page), 'budget_history-1-spend');
    assert.equal(await page.inputValue('#budget_history-1-spend'), '£26.7m');
    // The table keeps the last valid figures meanwhile.
    assert.equal((await table(page, 'budget-history-table'))[1][4], '16.90%');
    assert.deepEqual(problems.console, []);
  });
});

test('keyboard only: start placements from nothing, a weekly cost, a CSV of the table', async () => {
  await app.withPage('?page=cost-of-care', {}, async ({ page }) => {
    await page.focus('#add-placements');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'placements-lines-0-name');
    await page.keyboard.type('Foster care');
    await page.focus('#placements-lines-0-number');
    await page.keyboard.type('10');
    await page.focus('#placements-lines-0-unit_cost');
    await page.keyboard.type('500');
    await page.focus('#placements-lines-0-weekly-2');
    await page.keyboard.press('Space');
    // 10 x £500 a week x 52 weeks.
    assert.equal((await table(page, 'placements-table'))[0][3], '£260,000');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#placements-csv')]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'Line,Children,Unit cost a year (£),Forecast (£),Budget (£),Deficit (£)');
    assert.match(csv[1], /^Foster care,10,26000,260000,/);
  });
});

test("the Caseloads page's posts and their cost become the investment", async () => {
  await app.withPage('', {}, async ({ page, problems }) => {
    await loadPreset(page, 'barnsley-2017');
    await page.click('.govuk-service-navigation__link:has-text("Cost of care")');
    await page.waitForSelector('h1:has-text("Cost of care")');
    await page.click('#add-invest');
    const offer = await page.locator('#invest-from-caseloads').textContent();
    const [, posts, cost] = offer.match(/finds ([\d.,]+) more posts are needed, at £([\d,]+) a year/);
    // Barnsley's own figures (15 posts at £41,839), carried from the Caseloads download,
    // even though the new investment's blank fields are errors when this page first
    // reads them (it used to show the example council's).
    assert.deepEqual([posts, cost], ['15', '627,585']);
    await page.click('#use-caseload-cost');
    assert.equal(await page.inputValue('#invest_to_save-cost_per_year'), cost.replace(/,/g, ''));
    assert.equal(await page.inputValue('#invest_to_save-name'), `${posts} more social work posts`);
    await page.fill('#invest_to_save-avoided_unit_cost', '163,560');
    assert.match(await page.locator('#invest-summary').textContent(), new RegExp(`^£${cost} / £163,560 = `));
    assert.deepEqual(problems.console, []);
  });
});

test("changing the mix: Portsmouth's 10 more external residential placements, a move, and inflation by year", async () => {
  await app.withPage('?page=cost-of-care', {}, async ({ page, problems }) => {
    await loadPortsmouth(page);
    let rows = await table(page, 'mix-table');
    assert.deepEqual(rows[0], ['10 more External residential', '£1,635,600']);
    assert.deepEqual(rows.at(-1), ['Forecast with the changes', '£12,013,002']);
    // Move 2 children from external residential to in-house foster care instead.
    await page.selectOption('#placements-changes-0-to', { label: 'In-house foster care' });
    await page.fill('#placements-changes-0-number', '2');
    rows = await table(page, 'mix-table');
    assert.deepEqual(rows[0], ['2 from External residential to In-house foster care', '-£280,074']);
    await page.fill('#placements-inflation', '3');
    await page.fill('#placements-years', '3');
    // £10,377,402 - £280,074, then 3% a year (to the penny each year).
    const years = await table(page, 'forecast-years-table');
    assert.deepEqual(years, [['Year 1', '£10,097,328'], ['Year 2', '£10,400,248'], ['Year 3', '£10,712,255']]);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems.console, []);
  });
});

test('Add placements: no errors before anything is typed, and no chart until there are figures to draw', async () => {
  await app.withPage('?page=cost-of-care', { width: 375 }, async ({ page }) => {
    await page.click('#add-placements');
    await page.waitForFunction(() => document.activeElement?.id === 'placements-lines-0-name');
    assert.equal(await page.locator('#error-summary').count(), 0, 'no "There is a problem" before typing');
    assert.equal(await page.locator('.govuk-error-message').count(), 0);
    assert.equal(await page.locator('#placements-chart').isVisible(), false, 'no empty chart');
    assert.ok(await page.locator('#placements-chart-empty').isVisible());
    assert.deepEqual(await axe(page), []);
    // Once the user types, what is still missing is said.
    await page.keyboard.type('Foster care');
    await page.waitForSelector('#error-summary');
    assert.match(await page.locator('#error-summary').innerText(), /number/i);
    await page.fill('#placements-lines-0-number', '10');
    await page.fill('#placements-lines-0-unit_cost', '26000');
    await page.fill('#placements-lines-0-budget', '200000');
    await page.waitForSelector('#placements-chart', { state: 'visible' });
    assert.equal(await page.locator('#placements-chart-empty').isVisible(), false);
    assert.deepEqual(await axe(page), []);
  });
});

test('invest to save does the sums: posts x the cost of a post, and a placement line or a weekly cost', async () => {
  await app.withPage('?page=cost-of-care', { width: 375 }, async ({ page, problems }) => {
    await loadPortsmouth(page);
    await page.fill('#invest_to_save-cost_per_year', '');
    await page.fill('#invest_to_save-posts', '8');
    await page.fill('#invest_to_save-cost_per_post', '62,375');
    await page.waitForSelector('#invest-summary:has-text("8 posts x £62,375 = £499,000 a year; £499,000 / £163,560 = 3.05 placements a year, so 4 to break even")');
    // The placement avoided, from a placement line: its own cost fields are not asked for.
    await page.fill('#invest_to_save-avoided_unit_cost', '');
    await page.selectOption('#invest_to_save-avoided_line', { label: 'The cost of a placement in External residential' });
    assert.equal(await page.locator('#invest_to_save-avoided_unit_cost').isVisible(), false);
    assert.match(await page.locator('#invest-summary').textContent(), /a placement in External residential costs £163,560 a year; £499,000 \/ £163,560/);
    // Or a week's cost x the section's 52 weeks.
    await page.selectOption('#invest_to_save-avoided_line', { label: 'A cost of my own (below)' });
    await page.fill('#invest_to_save-avoided_weekly_cost', '3,145.50');
    await page.waitForSelector('#invest-summary:has-text("£3,145.50 a week x 52 weeks = £163,566 a year")');
    // Both ways of giving the cost: the page says which field to fix.
    await page.fill('#invest_to_save-cost_per_year', '499,000');
    assert.equal(
      (await page.locator('#invest_to_save-cost_per_post-error').textContent()).trim(),
      'Error: Give the cost a year, or the posts and the cost of a post: not both',
    );
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems.console, []);
  });
});
