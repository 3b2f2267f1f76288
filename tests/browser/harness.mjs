// Shared by the browser tests and the benchmark: a static server for dist/ on 127.0.0.1,
// Debian's Chromium through playwright-core, and axe-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
};

/**
 * Serves `dir` on an ephemeral 127.0.0.1 port, optionally under a sub-path like /csplan/.
 * `extra` maps file names (relative to `base`) to contents served beside the app, as a
 * council publishes its scenario file next to it; it is read at request time.
 * `headers(file)` gives extra response headers for a file name (relative to `base`, '' for
 * the folder itself), as a web server configured from the README's "Publish it" would.
 */
export async function serve(dir = process.env.CSPLAN_DIST ?? 'dist', base = '/', extra = new Map(), headers = () => ({})) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end('not found');
      return;
    }
    const added = extra.get(path.slice(base.length));
    const more = headers(path.slice(base.length));
    if (added !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', ...more }).end(added);
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...more }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}${base}`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh context and page that record console errors, page errors, every request
 * that would leave 127.0.0.1 (which is aborted) and every Content-Security-Policy violation
 * (`problems.csp`: directive, what was blocked, where; only a server that sends a CSP has any).
 */
export async function open(browser, url, { width = 1024, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = { console: [], external: [], csp: [] };
  await page.exposeFunction('csplanTestCspViolation', (v) => problems.csp.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      globalThis.csplanTestCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(m.text());
  });
  page.on('pageerror', (e) => problems.console.push(String(e)));
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    problems.external.push(u.href);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector('h1');
  return { context, page, problems };
}

/** axe-core violations (WCAG 2.2 A and AA tags) of the page as it is now. */
export async function axe(page) {
  await page.addScriptTag({ content: await readFile(AXE_SOURCE, 'utf8') });
  const result = await page.evaluate(
    (tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Loads preset `id` (the one chosen, if none) with "Load figures", by a click unless `how`
 * presses it some other way, and waits until the load has finished, well or not: every
 * preset but the default is fetched when loaded.
 */
export async function loadPreset(page, id, how = (p) => p.click('#load-preset')) {
  if (id) await page.selectOption('#preset', id);
  const before = Number(await page.getAttribute('#preset-status', 'data-loads'));
  await how(page);
  await page.waitForFunction((n) => Number(document.getElementById('preset-status')?.dataset.loads) > n, before);
}

/**
 * The id of the focused element once the page has drawn two more frames: the app moves the
 * focus (to a new card's first field, or to the Add button after a Remove) in the next frame.
 */
export async function focusedId(page) {
  return page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(document.activeElement.id)))),
  );
}

/** Fails unless axe finds nothing and the page is no wider than its window. */
export async function clean(page) {
  const { default: assert } = await import('node:assert/strict');
  assert.deepEqual(await axe(page), []);
  const [overflow, width] = await page.evaluate(() => [document.documentElement.scrollWidth - window.innerWidth, window.innerWidth]);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px window`);
}

/**
 * Registers node:test hooks that start the static server and Chromium once for a file,
 * and returns `withPage(query, options, body)`: runs `body({ page, problems })` in a fresh
 * context at the app's URL plus `query`, and always closes the context.
 */
export async function appUnderTest() {
  const { after, before } = await import('node:test');
  const app = {};
  before(async () => {
    app.server = await serve();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  app.withPage = async (query, options, body) => {
    const { context, page, problems } = await open(app.browser, app.server.url + query, options);
    try {
      return await body({ page, problems });
    } finally {
      await context.close();
    }
  };
  return app;
}
