// A council's consultation published next to the participants' app
// (`take-part/?scenario=council.json`) with a response collector: the participant sends
// their response to a running `csplan collect` and sees the receipt; when the collector is
// gone they see a clear failure, keep every choice and can still download. Bad scenario
// links show a message and the example.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { axe, clean, focusedId, launch, open, serve } from './harness.mjs';

const CSPLAN = process.env.CSPLAN_BIN ?? 'target/debug/csplan';
const extra = new Map();
const dir = mkdtempSync(join(tmpdir(), 'csplan-collector-'));
const db = join(dir, 'responses.db');
let server;
let browser;
let collector;

/** Starts `csplan collect` for `scenario` and resolves with the address it takes responses at. */
function startCollector(scenario, origin) {
  const child = spawn(CSPLAN, ['collect', '--scenario', scenario, '--db', db, '--bind', '127.0.0.1:0', '--origin', origin], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`csplan collect exited with ${code}`)));
    lines.on('line', (line) => {
      const m = line.match(/are taken at (http:\/\/\S+)/);
      if (m) resolve({ child, url: m[1] });
    });
  });
}

before(async () => {
  server = await serve(undefined, '/', extra);
  browser = await launch();
  const scenario = JSON.parse(execFileSync(CSPLAN, ['example'], { encoding: 'utf8' }));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  collector = await startCollector(file, new URL(server.url).origin);
  scenario.consultation.collector_url = collector.url;
  scenario.authority = 'Example council (with its collector)';
  extra.set('take-part/council.json', JSON.stringify(scenario));
  extra.set('council.json', JSON.stringify(scenario));
  extra.set('take-part/broken.json', '{"schema": 1, "authority": ');
});

after(async () => {
  collector?.child.kill('SIGKILL');
  await browser?.close();
  await server?.close();
});

test('an answer lost on the way back: sending again gives the same receipt, and the response is stored once', async () => {
  const { context, page } = await open(browser, `${server.url}take-part/?scenario=council.json`);
  try {
    let posts = 0;
    // The first post reaches the collector, which stores it, but its answer never gets
    // back to the page (the connection drops); the second goes through as normal.
    await page.route(`${collector.url}**`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      if (posts === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.waitForSelector('#consultation-council-tax');
    await page.check('#consultation-children-homes');
    await page.fill('#consultation-council-tax', '2');
    await page.fill('#consultation-comment', 'Retried after a lost answer');
    await page.click('#review');
    await page.click('#send-response');
    await page.waitForSelector('#send-failed');
    await page.click('#send-response');
    await page.waitForSelector('#sent-panel');
    const receipt = await page.locator('#receipt').innerText();
    assert.equal(posts, 2);
    const stored = JSON.parse(execFileSync(CSPLAN, ['responses', 'export', '--db', db, '--format', 'json'], { encoding: 'utf8' }));
    const rows = stored.filter((r) => r.response.comment === 'Retried after a lost answer');
    assert.deepEqual(rows.map((r) => r.receipt), [receipt], 'stored once, under the receipt the page shows');
    assert.match(rows[0].received, /T\d\d:00:00Z$/, 'the arrival time is kept to the hour');
  } finally {
    await context.close();
  }
});

test('keyboard only: send a response to the council\'s collector and see the receipt; then a failure keeps everything', async () => {
  const { context, page } = await open(browser, `${server.url}take-part/?scenario=council.json`, { width: 320 });
  try {
    await page.waitForSelector('#consultation-council-tax');
    // The participants' app: the consultation alone, no planner navigation.
    assert.equal(await page.locator('#navigation').count(), 0);
    await page.focus('#consultation-children-homes');
    await page.keyboard.press('Space');
    await page.focus('#consultation-council-tax');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    assert.match(await page.locator('#balance-summary').innerText(), /^Balanced, with £300,000 to spare/);
    await page.focus('#consultation-comment');
    await page.keyboard.type('Sent from the browser test');
    await page.focus('#review');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#send-response');
    assert.match(await page.locator('main').innerText(), /Your response goes to the council's response service at 127\.0\.0\.1:\d+/);
    await clean(page);
    await page.focus('#send-response');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sent-panel');
    // Focus moves once the panel is drawn (the next animation frame): wait for it, briefly.
    await page.waitForFunction(() => document.activeElement?.id === 'sent-panel', null, { timeout: 2000 }).catch(() => {});
    assert.equal(await focusedId(page), 'sent-panel');
    const receipt = await page.locator('#receipt').innerText();
    assert.match(receipt, /^[0-9A-F]{16}$/);
    assert.match(await page.locator('#send-status').innerText(), new RegExp(`Your receipt number is ${receipt}`));
    await clean(page);
    // The collector stored exactly that response under that receipt.
    const stored = JSON.parse(execFileSync(CSPLAN, ['responses', 'export', '--db', db, '--format', 'json'], { encoding: 'utf8' }));
    const row = stored.find((r) => r.receipt === receipt);
    assert.ok(row, `receipt ${receipt} is in the database`);
    assert.equal(row.response.comment, 'Sent from the browser test');
    assert.deepEqual(row.response.choices.filter((c) => c.value !== '0').map((c) => [c.lever, c.value]),
      [['children-homes', '1'], ['council-tax', '2']]);
    assert.equal(row.response.balance, '300000');

    // The collector goes away: sending again fails clearly, and nothing is lost.
    const gone = new Promise((resolve) => collector.child.once('exit', resolve));
    collector.child.kill('SIGKILL');
    await gone;
    await page.click('#change');
    await page.waitForSelector('#review');
    assert.equal(await page.inputValue('#consultation-council-tax'), '2');
    await page.focus('#review');
    await page.keyboard.press('Enter');
    await page.focus('#send-response');
    await page.keyboard.press('Enter');
    // A refused connection fails at once; one the dead collector left open fails when the
    // app gives up on it, after 30 s (one full run in about ten waited for that).
    await page.waitForSelector('#send-failed', { timeout: 45_000 });
    // Focus moves once the panel is drawn (the next animation frame): wait for it, briefly.
    await page.waitForFunction(() => document.activeElement?.id === 'send-failed', null, { timeout: 2000 }).catch(() => {});
    assert.equal(await focusedId(page), 'send-failed');
    assert.match(await page.locator('#send-failed').innerText(),
      /Your response has not been sent[\s\S]*could not be reached[\s\S]*Nothing you chose has been lost/);
    await clean(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(saved.comment, 'Sent from the browser test');
    assert.equal(saved.choices.find((c) => c.lever === 'council-tax').value, '2');
    await page.click('#change');
    assert.equal(await page.inputValue('#consultation-comment'), 'Sent from the browser test');
  } finally {
    await context.close();
  }
});

test('a scenario link that is not a file on this site, missing or broken shows a message and the example', async () => {
  for (const [name, says] of [
    ['https://elsewhere.example/council.json', /not a file name on this site/],
    ['missing.json', /could not be found \(the server answered 404\)/],
    ['broken.json', /is not a csplan scenario/],
  ]) {
    const { context, page, problems } = await open(browser, `${server.url}take-part/?scenario=${encodeURIComponent(name)}`);
    try {
      await page.waitForSelector('#site-scenario-problem');
      assert.match(await page.locator('#site-scenario-problem').innerText(), says);
      assert.equal(await page.locator('h1').innerText(), "Balance the children's services budget");
      await clean(page);
      assert.deepEqual(problems.external, []);
    } finally {
      await context.close();
    }
  }
});
