// The caseload planner in Chromium: Barnsley's six figures, live recalculation, the
// error journey (summary, links, "Error:" title, nothing typed lost), and the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, axe, focusedId, loadPreset } from './harness.mjs';

const app = await appUnderTest();

async function loadBarnsley(page) {
  await loadPreset(page, 'barnsley-2017');
  await page.waitForSelector('text=Barnsley, figures as at 2017-09-30');
}

/** The options table as rows of cell texts. */
function optionsTable(page) {
  return page.$$eval('#options-table tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
  );
}

test('Barnsley, December 2017: the six option figures to the pound', async () => {
  await app.withPage('', {}, async ({ page, problems }) => {
    await loadBarnsley(page);
    const rows = await optionsTable(page);
    // Option, FTE, caseload, then (extra FTE, posts, cost) at 18 and at 16.
    assert.deepEqual(
      rows.map((r) => [r[2], r[4], r[5], r[7], r[8]]),
      [
        ['20.5', '9', '£376,551', '18', '£753,102'],
        ['21.7', '14', '£585,746', '25', '£1,045,975'],
        ['20.4', '12', '£502,068', '24', '£1,004,136'],
      ],
    );
    assert.deepEqual(rows.map((r) => r[3]), ['8.72', '14.47', '11.85']);
    const explanation = await page.locator('details:has-text("Option 2") .govuk-details__text').textContent();
    assert.ok(explanation.includes('70.4 FTE x 21.7 = 1,527.7 cases; / 18 = 84.9 FTE needed; 14.47 more; 14 posts at £41,839 = £585,746'));
    // The total box: the team groups added up, with the working, and said not to be an option.
    assert.equal(await page.locator('#totals-working').innerText(),
      "Assessment, safeguarding, children in care and care leavers teams: 9 posts (£376,551) + Disabled children's teams: 6 posts (£251,034) = 15 posts, £627,585 a year; 14.47 extra FTE before each group's rounding");
    assert.match(await page.locator('#totals-note').innerText(), /not one of the options below/);
    assert.deepEqual(problems.console, []);
  });
});

test('figures recompute as you type, and the rounding rule is a visible choice', async () => {
  await app.withPage('', {}, async ({ page }) => {
    await loadBarnsley(page);
    await page.fill('#cost_per_fte', '40000');
    assert.equal((await optionsTable(page))[1][5], '£560,000');
    await page.check('#rounding-2'); // up
    assert.equal((await optionsTable(page))[1][4], '15');
    await page.check('#rounding-4'); // none: fractional FTE to hundredths
    assert.equal((await optionsTable(page))[1][4], '14.47');
    assert.equal((await optionsTable(page))[1][5], '£578,800');
  });
});

test('bad input: error summary, inline error, "Error:" title, nothing lost, axe clean', async () => {
  await app.withPage('', {}, async ({ page, problems }) => {
    await loadBarnsley(page);
    await page.fill('#teams-1-target_caseload', '0');
    await page.fill('#teams-0-case_holding_fte', 'lots');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.equal(await summary.locator('h2').innerText(), 'There is a problem');
    assert.match(await page.title(), /^Error: Caseloads/);
    const links = await summary.locator('a').allInnerTexts();
    assert.deepEqual(links, [
      'Case-holding FTE for Assessment, safeguarding, children in care and care leavers teams must be a number, like 62.8',
      "Enter a target caseload greater than 0 for Disabled children's teams",
    ]);
    const inline = await page.locator('#teams-1-target_caseload-error').innerText();
    assert.equal(inline.replace(/\s+/g, ' '), "Error: Enter a target caseload greater than 0 for Disabled children's teams");
    // Nothing typed is lost; other figures keep their last valid values.
    assert.equal(await page.inputValue('#teams-0-case_holding_fte'), 'lots');
    assert.equal((await optionsTable(page))[1][5], '£585,746');
    assert.deepEqual(await axe(page), []);
    // The summary's link moves focus to the field.
    await summary.locator('a').nth(1).click();
    assert.equal(await focusedId(page), 'teams-1-target_caseload');
    // Fixing both clears the summary and the title.
    await page.fill('#teams-1-target_caseload', '18');
    await page.fill('#teams-0-case_holding_fte', '62.8');
    await summary.waitFor({ state: 'detached' });
    assert.equal(await page.title(), "Caseloads - Children's Services Planner");
    assert.deepEqual(problems.console, []);
  });
});

test('keyboard alone: skip link, load a preset, change a figure, read the result', async () => {
  await app.withPage('', {}, async ({ page, problems }) => {
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim());
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await focused(), 'main-content');
    // Tab forward to the preset list, choose Barnsley with the arrow key, load it.
    for (let i = 0; i < 20 && (await focused()) !== 'preset'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'preset');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'load-preset');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Barnsley, figures as at 2017-09-30');
    // On to the cost per FTE, replace it by typing.
    for (let i = 0; i < 20 && (await focused()) !== 'cost_per_fte'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'cost_per_fte');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('41839');
    // The rounding radios are reached and changed with the arrow keys.
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'rounding');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.isChecked('#rounding-2'), true);
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.isChecked('#rounding'), true);
    assert.equal((await optionsTable(page))[1][5], '£585,746');
    // A "How is this calculated?" disclosure opens from the keyboard.
    await page.locator('#options-table').scrollIntoViewIfNeeded();
    const summary = page.locator('details:has-text("Option 2") summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('details:has-text("Option 2")').getAttribute('open'), '');
    assert.deepEqual(problems.console, []);
  });
});

test('adding and removing team groups and options from the page', async () => {
  await app.withPage('', {}, async ({ page, problems }) => {
    await loadBarnsley(page);
    await page.click('#teams');
    assert.equal(await focusedId(page), 'teams-3-name');
    await page.keyboard.type('Care leavers');
    await page.fill('#teams-3-case_holding_fte', '10');
    await page.fill('#teams-3-cases', '250');
    assert.ok((await page.locator('.app-card').nth(3).innerText()).includes('£167,356 a year for 4 posts'));
    await page.getByRole('button', { name: 'Remove this team group (Care leavers)' }).click();
    assert.equal(await focusedId(page), 'teams');
    assert.equal(await page.locator('.app-card').count(), 3);
    await page.click('#add-option');
    assert.equal(await focusedId(page), 'options-3-name');
    assert.deepEqual(problems.console, []);
  });
});
