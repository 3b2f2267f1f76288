// Papers ready to paste (issue 14): the summary to print carries the charts of the pages
// and an honest source line, and How it works names each figure in words, with each
// working once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, axe, loadPreset } from './harness.mjs';

const app = await appUnderTest();

test('the summary to print has the charts the scenario has figures for, each titled above it', async () => {
  await app.withPage('?page=scenario', {}, async ({ page }) => {
    await loadPreset(page, 'portsmouth-2017');
    await page.click('#summary-link');
    await page.waitForSelector('#summary-charts #placements-chart');
    for (const id of ['placements-chart', 'budget-history-chart', 'invest-chart']) {
      assert.equal(await page.locator(`#summary-charts #${id}`).count(), 1, id);
      assert.equal(await page.locator(`#summary-charts #${id}-heading`).isVisible(), true);
    }
    assert.equal(await page.locator('#summary-charts #plan-chart').count(), 0, 'Portsmouth has no budget plan');
    assert.deepEqual(await axe(page), []);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#summary-charts #invest-chart').isVisible(), true, 'the charts are printed');
    assert.equal(await page.locator('#invest-chart-svg').isVisible(), false, 'their download links are not');
  });
});

test('How it works names each figure in words, its JSON path beside it, and gives each working once', async () => {
  await app.withPage('?page=scenario', {}, async ({ page }) => {
    await loadPreset(page, 'barnsley-2017');
    await page.goto(`${app.server.url}?page=explain`);
    await page.waitForSelector('#explain-caseloads');
    await page.click('#explain-caseloads summary');
    const row = page.locator('#explain-caseloads-table tr', { hasText: 'options[1].at_targets[0].posts' });
    assert.match(
      await row.innerText(),
      /^Option 2 \(recommended\): excluding adoption and fostering teams, at a caseload of 18: posts\noptions\[1\]\.at_targets\[0\]\.posts\t14\t/,
    );
    const table = await page.locator('#explain-caseloads-table').innerText();
    const worked = (table.match(/Worked: /g) ?? []).length;
    const rows = await page.locator('#explain-caseloads-table tbody tr').count();
    // Three team groups and three options at two targets: nine workings, not one a row.
    assert.equal(worked, 9, `${worked} workings over ${rows} rows`);
    assert.ok(rows > 40);
    assert.deepEqual(await axe(page), []);
  });
});

test("the summary's source line does not call the user's own figures the example's", async () => {
  await app.withPage('', {}, async ({ page }) => {
    await page.fill('#authority', 'Kent County Council');
    await page.waitForTimeout(600);
    await page.goto(`${app.server.url}?page=summary`);
    await page.waitForSelector('#summary-date');
    const line = await page.locator('#summary-date').innerText();
    assert.doesNotMatch(line, /not a real authority/);
    assert.match(line, /Figures entered by you for Kent County Council, starting from the \u201cExample council \(default\)\u201d preset\./);
  });
});

test('How it works names each input in words too, with its path beneath', async () => {
  await app.withPage('?page=scenario', {}, async ({ page }) => {
    await loadPreset(page, 'barnsley-2017');
    await page.goto(`${app.server.url}?page=explain`);
    await page.waitForSelector('#explain-inputs');
    await page.click('#explain-inputs summary');
    const row = page.locator('#explain-inputs-table tr', { hasText: 'teams[0].target_caseload' });
    assert.match(
      await row.innerText(),
      /^Assessment, safeguarding, children in care and care leavers teams: target caseload\nteams\[0\]\.target_caseload\tCaseloads\t18\t/,
    );
    assert.deepEqual(await axe(page), []);
  });
});

test('the summary names the rows still as the example has them, and not the ones the user changed', async () => {
  await app.withPage('', {}, async ({ page }) => {
    await page.fill('#authority', 'Kent County Council');
    await page.fill('#teams-0-target_caseload', '15');
    await page.waitForTimeout(600);
    await page.goto(`${app.server.url}?page=summary`);
    await page.waitForSelector('#summary-unchanged');
    const said = await page.locator('#summary-unchanged').innerText();
    assert.match(said, /Still the “Example council \(default\)” preset's figures, not entered by you: /);
    assert.match(said, /Child protection and children in need teams; Children in care teams; Disabled children's team/);
    assert.doesNotMatch(said, /Assessment teams/, 'the team group changed is the user\'s');
    assert.match(said, /Merge two children's homes/);
    assert.deepEqual(await axe(page), []);
  });
  // The example as it is, under its own name, is not called anyone's.
  await app.withPage('?page=summary', {}, async ({ page }) => {
    await page.waitForSelector('#summary-date');
    assert.equal(await page.locator('#summary-unchanged').count(), 0);
  });
});
