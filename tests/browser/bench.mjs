// Benchmark (not a test): time from an input event to the updated figures in the DOM, in
// headless Chromium, over 200 edits each of the Caseloads page (Barnsley's options table)
// and the Workforce page (West Sussex: recruits a month, which re-runs the 36-month
// projection and redraws its chart and tables, with the month-by-month table closed as the
// page opens, then open); then the Consultation results page reading
// a collector export of 10,000 responses (each checked against the consultation and
// summarised, from choosing the file to the table drawn). First, the longest task as each
// of five pages opens at 4x CPU. Run by `cargo xtask bench`, which
// prints the download size first.
import { launch, loadPreset, open, serve } from './harness.mjs';

const EDITS = 200;

/**
 * Sets `input` to `base + i * step` (i = 0, 1, ...) and times until `watched`'s text
 * changes, `EDITS` times.
 */
async function timeEdits(page, input, watched, base, step) {
  return page.evaluate(
    async ({ n, input, watched, base, step }) => {
      const field = document.getElementById(input);
      const main = document.getElementById('main-content');
      const out = [];
      for (let i = 0; i < n; i++) {
        const before = document.getElementById(watched)?.textContent;
        const updated = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (document.getElementById(watched)?.textContent !== before) {
              observer.disconnect();
              resolve(performance.now());
            }
          });
          observer.observe(main, { subtree: true, childList: true, characterData: true });
        });
        const start = performance.now();
        field.value = (base + i * step).toFixed(2);
        field.dispatchEvent(new Event('input', { bubbles: true }));
        out.push((await updated) - start);
        await new Promise((r) => setTimeout(r, 0));
      }
      return out;
    },
    { n: EDITS, input, watched, base, step },
  );
}

function report(what, times) {
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  console.log(
    `    ${what}, ${EDITS} edits: median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`,
  );
}

/**
 * The longest main-thread tasks as `url` opens in a fresh browser, the CPU slowed 4x as
 * Lighthouse's mobile run does, until the page has been still for a second: the first
 * draw should come in short tasks, so the page can be used as soon as it is drawn.
 */
async function openingTasks(browser, url) {
  const longest = [];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__tasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.waitForSelector('h1');
    await page.waitForTimeout(1000);
    const tasks = await page.evaluate(() => window.__tasks);
    longest.push(Math.round(Math.max(0, ...tasks)));
    await context.close();
  }
  return longest;
}

const server = await serve();
const browser = await launch();
try {
  for (const [what, query] of [['home', ''], ['Workforce', '?page=workforce'], ['Budget', '?page=budget'], ['How it works', '?page=explain'], ["participants' app", 'take-part/']]) {
    const runs = await openingTasks(browser, `${server.url}${query}`);
    console.log(`    opening ${what} at 4x CPU: longest task ${runs.join(', ')} ms (three fresh browsers)`);
  }
  const { page } = await open(browser, server.url);
  await loadPreset(page, 'barnsley-2017');
  await page.waitForSelector('#options-table');
  report('Caseloads: input event -> options table updated', await timeEdits(page, 'cost_per_fte', 'options-table', 40000, 1));

  const workforce = await open(browser, `${server.url}?page=workforce`);
  await loadPreset(workforce.page, 'west-sussex-2019');
  await workforce.page.waitForSelector('#projection-chart');
  // As the page opens: the chart (its lines and its description) and every table (the
  // month-by-month table is drawn only once "Show the projection as a table" is opened).
  report(
    'Workforce: input event -> projection chart updated, month table closed',
    await timeEdits(workforce.page, 'workforce-roles-0-recruits_per_month', 'projection-chart', 1, 0.01),
  );
  await workforce.page.click('text=Show the projection as a table');
  await workforce.page.waitForSelector('#projection-table');
  report(
    'Workforce: input event -> 36-month projection table updated, month table open',
    await timeEdits(workforce.page, 'workforce-roles-0-recruits_per_month', 'projection-table', 1, 0.01),
  );

  // 10,000 responses to the example consultation, as one collector export: a mix of
  // proposals, council tax and comments, each balanced.
  const RESPONSES = 10_000;
  const rows = [];
  for (let i = 0; i < RESPONSES; i++) {
    const choices = [{ lever: 'council-tax', value: i % 2 ? '3' : '2.5', comment: '' }];
    if (i % 3 === 0) choices.unshift({ lever: 'children-homes', value: '1', comment: i % 30 === 0 ? 'A comment' : '' });
    rows.push({
      receipt: `R${i}`, received: '2027-01-14T15:00:00Z',
      response: { schema: 1, id: `r${i}`, consultation: 'example-2024', choices, comment: '', about_you: [], balance: '0', balanced: false },
    });
  }
  const results = await open(browser, `${server.url}?page=consultation-results`);
  const buffer = Buffer.from(JSON.stringify(rows));
  const times = [];
  for (let run = 0; run < 3; run++) {
    if (run > 0) {
      await results.page.click('#results-clear');
      await results.page.waitForSelector('#responses-table', { state: 'detached' });
    }
    const start = Date.now();
    await results.page.setInputFiles('#results-files', [{ name: 'export.json', mimeType: 'application/json', buffer }]);
    await results.page.waitForFunction((n) => document.getElementById('results-read')?.textContent.includes(`${n} responses counted`), RESPONSES, { timeout: 60_000 });
    await results.page.waitForSelector('#responses-table');
    times.push(Date.now() - start);
  }
  console.log(`    Consultation results: a ${(buffer.length / 1e6).toFixed(1)} MB export of ${RESPONSES} responses read, checked and summarised: best of 3 ${Math.min(...times)} ms (runs ${times.join(', ')} ms)`);
} finally {
  await browser.close();
  await server.close();
}
