// Save and share in Chromium: a share link reopens the same figures in a fresh browser;
// a downloaded file opens back to the same figures, and a bad file lists its problems and
// changes nothing; the figures survive a reload and "forget" starts again; a damaged link
// shows a message and the example; the comparison with a preset lists what differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest, axe, clean, loadPreset, open } from './harness.mjs';

const app = await appUnderTest();

async function optionsTable(page) {
  return page.locator('#options-table').innerText();
}

test('a share link reopens exactly the same figures in a fresh browser, and the comparison lists what differs', async () => {
  await app.withPage('?page=scenario', { width: 320 }, async ({ page, problems }) => {
    await loadPreset(page, 'barnsley-2017');
    await page.click('a[href="./"]');
    await page.fill('#cost_per_fte', '45000');
    const figures = await optionsTable(page);
    assert.match(figures, /£630,000/, '14 posts at £45,000');
    await page.click('#navigation a[href="?page=scenario"]');
    await page.selectOption('#compare-with', 'barnsley-2017');
    const inputs = await page.locator('#compare-inputs').innerText();
    assert.match(inputs, /Inputs that differ \(1\)/);
    assert.match(inputs, /cost_per_fte\s+45000\s+41839/);
    assert.match(await page.locator('#compare-results').innerText(), /630000\s+585746/);
    await clean(page);
    const link = await page.locator('#share-link').getAttribute('href');
    assert.match(link, /\?s=1\.barnsley-2017\.[0-9a-f]{8}\./);
    assert.ok(link.length < 200, `short link: ${link.length} characters`);
    assert.deepEqual(problems.console, []);

    const fresh = await open(app.browser, link);
    try {
      await fresh.page.waitForSelector('#options-table');
      assert.equal(await fresh.page.inputValue('#cost_per_fte'), '45000');
      assert.equal(await optionsTable(fresh.page), figures);
      assert.doesNotMatch(fresh.page.url(), /[?&]s=/, 'the link is taken out of the address once opened');
      // Edits survive a reload (saved in this browser), and are not undone by the link.
      await fresh.page.fill('#cost_per_fte', '46000');
      await fresh.page.reload();
      await fresh.page.waitForSelector('#options-table');
      assert.equal(await fresh.page.inputValue('#cost_per_fte'), '46000');
      assert.match(await fresh.page.locator('#autosave-note').innerText(), /saved in this browser/);
      await fresh.page.click('#autosave-note a');
      await fresh.page.click('#forget-saved');
      await fresh.page.reload();
      await fresh.page.waitForSelector('#working-on');
      assert.match(await fresh.page.locator('#working-on').innerText(), /Example council/);
    } finally {
      await fresh.context.close();
    }
  });
});

test('save then open gives the same figures; a bad or newer file lists its problems and changes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'csplan-scenario-'));
  await app.withPage('?page=scenario', {}, async ({ page }) => {
    await loadPreset(page, 'portsmouth-2017');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-scenario')]);
    const saved = readFileSync(await download.path(), 'utf8');
    assert.equal(JSON.parse(saved).authority, 'Portsmouth');
    // Back to the example, then open the saved file with the keyboard.
    await loadPreset(page, 'example');
    const file = join(dir, 'portsmouth.json');
    writeFileSync(file, saved);
    await page.setInputFiles('#scenario-file', file);
    await page.focus('#open-scenario');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#opened');
    assert.match(await page.locator('#opened').innerText(), /Opened portsmouth\.json/);
    assert.match(await page.locator('#working-on').innerText(), /Portsmouth \(from portsmouth\.json\)/);
    await page.click('#navigation a[href="?page=cost-of-care"]');
    // Another group of pages: a page load, so wait for it to draw.
    await page.waitForSelector('#placements-table');
    assert.match(await page.locator('main').innerText(), /£10,377,402/);
    await page.click('#navigation a[href="?page=scenario"]');

    // A file with problems: every one listed, nothing changed.
    const bad = JSON.parse(saved);
    bad.authority = '';
    bad.cost_per_fte = '-5';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    await page.setInputFiles('#scenario-file', join(dir, 'bad.json'));
    await page.click('#open-scenario');
    await page.waitForSelector('#open-errors');
    const listed = await page.locator('#open-errors').innerText();
    assert.match(listed, /authority: Enter the name of the local authority/);
    assert.match(listed, /cost_per_fte: /);
    assert.equal(await page.title(), 'Error: Save and share - Children\'s Services Planner');
    assert.match(await page.locator('#working-on').innerText(), /Portsmouth/);
    await clean(page);
    // A file from a newer csplan, and one that is not JSON.
    writeFileSync(join(dir, 'newer.json'), JSON.stringify({ ...JSON.parse(saved), schema: 2 }));
    await page.setInputFiles('#scenario-file', join(dir, 'newer.json'));
    await page.click('#open-scenario');
    await page.waitForFunction(() => /newer csplan/.test(document.querySelector('#open-errors')?.innerText ?? ''));
    writeFileSync(join(dir, 'notes.json'), 'not json at all');
    await page.setInputFiles('#scenario-file', join(dir, 'notes.json'));
    await page.click('#open-scenario');
    await page.waitForFunction(() => /not JSON/.test(document.querySelector('#open-errors')?.innerText ?? ''));
    assert.match(await page.locator('#working-on').innerText(), /Portsmouth/);
  });
});

test('a damaged or changed share link shows a message and the example council', async () => {
  for (const link of ['?s=1.example.deadbeef.e30', '?s=1.barnsley-2017.00000000.eyJjb3N0X3Blcl9mdGUiOiI0NTAwMCJ9', '?s=9.example.x.y']) {
    await app.withPage(link, { width: 320 }, async ({ page }) => {
      await page.waitForSelector('#site-scenario-problem');
      assert.match(await page.locator('#site-scenario-problem').innerText(), /damaged|newer csplan/);
      assert.match(await page.locator('main').innerText(), /Example council|example council/);
      await clean(page);
    });
  }
});

test('how it works: each figure with its formula and inputs, each input with its source', async () => {
  await app.withPage('?page=scenario', { width: 320 }, async ({ page }) => {
    await loadPreset(page, 'barnsley-2017');
    await page.click('a[href="./"]');
    await page.fill('#cost_per_fte', '45000');
    await page.click('#navigation a[href="?page=explain"]');
    await page.waitForSelector('#explain-caseloads');
    await page.click('#explain-caseloads summary');
    const row = page.locator('#explain-caseloads-table tr', { hasText: 'teams[0].cost' }).first();
    const text = await row.innerText();
    assert.match(text, /teams\[0\]\.cost\s+405000/);
    assert.match(text, /Cost a year: posts x cost per FTE, to the penny/);
    assert.match(text, /From: posts = 9; cost per FTE = 45,000/);
    assert.match(text, /Worked: 62\.8 FTE x 20\.5 = 1,287\.4 cases/);
    await page.click('#explain-workforce summary').catch(() => {});
    await page.click('#explain-inputs summary');
    const source = await page.locator('#explain-inputs-table tr', { hasText: 'cost_per_fte' }).first().innerText();
    assert.match(source, /cost_per_fte\s+Caseloads\s+45000\s+Entered by you/);
    const kept = await page.locator('#explain-inputs-table tr', { hasText: 'teams[0].target_caseload' }).first().innerText();
    assert.match(kept, /Barnsley, December 2017 preset/);
    assert.match(await page.locator('#explain-source').innerText(), /come from the Barnsley, December 2017 preset/);
    await clean(page);
  });
});

test('a printable summary: the inputs, the key results and the date; the print layout drops navigation and buttons', async () => {
  await app.withPage('?page=scenario', {}, async ({ page }) => {
    await loadPreset(page, 'barnsley-2017');
    await page.click('#summary-link');
    await page.waitForSelector('#summary-results');
    assert.equal(await page.locator('h1').innerText(), 'Summary: Barnsley');
    assert.match(await page.locator('#summary-date').innerText(), /^Printed \d{1,2} [A-Z][a-z]+ 20\d\d from the Children's Services Planner\. Figures as at 2017/);
    assert.match(await page.locator('#summary-inputs').innerText(), /Cost of a post a year\s+£41,839/);
    const results = await page.locator('#summary-results').innerText();
    assert.match(results, /9 posts at £41,839: £376,551/);
    assert.match(results, /All team groups\s+15 posts, £627,585 a year/);
    await clean(page);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['#navigation', '#print-summary', '#autosave-note']) {
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
    }
    assert.equal(await page.locator('#summary-results').isVisible(), true);
  });
});

test('the summary to print holds every results table (placements, invest to save), and a DfE fill-in prints no "%%" or instruction', async () => {
  await app.withPage('?page=scenario', {}, async ({ page }) => {
    await loadPreset(page, 'portsmouth-2017');
    await page.click('#summary-link');
    await page.waitForSelector('#summary-tables #placements-table');
    assert.equal(await page.locator('#summary-tables #invest-table').count(), 1);
    assert.match(await page.locator('#summary-tables #placements-table').innerText(), /External residential/i);
    await clean(page);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#summary-tables #invest-table').isVisible(), true, 'the tables are printed');
  });
  await app.withPage('?page=workforce', {}, async ({ page }) => {
    await page.waitForSelector('#dfe-authority');
    await page.selectOption('#dfe-authority', { label: 'Kent' });
    await page.waitForSelector('#benchmark-table');
    await page.click('#dfe-fill');
    await page.waitForSelector('#dfe-fill-status:has-text("Filled in")');
    await page.goto(page.url().replace('?page=workforce', '?page=summary'));
    await page.waitForSelector('#summary-results');
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /%%/);
    assert.match(text, /vacant \(16\.0%\), agency 14\.2%/);
    assert.doesNotMatch(await page.locator('#summary-date').innerText(), /enter your own/);
  });
});

test('every results table offers its figures as CSV', async () => {
  await app.withPage('?page=budget', {}, async ({ page }) => {
    await loadPreset(page, 'hampshire-2021');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#plan-csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    const table = await page.locator('#plan-table').innerText();
    const firstRow = table.split('\n')[1].split('\t')[0];
    assert.match(csv, new RegExp(`^Year,`));
    assert.ok(csv.includes(firstRow), `the CSV holds the table's rows (${firstRow})`);
  });
  await app.withPage('', {}, async ({ page }) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#options-csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /^Option,FTE now,Caseload now,Extra FTE at 18,Posts at 18,Cost a year at 18 \(£\)/);
  });
});
