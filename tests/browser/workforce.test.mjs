// The Workforce page in Chromium: West Sussex's tables, the projection's chart, table and
// CSV, the error journey, DfE's published figures beside region and England, filling the
// planner from them, and the Caseloads page's extra posts fed in as newly created posts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appUnderTest, axe, focusedId, loadPreset } from './harness.mjs';

const app = await appUnderTest();

/** DfE's published row for a place and year, read straight from the shipped table. */
function dfeRow(name, year) {
  const lines = readFileSync('crates/csplan-data/data/csww.tsv', 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const header = lines[0].split('\t');
  const row = lines.map((l) => l.split('\t')).find((c) => c[0] === String(year) && c[4] === name);
  assert.ok(row, `no DfE row for ${name} ${year}`);
  return Object.fromEntries(header.map((h, i) => [h, row[i]]));
}

/** A published rate as the page shows it: "16.0" -> "16%". */
const percent = (published) => `${published.replace(/\.0$/, '')}%`;

/** A table as rows of cell texts. */
function table(page, id) {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

async function loadWestSussex(page) {
  await loadPreset(page, 'west-sussex-2019');
  await page.waitForSelector('#establishment-table');
}

for (const width of [1024, 320]) {
  test(`West Sussex, March 2019 at ${width}px: the paper's gap table, axe clean, no sideways scroll`, async () => {
    await app.withPage('?page=workforce', { width }, async ({ page, problems }) => {
      await loadWestSussex(page);
      const rows = await table(page, 'establishment-table');
      const row = (label) => rows.find((r) => r[0] === label)?.slice(1);
      assert.deepEqual(row('Vacant, not covered'), ['52.44', '7.08', '6.52', '66.04']);
      assert.deepEqual(row('Remaining gap after pipeline'), ['17.84', '7.08', '0.00', '24.92']);
      // The table is drawn when opened.
      await page.click('text=Show the projection as a table');
      await page.waitForSelector('#projection-table');
      assert.deepEqual(await axe(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px window`);
      assert.deepEqual(problems.console, []);
      assert.deepEqual(problems.external, []);
    });
  });
}

test('the projection is a described chart, a table with a row a month, and a CSV of the same', async () => {
  await app.withPage('?page=workforce', {}, async ({ page }) => {
    await loadWestSussex(page);
    const chart = page.locator('#projection-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.ok((await page.locator('#projection-chart-title').textContent()).length > 0);
    const months = Number(await page.inputValue('#workforce-projection-months'));
    await page.click('text=Show the projection as a table');
    await page.waitForSelector('#projection-table');
    assert.equal((await table(page, 'projection-table')).length, months + 1, 'month 0 (now) and each month projected');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#projection-csv')]);
    assert.equal(download.suggestedFilename(), 'csplan-projection.csv');
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'Month,In post (FTE),Agency (FTE),Vacant (FTE),Newly qualified (FTE),Case-holding FTE,Caseload,Cost (£)');
    assert.equal(csv.length, months + 2);
    // The file holds the figures on screen: the first projected month's in-post FTE.
    const firstMonth = (await table(page, 'projection-table'))[1];
    assert.equal(Number(csv[2].split(',')[1]).toFixed(1), Number(firstMonth[1].replace(/,/g, '')).toFixed(1));
    // A longer projection redraws everything.
    await page.fill('#workforce-projection-months', '12');
    assert.equal((await table(page, 'projection-table')).length, 13);
  });
});

test('bad input: error summary links to the field, "Error:" title, typed text kept, figures keep their last values, axe clean', async () => {
  await app.withPage('?page=workforce', { width: 320 }, async ({ page, problems }) => {
    await loadWestSussex(page);
    await page.fill('#workforce-roles-0-establishment', 'lots');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await page.title(), /^Error: Workforce/);
    const link = summary.locator('a[href="#workforce-roles-0-establishment"]');
    assert.equal(await link.count(), 1);
    assert.deepEqual(await axe(page), []);
    await link.click();
    assert.equal(await focusedId(page), 'workforce-roles-0-establishment');
    assert.equal(await page.inputValue('#workforce-roles-0-establishment'), 'lots');
    const rows = await table(page, 'establishment-table');
    assert.deepEqual(rows.find((r) => r[0] === 'Vacant, not covered').slice(1), ['52.44', '7.08', '6.52', '66.04']);
    await page.fill('#workforce-roles-0-establishment', '1,000');
    await summary.waitFor({ state: 'detached' });
    assert.match(await page.title(), /^Workforce/);
    assert.deepEqual(problems.console, []);
  });
});

test("DfE's figures: an authority beside its region and England with its rank, its trend, and a prefill from them", async () => {
  await app.withPage('?page=workforce', {}, async ({ page, problems }) => {
    await page.waitForSelector('#dfe-authority');
    await page.selectOption('#dfe-authority', { label: 'Barnsley' });
    await page.waitForSelector('#benchmark-table');
    const [mine, region, england] = [dfeRow('Barnsley', 2023), dfeRow('Yorkshire and The Humber', 2023), dfeRow('England', 2023)];
    const rows = await table(page, 'benchmark-table');
    for (const [label, column] of [['Vacancy rate', 'vacancy_rate_fte'], ['Agency rate', 'agency_rate_fte'], ['Turnover rate', 'turnover_rate_fte']]) {
      const row = rows.find((r) => r[0] === label);
      assert.deepEqual(row.slice(1, 4), [percent(mine[column]), percent(region[column]), percent(england[column])], label);
      assert.match(row[4], /^\d+ of 1\d\d$/, `${label} rank`);
    }
    const trend = await table(page, 'trend-table');
    assert.equal(trend[0].length, 1 + 7, 'a column for each year 2017-2023');
    assert.equal(trend[0][1], percent(dfeRow('Barnsley', 2017).vacancy_rate_fte));

    await page.selectOption('#dfe-year', '2019');
    await page.waitForSelector('#benchmark-table-caption:has-text("2019")');
    await page.selectOption('#dfe-year', '');
    await page.click('#dfe-fill');
    await page.waitForSelector('#dfe-fill-status:has-text("Filled in from Barnsley")');
    // Establishment = in post + vacancies, as DfE counts them.
    assert.equal(await page.inputValue('#workforce-roles-0-establishment'), String(Number(mine.inpost_fte) + Number(mine.vacancy_fte)));
    assert.equal(await page.inputValue('#workforce-roles-0-vacancies'), mine.vacancy_fte);
    // The scenario's own rates now sit beside DfE's.
    const after = await table(page, 'benchmark-table');
    assert.equal(after.find((r) => r[0] === 'Vacancy rate')[5], percent(mine.vacancy_rate_fte));
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
  });
});

test("the Caseloads page's extra posts go into the workforce as newly created, vacant posts", async () => {
  await app.withPage('?page=workforce', {}, async ({ page, problems }) => {
    await page.waitForSelector('#dfe-authority');
    await page.selectOption('#dfe-authority', { label: 'Barnsley' });
    await page.click('#dfe-fill');
    await page.waitForSelector('#workforce-roles-0-establishment');
    const establishment = Number(await page.inputValue('#workforce-roles-0-establishment'));
    const vacancies = Number(await page.inputValue('#workforce-roles-0-vacancies'));

    await page.click('.govuk-service-navigation__link:has-text("Caseloads")');
    await page.waitForSelector('h1:has-text("Caseloads")');
    await page.fill('#teams-0-target_caseload', '12');
    const b = dfeRow('Barnsley', 2023);
    const posts = Math.round(Number(b.cases) / 12 - Number(b.case_holders_fte));

    await page.click('.govuk-service-navigation__link:has-text("Workforce")');
    const offer = page.locator('#caseload-posts');
    await offer.waitFor();
    assert.match(await offer.textContent(), new RegExp(`finds ${posts} more posts`));
    await page.click('#add-caseload-posts');
    await page.waitForSelector('#caseload-posts-status:has-text("Added")');
    assert.equal(await page.inputValue('#workforce-roles-0-establishment'), String(establishment + posts));
    assert.equal(await page.inputValue('#workforce-roles-0-newly_created'), String(posts));
    assert.equal(await page.inputValue('#workforce-roles-0-vacancies'), String(vacancies + posts));
    assert.deepEqual(problems.console, []);
  });
});

test('keyboard only: add a role and a group of starters, focus follows each new field', async () => {
  await app.withPage('?page=workforce', {}, async ({ page }) => {
    await page.waitForSelector('#add-workforce');
    await page.focus('#add-workforce');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'workforce-roles-0-establishment');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('40');
    await page.focus('#workforce-roles');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'workforce-roles-1-name');
    await page.keyboard.type('Team managers');
    assert.equal(await page.locator('legend:has-text("Team managers")').count(), 1);
    await page.locator('button:has-text("Add permanent starters")').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'workforce-roles-0-pipeline-0-fte');
    assert.equal(await page.inputValue('#workforce-roles-0-establishment'), '40');
  });
});

test("an error on another page is listed with that page's name, and its link opens the page at the field", async () => {
  await app.withPage('', {}, async ({ page, problems }) => {
    await page.fill('#cost_per_fte', 'a lot');
    await page.click('.govuk-service-navigation__link:has-text("Workforce")');
    await page.waitForSelector('h1:has-text("Workforce")');
    const link = page.locator('.govuk-error-summary a', { hasText: '(on the Caseloads page)' });
    assert.equal(await link.count(), 1);
    await link.click();
    await page.waitForSelector('h1:has-text("Caseloads")');
    await page.waitForFunction(() => document.activeElement?.id === 'cost_per_fte');
    assert.equal(await page.inputValue('#cost_per_fte'), 'a lot');
    assert.deepEqual(problems.console, []);
  });
});

test("the authority list tells Dorset's two codes apart by their years, and each opens its own figures", async () => {
  await app.withPage('?page=workforce', {}, async ({ page }) => {
    await page.waitForSelector('#dfe-authority');
    const dorsets = await page.locator('#dfe-authority option').evaluateAll((os) =>
      os.filter((o) => o.textContent.startsWith('Dorset')).map((o) => [o.value, o.textContent]));
    assert.deepEqual(dorsets, [['E10000009', 'Dorset (2017 to 2018)'], ['E06000059', 'Dorset (2019 to 2023)']]);
    const labels = await page.locator('#dfe-authority option').allTextContents();
    assert.equal(new Set(labels).size, labels.length, 'no two entries read the same');
    await page.selectOption('#dfe-authority', { label: 'Dorset (2017 to 2018)' });
    const years = await page.locator('#dfe-year option').allTextContents();
    assert.ok(years.some((y) => y.includes('2018')) && !years.some((y) => y.includes('2019')), years.join(', '));
  });
});
