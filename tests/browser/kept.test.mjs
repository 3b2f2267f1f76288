// Nothing the user typed is lost (issue 14): a share link, a DfE fill-in or an example
// that replaces the figures first keeps them in this browser and offers them back on
// every page; Save and share keeps, lists, opens and deletes named scenarios; a full
// browser storage refuses the replace instead of losing the figures; and a field that is
// still wrong keeps its text across page groups and a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, axe, clean, loadPreset, open } from './harness.mjs';

const app = await appUnderTest();

/** Types into a field, then waits for autosave (400 ms after the last change). */
async function type(page, id, text) {
  await page.fill(`#${id}`, text);
  await page.waitForTimeout(600);
}

async function barnsleyLink() {
  const other = await open(app.browser, `${app.server.url}?page=scenario`);
  try {
    await loadPreset(other.page, 'barnsley-2017');
    return await other.page.locator('#share-link').getAttribute('href');
  } finally {
    await other.context.close();
  }
}

test('a share link keeps the figures it replaces, and "Put my figures back" brings them back after the reload', async () => {
  const link = await barnsleyLink();
  await app.withPage('', { width: 320 }, async ({ page, problems }) => {
    await type(page, 'cost_per_fte', '61234');
    await page.goto(link);
    await page.waitForSelector('#undo');
    assert.equal(await page.inputValue('#cost_per_fte'), '41839', 'the link opened');
    const banner = await page.locator('#undo-text').innerText();
    assert.match(banner, /come from the shared link \(Barnsley\)/);
    assert.match(banner, /kept in this browser as \u201cExample council, kept before opening the shared link \(Barnsley\)\u201d/);
    await clean(page);
    await page.click('#put-back');
    await page.waitForSelector('#undo', { state: 'detached' });
    assert.equal(await page.inputValue('#cost_per_fte'), '61234');
    await page.waitForTimeout(600);
    await page.reload();
    await page.waitForSelector('#options-table');
    assert.equal(await page.inputValue('#cost_per_fte'), '61234', 'kept after a reload');
    assert.equal(await page.locator('#undo').count(), 0, 'the offer is gone once taken');
    assert.deepEqual(problems.console, []);
  });
});

test('a DfE fill-in keeps the figures it replaces; Save and share keeps, lists, opens and deletes named scenarios by keyboard', async () => {
  await app.withPage('', {}, async ({ page }) => {
    await type(page, 'cost_per_fte', '61234');
    await page.goto(`${app.server.url}?page=workforce`);
    await page.waitForSelector('#dfe-authority');
    await page.selectOption('#dfe-authority', { label: 'Kent' });
    await page.click('#dfe-fill');
    await page.waitForSelector('#dfe-fill-status:has-text("Filled in")');
    assert.match(await page.locator('#dfe-fill-status').innerText(), /earlier figures are kept/);
    assert.match(await page.locator('#undo-text').innerText(), /come from Kent's DfE figures for 2023/);
    await page.waitForTimeout(600);

    await page.goto(`${app.server.url}?page=scenario`);
    await page.waitForSelector('#kept-table');
    assert.match(await page.locator('#kept-table').innerText(), /Example council, kept before opening Kent's DfE figures for 2023/);
    // Keeping needs a name.
    await page.focus('#keep-figures');
    await page.keyboard.press('Enter');
    assert.equal((await page.locator('#keep-name-error').textContent()).trim(), 'Error: Enter a name for these figures');
    // Focus moves after the error is drawn (the next frame): wait for it.
    await page.waitForFunction(() => document.activeElement?.id === 'keep-name');
    await page.keyboard.type('Kent as DfE published it');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#kept-status:has-text("Kept as")');
    const rows = await page.locator('#kept-table tbody tr').allInnerTexts();
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^Kent as DfE published it/);
    await clean(page);

    // Opening the example's figures puts Kent's aside (already kept: no new row) and brings back £61,234.
    await page.locator('#kept-table tbody tr', { hasText: 'Example council' }).locator('.app-kept-open').click();
    await page.waitForSelector('#kept-status:has-text("Opened")');
    assert.equal((await page.locator('#kept-table tbody tr').allInnerTexts()).length, 2, 'figures already kept are not kept twice');
    await page.waitForTimeout(600);
    await page.goto(app.server.url);
    await page.waitForSelector('#options-table');
    assert.equal(await page.inputValue('#cost_per_fte'), '61234');

    await page.goto(`${app.server.url}?page=scenario`);
    await page.waitForSelector('#kept-table');
    await page.locator('#kept-table tbody tr', { hasText: 'Kent as DfE' }).locator('.app-kept-delete').click();
    await page.waitForSelector('#kept-status:has-text("Deleted")');
    assert.doesNotMatch(await page.locator('#kept-table').innerText(), /Kent as DfE/);
    await page.reload();
    await page.waitForSelector('#kept-table');
    assert.doesNotMatch(await page.locator('#kept-table').innerText(), /Kent as DfE/, 'deleted for good');
  });
});

test('with the browser storage full, an example is not loaded over the figures, and the page says why', async () => {
  await app.withPage('?page=scenario', {}, async ({ page }) => {
    await loadPreset(page, 'portsmouth-2017');
    await page.waitForTimeout(600);
    const working = await page.locator('#working-on').innerText();
    // Fill this origin's storage to the last byte.
    await page.evaluate(() => {
      let i = 0;
      for (const size of [1 << 20, 1 << 16, 1 << 10, 64, 1]) {
        try {
          for (;;) localStorage.setItem(`junk${i++}`, 'x'.repeat(size));
        } catch {
          // full at this size: try smaller
        }
      }
    });
    await loadPreset(page, 'barnsley-2017');
    const error = (await page.locator('#preset-error').textContent()).trim();
    assert.match(error, /^Error: Your figures have not been replaced: they could not be put aside first\. This browser has no room left/);
    assert.equal(await page.locator('#working-on').innerText(), working, 'still the figures they had');
    await clean(page);
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('junk')) localStorage.removeItem(k);
    });
    await loadPreset(page);
    await page.waitForSelector('#undo');
    assert.match(await page.locator('#working-on').innerText(), /Barnsley/);
  });
});

test('a preset that cannot be downloaded, or arrives damaged, changes nothing and says why; the next try loads it', async () => {
  await app.withPage('?page=caseloads', {}, async ({ page }) => {
    const cost = await page.inputValue('#cost_per_fte');
    await page.route('**/presets/*.txt', (route) => route.abort('internetdisconnected'));
    await loadPreset(page, 'barnsley-2017');
    assert.equal(
      (await page.locator('#preset-error').textContent()).trim(),
      'Error: The figures for Barnsley, December 2017 could not be downloaded. Check your connection, then try again.',
    );
    assert.equal(await page.inputValue('#cost_per_fte'), cost, 'the figures are unchanged');
    await page.unroute('**/presets/*.txt');
    await page.route('**/presets/*.txt', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: '<html>' }));
    await loadPreset(page);
    assert.match((await page.locator('#preset-error').textContent()).trim(), /^Error: The figures for Barnsley, December 2017 could not be read \(.+\)\. Reload the page, then try again\.$/);
    assert.equal(await page.inputValue('#cost_per_fte'), cost, 'still unchanged');
    await page.unroute('**/presets/*.txt');
    await page.route('**/presets/*.txt', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await loadPreset(page);
    assert.match(await page.locator('#preset-error').textContent(), /could not be downloaded \(the server answered 404\)/);
    await page.unroute('**/presets/*.txt');
    await loadPreset(page);
    assert.equal(await page.locator('#preset-error').count(), 0);
    assert.equal((await page.locator('#preset-status').textContent()).trim(), 'Loaded the figures for Barnsley, December 2017.');
    assert.notEqual(await page.inputValue('#cost_per_fte'), cost, 'Barnsley\'s figures now');
    await clean(page);
  });
});

test('on a slow connection the loader says it is loading, and a second press while it is does not load twice', async () => {
  await app.withPage('?page=caseloads', {}, async ({ page }) => {
    let release;
    const held = new Promise((r) => { release = r; });
    let requests = 0;
    await page.route('**/presets/*.txt', async (route) => {
      requests += 1;
      await held;
      await route.continue();
    });
    await page.selectOption('#preset', 'barnsley-2017');
    const before = Number(await page.getAttribute('#preset-status', 'data-loads'));
    await page.click('#load-preset');
    await page.waitForFunction(() => document.getElementById('preset-status').textContent.includes('Loading the figures for Barnsley, December 2017'));
    await page.click('#load-preset');
    release();
    await page.waitForFunction((n) => Number(document.getElementById('preset-status').dataset.loads) > n, before);
    assert.equal((await page.locator('#preset-status').textContent()).trim(), 'Loaded the figures for Barnsley, December 2017.');
    await page.waitForTimeout(300);
    assert.equal(Number(await page.getAttribute('#preset-status', 'data-loads')), before + 1, 'one load, not two');
    assert.equal(requests, 1);
    await page.waitForSelector('text=Barnsley, figures as at 2017-09-30');
  });
});

test('a field that is still wrong keeps its typed text across page groups and a reload', async () => {
  await app.withPage('', {}, async ({ page }) => {
    await type(page, 'cost_per_fte', '41,8x9');
    await page.waitForSelector('#cost_per_fte-error');
    await page.click('#navigation a[href="?page=workforce"]');
    await page.waitForSelector('#dfe-authority');
    await page.click('#navigation a[href="./"]');
    await page.waitForSelector('#cost_per_fte');
    assert.equal(await page.inputValue('#cost_per_fte'), '41,8x9');
    await page.reload();
    await page.waitForSelector('#cost_per_fte-error');
    assert.equal(await page.inputValue('#cost_per_fte'), '41,8x9');
    assert.match(await page.locator('#cost_per_fte-error').textContent(), /cost per FTE/i);
  });
});

test('a kept scenario damaged in storage is not put back over the figures, and the banner says why', async () => {
  const link = await barnsleyLink();
  await app.withPage('', {}, async ({ page }) => {
    await type(page, 'cost_per_fte', '61234');
    await page.goto(link);
    await page.waitForSelector('#undo');
    // Damage the kept copy, as another tab or a tool might.
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) {
        if (/^csplan\.kept\.v1\.\d+$/.test(k)) localStorage.setItem(k, 'not form text at all');
      }
    });
    await page.click('#put-back');
    await page.waitForSelector('#undo-error');
    assert.match((await page.locator('#undo-error').textContent()).trim(), /^Error: /);
    assert.equal(await page.inputValue('#cost_per_fte'), '41839', "the link's figures are still shown, not a broken form");
    assert.deepEqual(await axe(page), []);
  });
});

test('two tabs keeping and deleting at once: each lists what the other kept or deleted, without a reload', async () => {
  await app.withPage('?page=scenario', {}, async ({ page }) => {
    const other = await page.context().newPage();
    await other.goto(`${app.server.url}?page=scenario`);
    await Promise.all([page.waitForSelector('#kept-none'), other.waitForSelector('#kept-none')]);
    /** Keeps the tab's figures as `name`, by keyboard. */
    async function keep(tab, name) {
      await tab.focus('#keep-name');
      await tab.keyboard.type(name);
      await tab.focus('#keep-figures');
      await tab.keyboard.press('Enter');
      await tab.waitForSelector(`#kept-status:has-text("Kept as “${name}”")`);
    }
    const names = (tab) => tab.$$eval('#kept-table tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
    await keep(page, 'From the first tab');
    // The other tab lists it without a reload, and what it keeps next sits beside it.
    await other.waitForFunction(() => document.getElementById('kept-table')?.innerText.includes('From the first tab'));
    await keep(other, 'From the second tab');
    await page.waitForFunction(() => document.getElementById('kept-table')?.innerText.includes('From the second tab'));
    assert.deepEqual(await names(page), ['From the second tab', 'From the first tab']);
    assert.deepEqual(await names(other), ['From the second tab', 'From the first tab']);
    // A delete in one tab is gone from the other's list too.
    await page.locator('#kept-table tbody tr', { hasText: 'From the second tab' }).locator('.app-kept-delete').click();
    await other.waitForFunction(() => !document.getElementById('kept-table')?.innerText.includes('From the second tab'));
    assert.ok(!(await names(page)).includes('From the second tab'));
    await clean(other);
    await other.close();
  });
});
