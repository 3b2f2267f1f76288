// Every page loads with no console errors and no request leaving 127.0.0.1, passes axe
// (WCAG 2.2 A/AA) with zero violations, and fits 320 px without sideways scrolling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, axe, open, serve } from './harness.mjs';

const app = await appUnderTest();

const PAGES = [
  { query: '', h1: 'Caseloads', title: 'Caseloads - Children\'s Services Planner' },
  // The Workforce page downloads DfE's table when it opens: wait for the authority list.
  { query: '?page=workforce', h1: 'Workforce', title: 'Workforce - Children\'s Services Planner', ready: '#dfe-authority' },
  { query: '?page=demand', h1: 'Demand', title: 'Demand - Children\'s Services Planner' },
  { query: '?page=cost-of-care', h1: 'Cost of care', title: 'Cost of care - Children\'s Services Planner' },
  { query: '?page=children-in-care', h1: 'Children in care', title: 'Children in care - Children\'s Services Planner' },
  { query: '?page=care-records', h1: 'Children in care from your records', title: 'Children in care from your records - Children\'s Services Planner' },
  { query: '?page=budget', h1: 'Budget', title: 'Budget - Children\'s Services Planner' },
  { query: '?page=consultation', h1: 'Balance the children\'s services budget', title: 'Balance the budget - Children\'s Services Planner' },
  { query: '?page=consultation-results', h1: 'Consultation results', title: 'Consultation results - Children\'s Services Planner' },
  { query: 'take-part/', h1: 'Balance the children\'s services budget', title: 'Balance the children\'s services budget - Example council' },
  { query: '?page=scenario', h1: 'Save and share', title: 'Save and share - Children\'s Services Planner' },
  { query: '?page=explain', h1: 'How it works', title: 'How it works - Children\'s Services Planner' },
  { query: '?page=summary', h1: 'Summary: Example council', title: 'Summary to print - Children\'s Services Planner' },
  { query: '?page=accessibility', h1: 'Accessibility statement', title: 'Accessibility statement - Children\'s Services Planner' },
  { query: '?page=nowhere', h1: 'Page not found', title: 'Page not found - Children\'s Services Planner' },
];

for (const p of PAGES) {
  for (const width of [1024, 320]) {
    test(`${p.h1} at ${width}px: loads cleanly, axe finds nothing, no sideways scroll`, async () => {
      await app.withPage(p.query, { width }, async ({ page, problems }) => {
        if (p.ready) await page.waitForSelector(p.ready);
        assert.equal(await page.locator('h1').innerText(), p.h1);
        assert.equal(await page.title(), p.title);
        assert.deepEqual(await axe(page), []);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px window`);
        assert.deepEqual(problems.console, []);
        assert.deepEqual(problems.external, []);
      });
    });
  }
}

test('navigation between pages works, keeps the figures, and back returns', async () => {
  await app.withPage('', {}, async ({ page, problems }) => {
    await page.fill('#cost_per_fte', '50,000');
    await page.click('text=Accessibility statement');
    await page.waitForSelector('h1:has-text("Accessibility statement")');
    assert.match(page.url(), /\?page=accessibility$/);
    await page.goBack();
    await page.waitForSelector('h1:has-text("Caseloads")');
    assert.equal(await page.inputValue('#cost_per_fte'), '50,000');
    assert.deepEqual(problems.console, []);
  });
});

test('the app works from a sub-path of a static server', async () => {
  const sub = await serve(process.env.CSPLAN_DIST ?? 'dist', '/council/csplan/');
  const { context, page, problems } = await open(app.browser, `${sub.url}?page=accessibility`);
  try {
    assert.equal(await page.locator('h1').innerText(), 'Accessibility statement');
    await page.reload();
    await page.waitForSelector('h1');
    assert.equal(await page.locator('h1').innerText(), 'Accessibility statement');
    assert.deepEqual(problems.console, []);
  } finally {
    await context.close();
    await sub.close();
  }
});
