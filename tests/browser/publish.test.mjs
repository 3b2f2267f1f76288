// The app as a council publishes it (README, "Publish it"): dist/ copied under a sub-path
// (/csplan/) of a static server that sends the recommended headers, Content-Security-Policy
// included. Every page works with no CSP violation; deep links, share links and a council's
// scenario file open there and survive a reload; downloads (data: URLs) still work; a
// response goes to a collector on another origin only when connect-src names it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launch, loadPreset, open, serve } from './harness.mjs';

/** The README's Content-Security-Policy, word for word (checked below): no inline script or style. */
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** trunk's hashed file names: safe to cache for a year. */
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|css|wasm)$/;

/** The CSP the server sends; one test adds a collector's origin to connect-src. */
let sending = CSP;

/** The README's headers for a file under the app's folder ('' is the folder itself). */
function headers(file) {
  const cache = HASHED.test(file)
    ? 'public, max-age=31536000, immutable'
    : file.endsWith('.tsv')
      ? 'public, max-age=86400'
      : 'no-cache';
  return {
    'content-security-policy': sending,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': cache,
  };
}

const CSPLAN = process.env.CSPLAN_BIN ?? 'target/debug/csplan';
// A council's scenario published beside the app, with its consultation.
const extra = new Map([['council.json', execFileSync(CSPLAN, ['example', '--preset', 'hampshire-2021'])]]);
let server;
let browser;

before(async () => {
  server = await serve(process.env.CSPLAN_DIST ?? 'dist', '/csplan/', extra, headers);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `query` under /csplan/, runs `body`, then checks nothing was blocked or failed. */
async function published(query, ready, body = async () => {}) {
  const { context, page, problems } = await open(browser, server.url + query);
  try {
    await page.waitForSelector(ready);
    await body(page);
    assert.deepEqual(problems.csp, [], 'no Content-Security-Policy violation');
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
  } finally {
    await context.close();
  }
}

test('the README gives this CSP word for word, and the server sends it with the caching headers', async () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(CSP), 'README.md, "Publish it", has the CSP the test uses');
  const index = await fetch(server.url);
  assert.equal(index.headers.get('content-security-policy'), CSP);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const html = await index.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in index.html');
  const start = html.match(/src="\.\/(start-[0-9a-f]{16}\.js)"/);
  assert.ok(start, 'the app starts from a hashed file');
  const js = await fetch(server.url + start[1]);
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
});

/** Each page with a scenario that draws its figures (a preset, and a section added). */
const PAGES = [
  { query: '', h1: 'Caseloads', figure: '#options-table' },
  // DfE's workforce table is fetched from the app's folder (connect-src 'self') and read.
  { query: '?page=workforce', h1: 'Workforce', preset: 'west-sussex-2019', figure: '#projection-chart', also: '#dfe-authority' },
  { query: '?page=demand', h1: 'Demand', preset: 'portsmouth-2017', figure: '#demand-chart' },
  { query: '?page=cost-of-care', h1: 'Cost of care', preset: 'portsmouth-2017', figure: '#placements-chart' },
  { query: '?page=children-in-care', h1: 'Children in care', preset: 'portsmouth-2017', add: '#add-flows', figure: '#flows-chart' },
  { query: '?page=budget', h1: 'Budget', figure: '#plan-chart' },
  { query: '?page=consultation', h1: "Balance the children's services budget", figure: '#balance-summary' },
  { query: '?page=scenario', h1: 'Save and share', figure: '#share-link' },
  { query: '?page=explain', h1: 'How it works', figure: '#explain-caseloads' },
  { query: '?page=summary', h1: 'Summary: Example council', figure: '#summary-results' },
  // The participants' app, in its own folder beside the planner.
  { query: 'take-part/', h1: "Balance the children's services budget", figure: '#balance-summary' },
];

for (const p of PAGES) {
  test(`${p.h1} under /csplan/ with the CSP: its figures show, nothing is blocked, a reload keeps them`, async () => {
    await published(p.query, 'h1', async (page) => {
      if (p.preset) {
        await loadPreset(page, p.preset);
      }
      if (p.add) await page.click(p.add);
      await page.waitForSelector(p.figure);
      if (p.also) await page.waitForSelector(p.also);
      assert.equal(await page.locator('h1').innerText(), p.h1);
      await page.reload();
      await page.waitForSelector(p.figure);
      assert.equal(await page.locator('h1').innerText(), p.h1, 'the deep link survives a reload');
      assert.ok(page.url().startsWith(server.url), 'still under /csplan/');
    });
  });
}

test('no element carries an inline style, so style-src needs no exception', async () => {
  await published('', '#options-table', async (page) => {
    assert.equal(await page.locator('[style]').count(), 0);
    assert.equal(await page.$eval('.app-align-end', (b) => getComputedStyle(b).alignSelf), 'flex-end');
  });
});

test('a figure is calculated under the CSP (the wasm runs): £45,000 a post', async () => {
  await published('', '#options-table', async (page) => {
    await page.fill('#cost_per_fte', '45000');
    await page.waitForFunction(() => document.querySelector('#options-table')?.innerText.includes('£45,000'));
  });
});

test('a share link made under /csplan/ opens there in a fresh browser and survives a reload', async () => {
  let link;
  await published('', '#options-table', async (page) => {
    await page.fill('#cost_per_fte', '45000');
    await page.click('#navigation a[href="?page=scenario"]');
    link = await page.locator('#share-link').getAttribute('href');
  });
  assert.ok(link.startsWith(`${server.url}?s=1.`), `the link is under /csplan/: ${link}`);
  await published(link.slice(server.url.length), '#options-table', async (page) => {
    assert.equal(await page.inputValue('#cost_per_fte'), '45000');
    await page.reload();
    await page.waitForSelector('#options-table');
    assert.equal(await page.inputValue('#cost_per_fte'), '45000');
  });
});

test("a council's scenario beside the app opens its consultation under /csplan/, and after a reload", async () => {
  await published('?page=consultation&scenario=council.json', '#balance-summary', async (page) => {
    const h1 = await page.locator('h1').innerText();
    await page.reload();
    await page.waitForSelector('#balance-summary');
    assert.equal(await page.locator('h1').innerText(), h1);
    assert.match(await page.locator('body').innerText(), /Hampshire/);
  });
});

test('downloads (a data: URL on a link) are not blocked by the CSP', async () => {
  await published('?page=scenario', '#share-link', async (page) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-scenario')]);
    const saved = readFileSync(await download.path(), 'utf8');
    assert.match(saved, /"schema": 1/);
  });
});

test("a response goes to the council's collector on another origin once connect-src names it, and not before", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'csplan-publish-'));
  const file = join(dir, 'scenario.json');
  const scenario = JSON.parse(execFileSync(CSPLAN, ['example'], { encoding: 'utf8' }));
  writeFileSync(file, JSON.stringify(scenario));
  const args = ['collect', '--scenario', file, '--db', join(dir, 'responses.db'), '--bind', '127.0.0.1:0', '--origin', new URL(server.url).origin];
  const child = spawn(CSPLAN, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`csplan collect exited with ${code}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = line.match(/are taken at (http:\/\/\S+)/);
        if (m) resolve(m[1]);
      });
    });
    scenario.consultation.collector_url = url;
    extra.set('collected.json', JSON.stringify(scenario));
    const collector = new URL(url).origin;
    for (const [csp, sent] of [[CSP, false], [CSP.replace("connect-src 'self'", `connect-src 'self' ${collector}`), true]]) {
      sending = csp;
      const { context, page, problems } = await open(browser, `${server.url}?page=consultation&scenario=collected.json`);
      try {
        await page.waitForSelector('#consultation-council-tax');
        await page.check('#consultation-children-homes');
        await page.fill('#consultation-council-tax', '2');
        await page.click('#review');
        await page.click('#send-response');
        await page.waitForSelector(sent ? '#sent-panel' : '#send-failed');
        if (sent) {
          assert.match(await page.locator('#receipt').innerText(), /^[0-9A-F]{16}$/);
          assert.deepEqual(problems.csp, []);
        } else {
          assert.ok(problems.csp.length > 0, 'the post was blocked by the CSP');
          for (const v of problems.csp) assert.ok(v.startsWith(`connect-src blocked ${collector}`), v);
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    sending = CSP;
    child.kill('SIGKILL');
  }
});
