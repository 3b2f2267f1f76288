// Journeys a new user takes across pages (issue 14), in Chromium with axe:
// - a finance officer in Kent, keyboard only: DfE's figures filled in, one caseload on
//   Caseloads and Workforce alike, the cost per FTE asked for rather than £0, and a share
//   link that says Kent;
// - a director writing a cabinet paper: the results of a page printed without its form,
//   and every chart titled above it and saved as an SVG file;
// - a councillor asking why: each figure of the options, Workforce, Cost of care and Budget
//   tables opens its own working where it stands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appUnderTest, axe, clean, loadPreset } from './harness.mjs';

const app = await appUnderTest();

const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim());

async function tabTo(page, id, most = 60) {
  for (let i = 0; i < most && (await focused(page)) !== id; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(page), id, `reached #${id} by Tab`);
}

test("Kent's finance officer, keyboard only: DfE's figures, one caseload on both pages, a cost asked for, a link that says Kent", async () => {
  await app.withPage('', {}, async ({ page, problems }) => {
    // The home page offers the fill-in; the link lands on the authority list.
    await tabTo(page, 'dfe-fill-link');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#dfe-authority');
    await page.waitForFunction(() => document.activeElement?.id === 'dfe-authority');
    // Type to find Kent in the list, as a keyboard user does in a select.
    await page.selectOption('#dfe-authority', { label: 'Kent' });
    await page.waitForSelector('#dfe-fill');
    await tabTo(page, 'dfe-fill');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#dfe-fill-status:has-text("Filled in")');
    // Workforce: DfE's definition, 9,988 cases / 533.7 case holders = 18.7 now.
    const summary = await page.locator('#projection-summary').innerText();
    assert.match(summary, /caseload is cases \/ case-holder FTE, DfE's definition, from 533\.7 case holders now/);
    await page.click('text=Show the projection as a table');
    await page.waitForSelector('#projection-table');
    const month0 = await page.$$eval('#projection-table tbody tr:first-child td, #projection-table tbody tr:first-child th', (c) => c.map((x) => x.textContent.trim()));
    assert.ok(month0.includes('18.7'), `month 0 caseload 18.7: ${month0}`);
    assert.equal(await page.inputValue('#workforce-projection-case_holders'), '533.7');
    await clean(page);
    await page.waitForTimeout(600);

    // Caseloads: the same 18.7, 91 posts, and no "£0": the cost is asked for.
    await page.goto(app.server.url);
    await page.waitForSelector('.app-result');
    const result = await page.locator('.app-card .app-result').first().innerText();
    assert.match(result, /Average caseload now 18\.7/);
    assert.match(result, /91 posts \(no cost per FTE given\)/);
    assert.doesNotMatch(await page.locator('main').innerText(), /£0 a year/);
    assert.equal(await page.inputValue('#cost_per_fte'), '');
    assert.match(await page.locator('#cost_per_fte-hint').innerText(), /Barnsley's £41,839/);
    assert.equal(await page.locator('#cost_per_fte-error').count(), 0, 'a blank cost is not an error');
    await tabTo(page, 'cost_per_fte');
    await page.keyboard.type('41839');
    await page.waitForSelector('.app-card .app-result:has-text("£3,807,349 a year for 91 posts")');
    await clean(page);
    await page.waitForTimeout(600);

    // The share link names Kent, and is short.
    await page.goto(`${app.server.url}?page=scenario`);
    const link = await page.locator('#share-link').getAttribute('href');
    assert.match(link, /\?s=2\.kent\.[0-9a-f]{8}\./);
    assert.ok(link.length < 560, `${link.length} characters`);
    assert.deepEqual(problems.console, []);
  });
});

test('a director prints the results of a page without its form, and saves each chart as an SVG with its title above it', async () => {
  await app.withPage('?page=cost-of-care', {}, async ({ page }) => {
    await loadPreset(page, 'portsmouth-2017');
    await page.waitForSelector('#placements-chart');
    // The title is above the chart, and the file is the chart itself.
    const order = await page.evaluate(() => {
      const heading = document.getElementById('placements-chart-heading');
      const chart = document.getElementById('placements-chart');
      return heading.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order, 'the heading comes before the chart');
    assert.equal(await page.locator('#placements-chart-heading').innerText(), 'Budget against forecast, by budget');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#placements-chart-svg')]);
    assert.equal(download.suggestedFilename(), 'csplan-placements-chart.svg');
    const svg = readFileSync(await download.path(), 'utf8');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<title id="placements-chart-title">Budget against forecast, by budget<\/title>/);
    assert.match(svg, /<rect /);
    await clean(page);

    // "Print the results only" prints without the form.
    await page.evaluate(() => {
      window.print = () => {
        window.csplanPrinted = document.body.className;
      };
    });
    await page.click('#print-results');
    assert.match(await page.evaluate(() => window.csplanPrinted), /app-print-results/);
    assert.doesNotMatch(await page.evaluate(() => document.body.className), /app-print-results/, 'the page is whole again');
    await page.emulateMedia({ media: 'print' });
    const whole = await page.pdf({ format: 'A4' });
    await page.evaluate(() => document.body.classList.add('app-print-results'));
    const visibleInputs = await page.$$eval('input, select, textarea', (els) => els.filter((e) => e.offsetParent !== null).length);
    assert.equal(visibleInputs, 0, 'no form fields are printed');
    assert.equal(await page.locator('#placements-table').isVisible(), true, 'the results are');
    const results = await page.pdf({ format: 'A4' });
    const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages(results) < pages(whole), `results only: ${pages(results)} A4 pages against ${pages(whole)}`);
    assert.ok(pages(results) <= 5, `${pages(results)} A4 pages`);
  });
});

test('a councillor asks "why 14 posts?": each figure of the options table opens its own working, by keyboard', async () => {
  await app.withPage('', { width: 375 }, async ({ page, problems }) => {
    await loadPreset(page, 'barnsley-2017');
    await page.waitForSelector('#options-table');
    const row = page.locator('#options-table tbody tr', { hasText: 'Option 2' });
    const posts = row.locator('button', { hasText: /^14$/ });
    assert.equal(await posts.getAttribute('aria-expanded'), 'false');
    await posts.focus();
    await page.keyboard.press('Enter');
    assert.equal(await posts.getAttribute('aria-expanded'), 'true');
    const working = page.locator('#options-table .app-working-row');
    assert.match(
      await working.innerText(),
      /^Option 2 \(recommended\): excluding adoption and fostering teams, Posts at 18: 14\.47 extra FTE, rounded to the nearest whole post \(halves round up\) = 14 posts$/,
    );
    assert.equal(await posts.getAttribute('aria-controls'), await working.getAttribute('id'));
    // The cost beside it opens its own in the same place.
    await row.locator('button', { hasText: '£585,746' }).click();
    assert.match(await working.innerText(), /Cost a year at 18: 14 posts x £41,839 = £585,746 a year \(to the penny, halves up\)$/);
    assert.equal(await posts.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(await axe(page), []);
    await row.locator('button', { hasText: '£585,746' }).click();
    assert.equal(await page.locator('#options-table .app-working-row').count(), 0, 'and closes again');
    assert.deepEqual(problems.console, []);
  });
});

test('the Workforce, Cost of care and Budget tables open each figure\'s working where it stands, by keyboard', async () => {
  /** Presses the button of the cell in `table`'s row `row` reading `figure`; returns the working shown. */
  async function open(page, table, row, figure) {
    const button = page.locator(`#${table} tbody tr`, { hasText: row }).first().locator('button', { hasText: figure }).first();
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    return page.locator(`#${table} .app-working-row`).innerText();
  }
  await app.withPage('?page=workforce', { width: 375 }, async ({ page, problems }) => {
    await loadPreset(page, 'west-sussex-2019');
    await page.waitForSelector('#establishment-table');
    assert.equal(await open(page, 'establishment-table', 'In post', '272.23'), 'In post, Social workers: 365.07 posts - 92.84 vacant = 272.23 FTE in post');
    assert.equal(await open(page, 'measures-table', 'Vacancy rate', '25.4%'), 'Vacancy rate, Social workers: 92.84 vacant / (92.84 vacant + 272.23 in post) = 25.4%');
    await clean(page);
    assert.deepEqual(problems.console, []);
  });
  await app.withPage('?page=cost-of-care', { width: 375 }, async ({ page, problems }) => {
    await loadPreset(page, 'portsmouth-2017');
    await page.waitForSelector('#placements-table');
    assert.equal(
      await open(page, 'placements-table', 'Independent fostering agencies', '£1,455,152'),
      'Independent fostering agencies, Forecast: 32.43 x £44,871 = £1,455,167; the published forecast £1,455,152 is used, because the published unit cost is rounded',
    );
    assert.equal(
      await open(page, 'placements-table', 'Independent fostering agencies', '-£485,848'),
      'Independent fostering agencies, Deficit: £1,455,152 forecast - £1,941,000 budget = -£485,848, an underspend',
    );
    await clean(page);
    assert.deepEqual(problems.console, []);
  });
  await app.withPage('?page=budget', { width: 375 }, async ({ page, problems }) => {
    await loadPreset(page, 'hampshire-2021');
    await page.waitForSelector('#savings-table');
    assert.equal(
      await open(page, 'savings-table', 'Support services', '10%'),
      'Support services, % of budget: £188,000 / £1,978,000 = 9.5%, shown as a whole per cent (halves up): 10%',
    );
    await clean(page);
    assert.deepEqual(problems.console, []);
  });
});

test('the Caseloads authority field suggests DfE\'s authorities and, once it names one, offers its published figures', async () => {
  await app.withPage('', { width: 375 }, async ({ page, problems }) => {
    assert.equal(await page.getAttribute('#authority', 'list'), 'dfe-authorities');
    const names = await page.$$eval('#dfe-authorities option', (o) => o.map((x) => x.value));
    assert.ok(names.includes('Kent') && names.includes('Barnsley'), `${names.length} names`);
    assert.equal(names.filter((n) => n === 'Dorset').length, 1, 'one Dorset');
    // A name DfE does not know offers nothing; Kent, typed in any case, does.
    await page.focus('#authority');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Anytown');
    assert.equal(await page.locator('#dfe-authority-offer').count(), 0);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('kent');
    await page.waitForSelector('#dfe-authority-offer');
    assert.equal(await page.locator('#dfe-authority-offer').innerText(), 'Kent is in DfE\'s workforce statistics. Fill in the planner from Kent\'s published figures');
    await clean(page);
    // The offer lands on the Workforce page's picker, on Kent, with focus there.
    await page.focus('#dfe-authority-fill');
    await Promise.all([page.waitForURL(/\?page=workforce#dfe-authority$/), page.keyboard.press('Enter')]);
    await page.waitForSelector('#dfe-authority');
    await page.waitForFunction(() => document.activeElement?.id === 'dfe-authority');
    const chosen = await page.$eval('#dfe-authority', (s) => s.options[s.selectedIndex].textContent);
    assert.equal(chosen, 'Kent');
    assert.match(await page.locator('.govuk-caption-l').first().innerText(), /^kent, figures as at/, 'the name as typed is kept');
    assert.deepEqual(problems.console, []);
  });
});
