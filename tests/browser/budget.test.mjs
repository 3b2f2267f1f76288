// The Budget page in Chromium: Hampshire's SP2023 table as printed, the medium-term plan
// following a workstream's delivery risk, and a typed phasing error named and kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, axe } from './harness.mjs';

const app = await appUnderTest();

function table(page, id) {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

test('Hampshire SP2023: the savings table as printed, the plan follows risk, errors keep what was typed', async () => {
  await app.withPage('?page=budget', { width: 320 }, async ({ page, problems }) => {
    await page.selectOption('#preset', 'hampshire-2021');
    await page.click('#load-preset');
    await page.waitForSelector('#savings-table');
    const rows = await table(page, 'savings-table');
    assert.deepEqual(rows.map((r) => r[3]), ['n/a', 'n/a', '5%', '4%', '8%', '3%', '10%', '11%', '11%']);
    assert.deepEqual(rows.at(-1).slice(0, 3), ['Total', '£214,856,000', '£22,663,000']);
    const atRisk = page.locator('#plan-at-risk');
    assert.match(await atRisk.innerText(), /£22,663,000 at target, £19,817,500 expected after delivery risk, so £2,845,500 at risk/);
    // Modernising placements (£2.7m, amber) to red: 25% instead of 75% expected.
    await page.check('#budget-workstreams-5-risk-red');
    assert.match(await atRisk.innerText(), /so £4,195,500 at risk/);
    await page.fill('#budget-workstreams-5-phasing-0', 'half');
    assert.match(await page.locator('#error-summary').innerText(), /The share of Modernising placements in a year must be a percentage, like 50/);
    assert.equal(await page.inputValue('#budget-workstreams-5-phasing-0'), 'half');
    assert.deepEqual(await axe(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the 320px window`);
    assert.deepEqual(problems.console, []);
  });
});
