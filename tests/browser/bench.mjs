// Benchmark (not a test): time from an input event on "Cost per FTE" to the updated
// figures in the DOM, in headless Chromium, over 200 edits of the Barnsley scenario.
// Run by `cargo xtask bench`, which prints the download size first.
import { launch, open, serve } from './harness.mjs';

const EDITS = 200;
const server = await serve();
const browser = await launch();
try {
  const { page } = await open(browser, server.url);
  await page.selectOption('#preset', 'barnsley-2017');
  await page.click('#load-preset');
  await page.waitForSelector('#options-table');
  const times = await page.evaluate(async (n) => {
    const input = document.getElementById('cost_per_fte');
    const main = document.getElementById('main-content');
    const out = [];
    for (let i = 0; i < n; i++) {
      const updated = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.getElementById('options-table')?.textContent.includes(`£${(40000 + i) * 14}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','))) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(main, { subtree: true, childList: true, characterData: true });
      });
      const start = performance.now();
      input.value = String(40000 + i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      out.push((await updated) - start);
      await new Promise((r) => setTimeout(r, 0));
    }
    return out;
  }, EDITS);
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  console.log(`    input event -> options table updated, ${EDITS} edits: median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`);
} finally {
  await browser.close();
  await server.close();
}
