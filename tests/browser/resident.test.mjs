// The consultation as a resident meets it (issue 14): the participants' app on a 375 px
// phone, opened from the council's link (`take-part/?scenario=council.json`, a council with
// no collector). The council's name in the header and the tab title; a balance box that
// stays opaque and small while scrolling; plain words (no "JSON", FTE spelt out, "£0", the
// unit in the page's font; where to send the file); the review's messages and the resident's own comments; files
// named so that several do not overwrite each other; and a "come back" link that opens the
// council's consultation, not the example's, in a fresh browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { axe, launch, open, serve } from './harness.mjs';

const CSPLAN = process.env.CSPLAN_BIN ?? 'target/debug/csplan';
const PHONE = { width: 375, height: 812 };
const extra = new Map();
let server;
let browser;

before(async () => {
  const scenario = JSON.parse(execFileSync(CSPLAN, ['example'], { encoding: 'utf8' }));
  scenario.authority = 'Tameside Council';
  extra.set('take-part/council.json', JSON.stringify(scenario));
  extra.set('take-part/no-address.json', JSON.stringify({ ...scenario, consultation: { ...scenario.consultation, send_to: '' } }));
  server = await serve(undefined, '/', extra);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the council's consultation at 375 px, runs `body`, checks nothing failed. */
async function resident(query, body) {
  const { context, page, problems } = await open(browser, `${server.url}take-part/${query}`, PHONE);
  try {
    await page.waitForSelector('#consultation-council-tax');
    await body(page);
    assert.deepEqual(problems.console, []);
  } finally {
    await context.close();
  }
}

test('the council\'s name in the header and title; the balance box is opaque and compact; plain words', async () => {
  await resident('?scenario=council.json', async (page) => {
    assert.equal(await page.locator('.govuk-generic-header__homepage-link').innerText(), 'Tameside Council');
    assert.equal(await page.locator('.govuk-generic-header__homepage-link').getAttribute('href'), '?scenario=council.json');
    assert.equal(await page.title(), "Balance the children's services budget - Tameside Council");
    // The balance box: an opaque background, and under a sixth of the screen.
    const box = page.locator('#balance');
    assert.equal(await box.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(255, 255, 255)');
    const height = (await box.boundingBox()).height;
    assert.ok(height <= 812 / 6, `the balance box is ${height}px high at 375px`);
    // Still in view, and still opaque, once the page has scrolled under it.
    await page.locator('#consultation-charges').scrollIntoViewIfNeeded();
    assert.equal(Math.round((await box.boundingBox()).y), 0);
    // "£0", not "0 £"; "%" against its figure.
    assert.match(await page.locator('#consultation-reserves-hint').innerText(), /^£0/);
    assert.match(await page.locator('#consultation-council-tax-hint').innerText(), /^0%/);
    // The unit beside a number is in the page's font, not the browser's serif default.
    const font = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).fontFamily);
    assert.equal(await font('.app-stepper__unit'), await font('#consultation-dates'));
    // FTE says what it stands for.
    const fte = page.locator('#consultation-social-workers-hint abbr');
    assert.equal(await fte.first().innerText(), 'FTE');
    assert.equal(await fte.first().getAttribute('title'), 'full-time equivalent posts');
    assert.deepEqual(await axe(page), []);
  });
});

test('review: an unbalanced budget is described as one, on one page, and the resident\'s comments are shown', async () => {
  await resident('?scenario=council.json', async (page) => {
    await page.click('#review');
    await page.waitForSelector('#error-summary');
    assert.equal(await page.title(), "Error: Balance the children's services budget - Tameside Council");
    const summary = await page.locator('#error-summary').innerText();
    assert.match(summary, /short of balancing/);
    assert.doesNotMatch(summary, /on the .* page/, 'a one-page app names no other page');
    assert.doesNotMatch(summary, /last valid values/);
    assert.match(summary, /Your choices are kept/);
    await page.check('#consultation-children-homes');
    await page.check('#consultation-transport-routes');
    await page.fill('#consultation-council-tax', '1.5');
    await page.click('#consultation-children-homes-comment-toggle');
    await page.fill('#consultation-children-homes-comment', 'Keep the homes near families');
    await page.fill('#consultation-comment', 'Protect early help.\nAnd youth clubs.');
    await page.click('#review');
    await page.waitForSelector('#review-heading');
    assert.match(await page.locator('#review-list').innerText(), /Merge two children's homes\s+Accepted\s+£900,000\s+Your comment\s+Keep the homes near families/);
    assert.equal(await page.locator('#review-comment').innerText(), 'Protect early help.\nAnd youth clubs.');
    const words = await page.locator('main').innerText();
    assert.doesNotMatch(words, /JSON/);
    // With no collector, where and how to send the file, in the council's words.
    assert.equal(await page.locator('#send-to').innerText(),
      'Email it to budget.consultation@example.gov.uk, or post it to Budget consultation, Example Town Hall, EX1 1AA.');
    assert.deepEqual(await axe(page), []);

    // Two downloads of one response share its tag, and no two responses share a name.
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    const name = json.suggestedFilename();
    const m = name.match(/^response-example-2024-(\d{4}-\d\d-\d\d)-([0-9a-z]{12})\.json$/);
    assert.ok(m, `${name} has the date and a tag`);
    assert.equal(m[1], new Date().toISOString().slice(0, 10));
    const response = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(response.id, m[2], 'the response carries the tag in its name');
    const [text] = await Promise.all([page.waitForEvent('download'), page.click('#download-text')]);
    assert.equal(text.suggestedFilename(), name.replace(/\.json$/, '.txt'));

    // The link back opens the council's consultation, with the choices, in a fresh browser.
    const link = await page.locator('#choices-link').getAttribute('href');
    assert.match(link, /\?scenario=council\.json&page=consultation&choices=/);
    const fresh = await open(browser, link, PHONE);
    try {
      await fresh.page.waitForSelector('#consultation-council-tax');
      assert.equal(await fresh.page.locator('.govuk-generic-header__homepage-link').innerText(), 'Tameside Council');
      assert.equal(await fresh.page.inputValue('#consultation-council-tax'), '1.5');
      assert.ok(await fresh.page.isChecked('#consultation-children-homes'));
    } finally {
      await fresh.context.close();
    }
  });
  // Another response made the same day gets another name.
  await resident('?scenario=council.json', async (page) => {
    await page.check('#consultation-children-homes');
    await page.check('#consultation-transport-routes');
    await page.fill('#consultation-council-tax', '1.5');
    await page.click('#review');
    await page.waitForSelector('#review-heading');
    const [a] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    await page.click('#change');
    await page.click('#review');
    await page.waitForSelector('#review-heading');
    const [b] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    assert.notEqual(a.suggestedFilename(), b.suggestedFilename(), 'a new review is a new response');
  });
});

test('a council that has not said where to send a response: the page says so rather than "as the council asks"', async () => {
  await resident('?scenario=no-address.json', async (page) => {
    await page.fill('#consultation-council-tax', '2.5');
    await page.click('#review');
    await page.waitForSelector('#review-heading');
    assert.match(await page.locator('#send-to').innerText(), /The council has not said here where to send it/);
  });
});
