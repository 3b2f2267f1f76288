// The Demand page in Chromium: Portsmouth's referrals (+26.8%, 6.1% a year) and
// assessments (+47.5%), a year added to every series at once, the projection method as
// a visible choice, the chain to posts, and the error journey.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, axe, loadPreset } from './harness.mjs';

const app = await appUnderTest();

function table(page, id) {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

async function loadPortsmouth(page) {
  await loadPreset(page, 'portsmouth-2017');
  await page.waitForSelector('#demand-table');
}

const row = async (page, label) => (await table(page, 'demand-table')).find((r) => r[0] === label);

for (const width of [1024, 320]) {
  test(`Portsmouth demand at ${width}px: growth and projections, axe clean, no sideways scroll`, async () => {
    await app.withPage('?page=demand', { width }, async ({ page, problems }) => {
      await loadPortsmouth(page);
      const referrals = await row(page, 'Referrals, all ages');
      assert.deepEqual(referrals.slice(1, 6), ['1,958', '1,880', '1,744', '1,991', '2,482']);
      assert.deepEqual(referrals.slice(-2), ['26.8%', '6.1%']);
      assert.deepEqual((await row(page, 'Assessments, all ages')).slice(-2), ['47.5%', '10.2%']);
      assert.equal(await page.locator('#demand-chart polyline').count(), 2, 'a line for each all-ages total');
      assert.deepEqual(await axe(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px window`);
      assert.deepEqual(problems.console, []);
      assert.deepEqual(problems.external, []);
    });
  });
}

test('a year is added to every series, named by its label, and the method is a visible choice', async () => {
  await app.withPage('?page=demand', {}, async ({ page, problems }) => {
    await loadPortsmouth(page);
    await page.click('#add-year');
    assert.equal(await page.inputValue('#demand-years-5'), '2017');
    await page.waitForFunction(() => document.activeElement?.id === 'demand-series-0-values-5');
    // Six series, each with a blank 2017: six errors, each naming its series and year.
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.equal(await summary.locator('li').count(), 6);
    assert.match(await summary.textContent(), /Enter the figure for series 1 in 2017/);
    assert.deepEqual(await axe(page), []);
    await page.click('#remove-year');
    await summary.waitFor({ state: 'detached' });
    // Compound growth instead of a straight line changes the projection.
    const before = (await row(page, 'Referrals, 6-13'))[6];
    await page.check('#demand-series-1-method-2');
    const after = (await row(page, 'Referrals, 6-13'))[6];
    assert.notEqual(after, before);
    assert.equal(after, '1,149.7', '1,049 x (1,049 / 727) ^ (1/4)');
    assert.deepEqual(problems.console, []);
  });
});

test('projected demand becomes cases, FTE and posts at the target caseload', async () => {
  await app.withPage('?page=demand', {}, async ({ page }) => {
    await loadPortsmouth(page);
    // Each assessment of a 14+ child is a case; 20 FTE; target 18.
    await page.fill('#demand-series-5-cases_per_unit', '1');
    await page.fill('#demand-case_holding_fte', '20');
    await page.fill('#demand-target_caseload', '18');
    const chain = await table(page, 'demand-posts-table');
    assert.equal(chain.length, 3);
    assert.deepEqual(chain[0].slice(0, 3), ['2017', '454.3', '25.2']);
  });
});

test('with the 0-17 population, each all-ages series is shown per 10,000 children as DfE rounds it', async () => {
  await app.withPage('?page=demand', {}, async ({ page, problems }) => {
    await loadPortsmouth(page);
    await page.click('#add-series');
    await page.selectOption('#demand-series-6-measure', 'population');
    for (let j = 0; j < 5; j++) await page.fill(`#demand-series-6-values-${j}`, '40,000');
    const rates = await table(page, 'demand-rates-table');
    // 2,482 referrals / 40,000 children x 10,000 = 620.5, published as 621 (halves up).
    assert.deepEqual(rates.find((r) => r[0] === 'Referrals, all ages'), ['Referrals, all ages', '490', '470', '436', '498', '621']);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems.console, []);
  });
});

test("in DfE's years, children looked after per 10,000 sit beside Portsmouth's, the South East's and England's", async () => {
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync('crates/csplan-data/data/cla.tsv', 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
  const rate = (name, year) => lines.find((c) => c[0] === String(year) && c[4] === name && c[6] === 'L')[9];
  await app.withPage('?page=demand', {}, async ({ page, problems }) => {
    await loadPortsmouth(page);
    for (let j = 0; j < 5; j++) await page.fill(`#demand-years-${j}`, String(2019 + j));
    await page.click('#add-series');
    await page.selectOption('#demand-series-6-measure', 'looked_after');
    for (let j = 0; j < 5; j++) await page.fill(`#demand-series-6-values-${j}`, '380');
    await page.waitForSelector('#dfe-looked-after-table tbody tr');
    const rows = await table(page, 'dfe-looked-after-table');
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[4], ['2023', '-', rate('Portsmouth', 2023), rate('South East', 2023), rate('England', 2023)]);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
  });
});

test("West Sussex's two-year change loads from the page, and its 2018/19 rate sits beside DfE's", async () => {
  await app.withPage('?page=demand', {}, async ({ page, problems }) => {
    await loadPreset(page, 'west-sussex-2019');
    await page.waitForSelector('#demand-table');
    const rows = await table(page, 'demand-table');
    // The paper: children in need +12%, child protection +86%, looked after +10% over two years.
    assert.deepEqual(rows.map((r) => r.at(-2)), ['12.2%', '85.9%', '10.2%']);
    assert.equal(rows[0].at(-1), '5.9%', 'a year, over the two years the values span');
    await page.waitForSelector('#dfe-looked-after-table tbody tr');
    const dfe = await table(page, 'dfe-looked-after-table');
    assert.equal(dfe[0][0], '2018/19');
    assert.equal(dfe[0][2], '41', "DfE's 31 March 2019 rate; the paper says 40.3");
    assert.deepEqual(problems.console, []);
  });
});
