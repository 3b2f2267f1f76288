// The Budget page in Chromium: Hampshire's SP2023 table as printed, the medium-term plan
// following a workstream's delivery risk, and a typed phasing error named and kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, axe, focusedId, loadPreset } from './harness.mjs';

const app = await appUnderTest();

function table(page, id) {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

test('Hampshire SP2023: the savings table as printed, the plan follows risk, errors keep what was typed', async () => {
  await app.withPage('?page=budget', { width: 320 }, async ({ page, problems }) => {
    await loadPreset(page, 'hampshire-2021');
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

test('Hampshire SP2023 by keyboard: add a workstream and a pressure, a typed error kept, remove rows, the plan chart', async () => {
  await app.withPage('?page=budget', {}, async ({ page, problems }) => {
    await loadPreset(page, 'hampshire-2021');
    await page.waitForSelector('#savings-table');
    const atRisk = page.locator('#plan-at-risk');
    const chart = page.getByRole('img', { name: /Medium-term plan: pressures against savings, year by year/ });
    assert.equal(await chart.count(), 1);
    // A pressures bar, a target bar and an expected bar for each of the two years.
    assert.equal(await page.locator('#plan-chart > rect').count(), 6);

    // Add a workstream: focus lands on its name; type every field with the keyboard.
    await page.focus('#add-workstream');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'budget-workstreams-21-name');
    await page.keyboard.type('Edge of care');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'budget-workstreams-21-area');
    assert.equal(await page.inputValue('#budget-workstreams-21-area'), 'csc', 'the first area with a budget');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1,000,000');
    // Phased 100% in 2022/23 and 0% in 2023/24 (the starting phasing); then red risk.
    assert.equal(await page.inputValue('#budget-workstreams-21-phasing-0'), '100');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'budget-workstreams-21-risk-green');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.ok(await page.isChecked('#budget-workstreams-21-risk-red'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('Depends on recruiting two family workers');
    await page.keyboard.press('Tab');
    await page.keyboard.type('None expected');
    assert.equal(await page.inputValue('#budget-workstreams-21-risks'), 'Depends on recruiting two family workers');

    // Children's social care: £7,704,000 + £1,000,000 = £8,704,000, 5.72% of £152,140,000 shown as 6%.
    const csc = (await table(page, 'savings-table'))[2];
    assert.deepEqual(csc, ["Children's social care", '£152,140,000', '£8,704,000', '6%', '£143,436,000']);
    assert.deepEqual((await table(page, 'savings-table')).at(-1), ['Total', '£214,856,000', '£23,663,000', '11%', '']);
    // 2022/23: target £13,831,500 + £1,000,000; expected £12,408,750 + 25% of £1,000,000 (red).
    const plan = await table(page, 'plan-table');
    assert.deepEqual(plan[0].slice(0, 4), ['2022/23', '£11,331,500', '£14,831,500', '£12,658,750']);
    assert.match(await atRisk.innerText(), /£23,663,000 at target, £20,067,500 expected after delivery risk, so £3,595,500 at risk/);

    // A typed error: named in the summary, kept in the field, figures keep their last valid
    // values (no prefix of "a million" reads as an amount, so those are the £1,000,000's).
    await page.focus('#budget-workstreams-21-amount');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('a million');
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /The saving for Edge of care must be an amount in pounds, like 2,700,000/);
    assert.equal(await page.inputValue('#budget-workstreams-21-amount'), 'a million');
    assert.match(await atRisk.innerText(), /so £3,595,500 at risk/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1,000,000');
    await summary.waitFor({ state: 'detached' });

    // Add a pressure of £500,000 in 2022/23.
    await page.focus('#add-pressure');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'budget-pressures-1-name');
    await page.keyboard.type('More children in care');
    await page.keyboard.press('Tab');
    await page.keyboard.type('500,000');
    assert.deepEqual((await table(page, 'plan-table'))[0].slice(0, 2), ['2022/23', '£11,831,500']);

    // Remove Wessex Dance (£40,000, green, half a year): £40,000 less at target and expected.
    const remove = page.getByRole('button', { name: 'Remove workstream 17: Wessex Dance' });
    await remove.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('button', { name: /Wessex Dance/ }).count(), 0);
    assert.equal(await focusedId(page), 'add-workstream');
    assert.deepEqual((await table(page, 'savings-table')).at(-1).slice(2, 4), ['£23,623,000', '11%']);
    assert.match(await atRisk.innerText(), /£23,623,000 at target, £20,027,500 expected after delivery risk, so £3,595,500 at risk/);
    assert.deepEqual((await table(page, 'plan-table'))[0].slice(0, 4), ['2022/23', '£11,831,500', '£14,811,500', '£12,638,750']);

    // An area its workstreams still use is not removed, and the message says which.
    const removeArea = page.getByRole('button', { name: 'Remove budget area 4: Children with disabilities' });
    await removeArea.focus();
    await page.keyboard.press('Enter');
    assert.match(
      await page.locator('#budget-areas-3-refused').innerText(),
      /Children with disabilities cannot be removed while 2 workstreams save from it: Overnight respite, Short break activities/,
    );
    assert.equal((await table(page, 'savings-table'))[3][0], 'Children with disabilities');

    for (const width of [1024, 320]) {
      await page.setViewportSize({ width, height: 900 });
      assert.deepEqual(await axe(page), [], `axe at ${width}px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px window`);
    }
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
  });
});

test('Example council: add a budget area and a workstream in it, a plan year, remove and add transport', async () => {
  await app.withPage('?page=budget', { width: 320 }, async ({ page, problems }) => {
    await page.waitForSelector('#savings-table');
    // Year 1 pressures: £1,500,000 + £700,000 + transport's £400,000 base adjustment.
    assert.deepEqual((await table(page, 'plan-table')).map((r) => r[1]), ['£2,600,000', '£1,800,000']);

    await page.focus('#add-area');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'budget-areas-3-name');
    await page.keyboard.type('Youth services');
    assert.equal(await page.inputValue('#budget-areas-3-id'), 'area-4');
    await page.fill('#budget-areas-3-budget', '2,000,000');

    await page.focus('#add-workstream');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'budget-workstreams-3-name');
    await page.keyboard.type('Youth club review');
    await page.selectOption('#budget-workstreams-3-area', 'area-4');
    await page.fill('#budget-workstreams-3-amount', '200,000');
    // £200,000 of £2,000,000 is 10%; the total, £2,150,000 of £78,000,000 (2.76%), shows as 3%.
    const rows = await table(page, 'savings-table');
    assert.deepEqual(rows[3], ['Youth services', '£2,000,000', '£200,000', '10%', '£1,800,000']);
    assert.deepEqual(rows.at(-1), ['Total', '£78,000,000', '£2,150,000', '3%', '']);

    // The area is in use: not removed, and the message names the workstream.
    await page.getByRole('button', { name: 'Remove budget area 4: Youth services' }).click();
    assert.match(
      await page.locator('#budget-areas-3-refused').innerText(),
      /Youth services cannot be removed while 1 workstream saves from it: Youth club review\. Move it to another area or remove it first/,
    );

    // A third plan year: nothing phased or pressing in it but transport's £300,000 growth.
    await page.click('#add-year');
    assert.equal(await page.inputValue('#budget-years-2'), '2026/27');
    assert.equal(await page.inputValue('#budget-workstreams-3-phasing-2'), '0');
    assert.deepEqual((await table(page, 'plan-table')).map((r) => r[1]), ['£2,600,000', '£1,800,000', '£300,000']);
    assert.equal(await page.locator('#plan-chart > rect').count(), 9);

    await page.click('#remove-transport');
    assert.equal(await page.locator('#transport-table').count(), 0);
    assert.deepEqual((await table(page, 'plan-table')).map((r) => r[1]), ['£2,200,000', '£1,500,000', '£0']);
    await page.click('#add-transport');
    assert.equal(await focusedId(page), 'budget-transport-base_adjustment');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('250,000');
    assert.deepEqual((await table(page, 'plan-table')).map((r) => r[1]), ['£2,450,000', '£1,500,000', '£0']);
    await page.getByRole('button', { name: 'Remove year 3: 2026/27' }).click();
    assert.equal((await table(page, 'plan-table')).length, 2);

    assert.deepEqual(await axe(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the 320px window`);
    assert.deepEqual(problems.console, []);
  });
});
