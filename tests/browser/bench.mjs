// Benchmark (not a test): time from an input event to the updated figures in the DOM, in
// headless Chromium, over 200 edits each of the Caseloads page (Barnsley's options table)
// and the Workforce page (West Sussex: recruits a month, which re-runs the 36-month
// projection and redraws its chart and table). Run by `cargo xtask bench`, which prints
// the download size first.
import { launch, open, serve } from './harness.mjs';

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

const server = await serve();
const browser = await launch();
try {
  const { page } = await open(browser, server.url);
  await page.selectOption('#preset', 'barnsley-2017');
  await page.click('#load-preset');
  await page.waitForSelector('#options-table');
  report('Caseloads: input event -> options table updated', await timeEdits(page, 'cost_per_fte', 'options-table', 40000, 1));

  const workforce = await open(browser, `${server.url}?page=workforce`);
  await workforce.page.selectOption('#preset', 'west-sussex-2019');
  await workforce.page.click('#load-preset');
  await workforce.page.waitForSelector('#projection-table', { state: 'attached' });
  report(
    'Workforce: input event -> 36-month projection table updated',
    await timeEdits(workforce.page, 'workforce-roles-0-recruits_per_month', 'projection-table', 1, 0.01),
  );
} finally {
  await browser.close();
  await server.close();
}
