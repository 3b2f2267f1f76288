// The Children in care page in Chromium: a stock-flow model started from Portsmouth's
// placement lines, its cost by financial year, the band, moves, and the error journey.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, axe, loadPreset } from './harness.mjs';

const app = await appUnderTest();

function table(page, id) {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

async function startFromPortsmouth(page) {
  await loadPreset(page, 'portsmouth-2017');
  await page.click('#add-flows');
  await page.waitForSelector('#flows-years-table');
}

for (const width of [1024, 320]) {
  test(`started from Portsmouth's placement lines at ${width}px: steady with no flows, costed by financial year, axe clean`, async () => {
    await app.withPage('?page=children-in-care', { width }, async ({ page, problems }) => {
      await startFromPortsmouth(page);
      assert.equal(await page.inputValue('#care_flows-types-5-name'), 'External residential');
      assert.equal(await page.inputValue('#care_flows-types-5-children'), '16.02');
      const months = await table(page, 'flows-table');
      assert.equal(months.length, 37);
      assert.equal(months[36].at(-3), '469.5', 'no one starts or leaves: 469.45 children throughout');
      // From 30 June 2017: July-March, then whole years. A whole year costs number x unit cost
      // summed over the lines (the calculated, not the published, forecasts).
      const perYear = 206 * 23523 + 32.43 * 44871 + 64 * 8371 + 20 * 4834 + 131 * 6289 + 16.02 * 163560;
      const years = await table(page, 'flows-years-table');
      assert.deepEqual(years.map((r) => r.slice(0, 2)), [['2017/18', '9'], ['2018/19', '12'], ['2019/20', '12'], ['2020/21', '3']]);
      assert.equal(years[1][2], `£${Math.round(perYear).toLocaleString('en-GB')}`);
      assert.deepEqual(await axe(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px window`);
      assert.deepEqual(problems.console, []);
    });
  });
}

test('entrants, exits and a move change the path; the band widens; a bad rate is named and kept', async () => {
  await app.withPage('?page=children-in-care', {}, async ({ page, problems }) => {
    await startFromPortsmouth(page);
    await page.fill('#care_flows-types-0-entrants_per_month', '6');
    await page.fill('#care_flows-types-0-exit_rate', '2.5');
    await page.click('#add-move');
    await page.selectOption('#care_flows-moves-0-from', { label: 'External residential' });
    await page.selectOption('#care_flows-moves-0-to', { label: 'In-house foster care' });
    await page.fill('#care_flows-moves-0-rate', '2');
    const last = (await table(page, 'flows-table'))[36];
    const [low, high] = last.at(-2).split(' to ').map((v) => Number(v.replace(/,/g, '')));
    assert.ok(high > low, 'a 95% band once children flow');
    assert.ok(Number(last[6].replace(/,/g, '')) < 16.02, 'children move out of external residential care');
    await page.fill('#care_flows-moves-0-rate', 'two');
    const link = page.locator('.govuk-error-summary a[href="#care_flows-moves-0-rate"]');
    await link.waitFor();
    assert.match(await link.textContent(), /The rate of move 1 must be a percentage/);
    assert.equal(await page.inputValue('#care_flows-moves-0-rate'), 'two');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems.console, []);
  });
});

test("rates estimated from Portsmouth's DfE counts are shared across the types", async () => {
  await app.withPage('?page=children-in-care', { width: 320 }, async ({ page, problems }) => {
    await startFromPortsmouth(page);
    // The scenario's authority is chosen for you when DfE knows it by that name.
    await page.waitForSelector('#estimate-table');
    assert.equal(await page.locator('#estimate-authority option:checked').textContent(), 'Portsmouth');
    const years = await table(page, 'estimate-table');
    assert.equal(years.length, 4, 'the years to 31 March 2020-2023');
    await page.click('#use-estimate');
    await page.waitForSelector('#estimate-status-message:has-text("Used:")');
    const exit = await page.inputValue('#care_flows-types-0-exit_rate');
    assert.match(exit, /^\d+(\.\d\d?)?$/);
    assert.ok(Number(exit) > 0);
    for (let i = 1; i < 6; i++) assert.equal(await page.inputValue(`#care_flows-types-${i}-exit_rate`), exit, 'one rate for every type');
    assert.deepEqual(await axe(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the 320px window`);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
  });
});
