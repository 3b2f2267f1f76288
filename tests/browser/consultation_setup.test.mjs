// Setting up a consultation in the planner, from nothing and by keyboard alone: five
// savings proposals, council tax capped at 2.99% and reserves; the participants' view beside
// the editor (behind a button on a phone) follows every change; the consultation file it downloads holds the
// consultation alone, passes `csplan validate` and opens in the participants' app, where a
// participant can take part. axe finds nothing at 320 and 1024 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { axe, clean, focusedId, launch, loadPreset, open, serve } from './harness.mjs';

const CSPLAN = process.env.CSPLAN_BIN ?? 'target/debug/csplan';
const extra = new Map();
let server;
let browser;

before(async () => {
  server = await serve(undefined, '/', extra);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Focuses `selector` and types `text` into it, as a keyboard user would after tabbing there. */
async function type(page, selector, text) {
  await page.focus(selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Presses Enter on the button `selector`. */
async function press(page, selector) {
  await page.focus(selector);
  await page.keyboard.press('Enter');
}

const PROPOSALS = [
  ['Close two libraries', '400,000'],
  ['Reduce street cleaning', '300,000'],
  ['Merge two children\'s homes', '500,000'],
  ['Stop the holiday activity programme', '200,000'],
  ['Charge for garden waste', '100,000'],
];

test('a five-proposal consultation with council tax and reserves, built by keyboard, published and taken part in', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?page=caseloads`);
  try {
    // Start from a scenario with no consultation: Barnsley's, then the consultation page.
    await loadPreset(page, 'barnsley-2017', (p) => press(p, '#load-preset'));
    await page.waitForFunction(() => document.body.innerText.includes('Barnsley'));
    await page.goto(`${server.url}?page=consultation`);
    await page.waitForSelector('#add-consultation');
    await press(page, '#add-consultation');
    await page.waitForFunction(() => document.activeElement?.id === 'consultation-title');
    await page.keyboard.type('Balancing the budget 2027');
    await type(page, '#consultation-council', 'Anytown Council');
    await type(page, '#consultation-id', 'anytown-2027');
    await type(page, '#consultation-intro', 'We must find £2 million.\n\nChoose how you would do it.');
    await type(page, '#consultation-opens', '2026-01-04');
    await type(page, '#consultation-closes', '2099-02-14');
    await type(page, '#consultation-gap', '2,000,000');
    await type(page, '#consultation-council_tax_yield', '600,000');
    for (const [k, [name, saves]] of PROPOSALS.entries()) {
      await press(page, '#add-lever');
      await page.waitForFunction((id) => document.activeElement?.id === id, `consultation-levers-${k}-name`);
      await page.keyboard.type(name);
      await type(page, `#consultation-levers-${k}-per_unit`, saves);
    }
    // Council tax, capped at 2.99% in steps of 0.01: the editor warns of 299 presses.
    await press(page, '#add-lever');
    await page.waitForFunction(() => document.activeElement?.id === 'consultation-levers-5-name');
    await page.keyboard.type('Council tax');
    await page.focus('#consultation-levers-5-kind');
    await page.keyboard.type('Council');
    assert.equal(await page.inputValue('#consultation-levers-5-kind'), 'council_tax');
    await type(page, '#consultation-levers-5-per_unit', '600,000');
    await type(page, '#consultation-levers-5-max', '2.99');
    await type(page, '#consultation-levers-5-step', '0.01');
    await page.waitForFunction(() => document.body.innerText.includes('Reaching the largest value for Council tax takes 299 presses of +'));
    await type(page, '#consultation-levers-5-step', '0.25');
    await type(page, '#consultation-levers-5-max', '3');
    // Reserves: up to £1m, in £250,000s.
    await press(page, '#add-lever');
    await page.waitForFunction(() => document.activeElement?.id === 'consultation-levers-6-name');
    await page.keyboard.type('Use reserves');
    await page.focus('#consultation-levers-6-kind');
    await page.keyboard.type('Use');
    assert.equal(await page.inputValue('#consultation-levers-6-kind'), 'reserves');
    await type(page, '#consultation-levers-6-per_unit', '1');
    await type(page, '#consultation-levers-6-max', '1,000,000');
    await type(page, '#consultation-levers-6-step', '250,000');
    await type(page, '#consultation-levers-6-unit', '£');
    // The last proposal moves up one place, and focus follows it.
    await press(page, '#consultation-levers-4-up');
    await page.waitForFunction(() => document.activeElement?.id === 'consultation-levers-3-up');
    assert.equal(await page.inputValue('#consultation-levers-3-name'), 'Charge for garden waste');
    assert.deepEqual(await page.$$eval('#error-summary', (e) => e.map((x) => x.innerText)), []);
    // The participants' view above follows: every choice, in the new order.
    const view = await page.locator('main').innerText();
    const at = PROPOSALS.map(([name]) => view.indexOf(name));
    assert.ok(at.every((i) => i >= 0), view);
    assert.ok(view.indexOf('Charge for garden waste') < view.indexOf('Stop the holiday activity programme'));
    assert.ok(view.includes('Council tax') && view.includes('Use reserves'));
    await clean(page);

    // Download the consultation file: the consultation alone, valid for csplan.
    const [download] = await Promise.all([page.waitForEvent('download'), press(page, '#download-consultation')]);
    assert.equal(download.suggestedFilename(), 'anytown-2027.json');
    const text = readFileSync(await download.path(), 'utf8');
    const file = JSON.parse(text);
    assert.deepEqual(Object.keys(file).sort(), ['consultation', 'schema']);
    assert.equal(file.consultation.levers.length, 7);
    const checked = execFileSync(CSPLAN, ['validate', '-'], { input: text, encoding: 'utf8' });
    assert.match(checked, /^valid: Anytown Council consultation “Balancing the budget 2027”, 7 choice\(s\)/);
    const link = await page.locator('#participants-link').innerText();
    assert.equal(link, `${server.url}take-part/?scenario=anytown-2027.json`);
    assert.match(await page.locator('#publish-steps').innerText(), /csplan collect --scenario anytown-2027\.json --db responses\.db --origin http:\/\/127\.0\.0\.1:\d+/);
    assert.deepEqual(problems.console, []);

    // Published: the participants' app opens it, with the council's name, and a
    // participant can balance the budget.
    extra.set('take-part/anytown-2027.json', text);
    const participant = await open(browser, link, { width: 320 });
    try {
      const p = participant.page;
      await p.waitForSelector('#consultation-choice-6');
      assert.match(await p.title(), /Anytown Council$/);
      assert.equal(await p.locator('h1').innerText(), 'Balancing the budget 2027');
      // £400,000 + £300,000 + £500,000 + £200,000, and 1% on council tax (£600,000).
      for (const n of [1, 2, 3, 4]) {
        await p.focus(`#consultation-choice-${n}`);
        await p.keyboard.press('Space');
      }
      await type(p, '#consultation-choice-6', '1');
      assert.match(await p.locator('#balance-summary').innerText(), /^Balanced/);
      await clean(p);
      await press(p, '#review');
      await p.waitForSelector('#review-heading');
      assert.match(await p.locator('main').innerText(), /Your budget balances/);
      assert.deepEqual(participant.problems.console, []);
    } finally {
      await participant.context.close();
    }
  } finally {
    await context.close();
  }
});

test('the editor at 320 px: axe-clean, no sideways scroll, and removing a choice moves focus to Add', async () => {
  const { context, page } = await open(browser, `${server.url}?page=consultation`, { width: 320 });
  try {
    await press(page, '#setup-toggle');
    await page.waitForSelector('#setup-heading');
    await page.waitForSelector('#consultation-levers-0-name');
    await clean(page);
    const before = await page.locator('[id^="consultation-levers-"][id$="-name"]').count();
    await press(page, 'button:has-text("Remove choice")');
    await page.waitForFunction(() => document.activeElement?.id === 'add-lever');
    assert.equal(await page.locator('[id^="consultation-levers-"][id$="-name"]').count(), before - 1);
  } finally {
    await context.close();
  }
});

test('the gap can be taken from the Budget page\'s medium-term plan', async () => {
  const { context, page } = await open(browser, `${server.url}?page=budget`);
  try {
    await loadPreset(page, 'hampshire-2021', (p) => press(p, '#load-preset'));
    await page.waitForSelector('#savings-table');
    await page.goto(`${server.url}?page=consultation`);
    await page.waitForSelector('#gap-from-plan-0');
    const words = await page.locator('#gap-from-plan-0').innerText();
    const [, year, pounds] = words.match(/^Use (\S+)'s gap from the plan: (£[\d,]+)$/);
    await press(page, '#gap-from-plan-0');
    await page.waitForFunction((want) => document.getElementById('consultation-gap').value.replace(/,/g, '') === want, pounds.slice(1).replace(/,/g, ''));
    assert.ok(year.includes('/'), year);
    assert.match(await page.locator('main').innerText(), new RegExp(pounds.replace(/[£,]/g, (c) => `\\${c}`)));
    await clean(page);
  } finally {
    await context.close();
  }
});

test('a savings proposal is taken from a Budget workstream by keyboard, and the file carries its name, saving and area', async () => {
  const hampshire = JSON.parse(execFileSync(CSPLAN, ['example', '--preset', 'hampshire-2021'], { encoding: 'utf8' }));
  const workstream = hampshire.budget.workstreams[2];
  const before = hampshire.consultation.levers.length;
  const { context, page, problems } = await open(browser, `${server.url}?page=budget`);
  try {
    await loadPreset(page, 'hampshire-2021', (p) => press(p, '#load-preset'));
    await page.waitForSelector('#savings-table');
    await page.goto(`${server.url}?page=consultation`);
    await page.waitForSelector('#proposals-from-budget');
    // The workstreams are behind a details element: open it and press the third's button.
    await page.focus('#proposals-from-budget summary');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#proposal-from-2', { state: 'visible' });
    assert.equal(await page.locator('#proposal-from-2').innerText(), `Add “${workstream.name}” as a proposal`);
    await press(page, '#proposal-from-2');
    const at = `consultation-levers-${before}`;
    await page.waitForFunction((id) => document.activeElement?.id === id, `${at}-name`);
    assert.equal(await page.inputValue(`#${at}-name`), workstream.name);
    assert.equal(await page.inputValue(`#${at}-kind`), 'proposal');
    assert.equal((await page.inputValue(`#${at}-per_unit`)).replace(/,/g, ''), workstream.amount);
    assert.equal(await page.inputValue(`#${at}-area`), workstream.area);
    assert.equal(await page.inputValue(`#${at}-id`), 'care-leavers-post-16');
    // The same one again gets an id of its own; no error appears.
    await press(page, '#proposal-from-2');
    await page.waitForFunction((id) => document.activeElement?.id === id, `consultation-levers-${before + 1}-name`);
    assert.equal(await page.inputValue(`#consultation-levers-${before + 1}-id`), 'care-leavers-post-16-2');
    assert.deepEqual(await page.$$eval('#error-summary', (e) => e.map((x) => x.innerText)), []);
    // The participants' view shows it, and the published file carries it as csplan reads it.
    assert.ok((await page.locator('#setup-preview').innerText()).includes(workstream.name));
    await clean(page);
    const [download] = await Promise.all([page.waitForEvent('download'), press(page, '#download-consultation')]);
    const text = readFileSync(await download.path(), 'utf8');
    const lever = JSON.parse(text).consultation.levers[before];
    assert.deepEqual(
      { id: lever.id, name: lever.name, kind: lever.kind, per_unit: lever.per_unit, area: lever.area },
      { id: 'care-leavers-post-16', name: workstream.name, kind: 'proposal', per_unit: workstream.amount, area: workstream.area },
    );
    const checked = execFileSync(CSPLAN, ['validate', '-'], { input: text, encoding: 'utf8' });
    assert.match(checked, new RegExp(`${before + 2} choice\\(s\\)`));
    assert.deepEqual(problems.console, []);
  } finally {
    await context.close();
  }
});

/** The ids used more than once on the page. */
function repeatedIds(page) {
  return page.evaluate(() => {
    const seen = new Map();
    for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

test('the participants\' view is beside the editor at 1024 px and behind a button at 320 px, and follows every change', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?page=consultation`);
  try {
    await page.waitForSelector('#consultation-title');
    const [preview, editor] = [await page.locator('#setup-preview').boundingBox(), await page.locator('#setup-editor').boundingBox()];
    assert.ok(preview.x + preview.width <= editor.x, `side by side: ${JSON.stringify({ preview, editor })}`);
    assert.ok(editor.y < preview.y + preview.height, 'in the same band of the page');
    assert.equal(await page.locator('#setup-toggle').isVisible(), false, 'no button needed when both fit');
    assert.equal(await page.locator('#preview-caption').innerText(), 'What participants see');
    // A change in the editor shows in the view at once.
    await type(page, '#consultation-title', 'Our budget, your say');
    await page.waitForFunction(() => document.querySelector('#setup-preview h1')?.textContent === 'Our budget, your say');
    assert.deepEqual(await repeatedIds(page), []);
    await clean(page);
    // While editing further down, the view stays in sight (it scrolls on its own).
    await page.locator('#add-lever').scrollIntoViewIfNeeded();
    const top = (await page.locator('#setup-preview').boundingBox()).y;
    assert.ok(top >= -1 && top < 50, `the view stays at the top of the window (${top})`);

    // At 320 px, one at a time: the view first, then the editor behind the button.
    await page.setViewportSize({ width: 320, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.equal(await page.locator('#setup-preview h1').isVisible(), true);
    assert.equal(await page.locator('#setup-editor').isVisible(), false);
    assert.equal(await page.locator('#setup-toggle').innerText(), 'Edit this consultation');
    await clean(page);
    await press(page, '#setup-toggle');
    await page.waitForSelector('#setup-heading');
    assert.equal(await page.locator('#setup-preview').isVisible(), false);
    assert.equal(await focusedId(page), 'setup-toggle', 'focus stays on the button');
    assert.equal(await page.locator('#setup-toggle').innerText(), 'Show what participants see');
    await type(page, '#consultation-title', 'Our budget, 2027');
    await clean(page);
    await press(page, '#setup-toggle');
    await page.waitForFunction(() => document.querySelector('#setup-preview h1')?.textContent === 'Our budget, 2027');
    assert.equal(await page.locator('#setup-editor').isVisible(), false);
    // A choice id the page uses for its own fields is refused, naming it.
    await press(page, '#setup-toggle');
    await type(page, '#consultation-levers-0-id', 'comment');
    await page.waitForFunction(() => document.body.innerText.includes('The page uses \u201ccomment\u201d itself'));
    assert.deepEqual(problems.console, []);
  } finally {
    await context.close();
  }
});

test('a field still wrong stops the download and says which, rather than a file from before it', async () => {
  const { context, page, problems } = await open(browser, `${server.url}?page=consultation`);
  try {
    const downloads = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.waitForSelector('#consultation-gap');
    await type(page, '#consultation-gap', 'three million');
    await press(page, '#download-consultation');
    await page.waitForFunction(() => document.activeElement?.id === 'publish-problems');
    const box = page.locator('#publish-problems');
    assert.match(await box.innerText(), /The file was not downloaded/);
    assert.equal(await box.locator('a').first().getAttribute('href'), '#consultation-gap');
    await clean(page);
    await type(page, '#consultation-gap', '3,000,000');
    await box.waitFor({ state: 'detached' });
    const [download] = await Promise.all([page.waitForEvent('download'), press(page, '#download-consultation')]);
    assert.equal(download.suggestedFilename(), 'example-2024.json');
    assert.deepEqual(downloads, ['example-2024.json'], 'one file, after the fix');
    assert.deepEqual(problems.console, []);
  } finally {
    await context.close();
  }
});
