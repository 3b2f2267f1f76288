// The "balance the budget" consultation in Chromium, as a participant uses it: keyboard
// only, the balance announced as it changes, a statutory minimum that refuses a choice, the
// review step, downloading the response, and `csplan responses summarise` reading it back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest, axe, clean, focusedId } from './harness.mjs';

const app = await appUnderTest();
const CSPLAN = process.env.CSPLAN_BIN ?? 'target/debug/csplan';

for (const width of [1024, 320]) {
  test(`at ${width}px: choosing, the error state and the review are axe clean`, async () => {
    await app.withPage('?page=consultation', { width }, async ({ page, problems }) => {
      assert.equal(await page.locator('h1').innerText(), "Balance the children's services budget");
      assert.equal(await page.locator('#balance-summary').innerText(),
        '£3,000,000 short of balancing: the budget must balance before you send your response. Closing it with council tax would need a rise of 2.5%');
      await clean(page, width);
      await page.click('#review');
      await page.waitForSelector('#error-summary');
      assert.equal(await page.title(), 'Error: Balance the budget - Children\'s Services Planner');
      await clean(page, width);
      await page.check('#consultation-children-homes');
      await page.check('#consultation-transport-routes');
      await page.fill('#consultation-council-tax', '1.5');
      assert.match(await page.locator('#balance-summary').innerText(), /^Balanced, with £300,000 to spare/);
      await page.click('#review');
      await page.waitForSelector('#review-heading');
      await clean(page, width);
      assert.deepEqual(problems.console, []);
      assert.deepEqual(problems.external, []);
    });
  });
}

test('keyboard only: balance the budget, review, download, and csplan reads the response back', async () => {
  await app.withPage('?page=consultation', {}, async ({ page }) => {
    const live = page.locator('#balance-summary');
    assert.equal(await live.getAttribute('aria-live'), 'polite');
    await page.focus('#consultation-children-homes');
    await page.keyboard.press('Space');
    assert.match(await live.innerText(), /^£2,100,000 short/);
    await page.focus('#consultation-transport-routes');
    await page.keyboard.press('Space');
    await page.focus('#consultation-family-centres');
    await page.keyboard.press('Space');
    // Council tax: the + button twice, 0.5% a step.
    await page.focus('button[aria-label="More: Council tax rise"]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue('#consultation-council-tax'), '1');
    assert.match(await live.innerText(), /^Balanced, with £150,000 to spare/);
    // The staffing choice shows its caseload against Ofsted's range as you type.
    await page.focus('#consultation-social-workers');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    assert.match(await page.locator('#consultation-social-workers-hint').innerText(),
      /465 cases \/ 26\.5 FTE = an average caseload of 17\.5 \(now 19\), within Ofsted's manageable range of 15 to 20/);
    assert.match(await live.innerText(), /^Balanced, with £46,000 to spare/, '2 posts at £52,000 cost £104,000');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    // A comment on a choice and overall, and an answer about you.
    await page.focus('#consultation-children-homes-comment-toggle');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'consultation-children-homes-comment');
    await page.keyboard.type('Keep the homes near families');
    await page.focus('#consultation-comment');
    await page.keyboard.type('Protect early help');
    await page.focus('#about-age-1');
    await page.keyboard.press('Space');
    await page.focus('#review');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#review-heading');
    assert.equal(await focusedId(page), 'review-heading');
    const review = await page.locator('#review-list').innerText();
    assert.match(review, /Merge two children's homes\s+Accepted\s+£900,000/);
    assert.match(review, /Council tax rise\s+1%\s+£1,200,000/);
    await page.focus('#download-json');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const response = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(response.consultation, 'example-2024');
    assert.equal(response.balanced, true);
    assert.equal(response.balance, '150000');
    assert.equal(response.comment, 'Protect early help');
    assert.deepEqual(response.about_you, [{ question: 'age', answer: '18 to 34' }]);
    assert.equal(response.choices.find((c) => c.lever === 'children-homes').comment, 'Keep the homes near families');
    // csplan reads it back, checked against the consultation it answers.
    assert.ok(existsSync(CSPLAN), `${CSPLAN} is built by the native tests`);
    const dir = mkdtempSync(join(tmpdir(), 'csplan-responses-'));
    writeFileSync(join(dir, 'response.json'), JSON.stringify(response));
    const scenario = join(tmpdir(), `csplan-example-${process.pid}.scenario`);
    writeFileSync(scenario, execFileSync(CSPLAN, ['example']));
    const summary = execFileSync(CSPLAN, ['responses', 'summarise', dir, '--scenario', scenario], { encoding: 'utf8' });
    assert.match(summary, /^1 responses; 1 balanced \(100%\); 1 with an overall comment/);
    assert.match(summary, /Council tax rise\s+1\s+1 \(100%\)/);
    assert.match(summary, /18 to 34\s+1/);
    // A readable copy too.
    await page.focus('#download-text');
    const [text] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(readFileSync(await text.path(), 'utf8'), /Balanced, with £150,000 to spare/);
  });
});

test('a statutory minimum refuses the choice that breaks it as it is made, says why, and never counts it', async () => {
  await app.withPage('?page=consultation', {}, async ({ page }) => {
    await page.check('#consultation-family-centres');
    const before = await page.locator('#balance-summary').innerText();
    // Early help: £4,000,000 with a minimum of £3,300,000; the two proposals save £750,000.
    await page.focus('#consultation-holiday-activities');
    await page.keyboard.press('Space');
    assert.equal(await page.isChecked('#consultation-holiday-activities'), false, 'the tick is not taken');
    assert.equal(await page.locator('#consultation-holiday-activities-floor').textContent(),
      'Error: Stop the holiday activity programme cannot be chosen with Reduce family centre hours: together they would take Early help and family support below its statutory minimum of £3,300,000. Choose one or the other');
    assert.equal(await page.locator('#balance-summary').innerText(), before, 'nothing is counted');
    assert.equal(await page.locator('.govuk-form-group--error').count(), 1);
    // Unticking the other makes room for it.
    await page.uncheck('#consultation-family-centres');
    await page.check('#consultation-holiday-activities');
    assert.equal(await page.locator('#consultation-holiday-activities-floor').count(), 0);
    assert.deepEqual(await axe(page), []);
    await page.fill('#consultation-reserves', '250,001');
    assert.match(await page.locator('.govuk-error-message').innerText(),
      /Enter a number from 0 to 1,000,000 for use of reserves, in steps of 250,000/);
    assert.equal(await page.inputValue('#consultation-reserves'), '250,001', 'what was typed is kept');
    await page.click('#review');
    const summary = await page.locator('#error-summary').innerText();
    assert.match(summary, /Enter a number from 0 to 1,000,000 for use of reserves/);
    await page.click('#error-summary a >> nth=0');
    assert.equal(await focusedId(page), 'consultation-reserves');
  });
});

test('choices that break a statutory minimum together (from a link) are both refused, neither counted', async () => {
  await app.withPage('?page=consultation&choices=family-centres:1,holiday-activities:1,council-tax:2.5', {}, async ({ page }) => {
    assert.ok(await page.isChecked('#consultation-family-centres'));
    assert.ok(await page.isChecked('#consultation-holiday-activities'));
    // £3,000,000 from council tax, and the £750,000 the two proposals would save not counted.
    assert.match(await page.locator('#balance-summary').innerText(), /^Balanced exactly/);
    assert.match(await page.locator('#consultation-family-centres-floor').innerText(), /Reduce family centre hours cannot be chosen with Stop the holiday activity programme/);
    await page.click('#review');
    const summary = await page.locator('#error-summary').innerText();
    assert.match(summary, /Stop the holiday activity programme cannot be chosen with Reduce family centre hours: together they would take Early help and family support below its statutory minimum of £3,300,000/);
    assert.doesNotMatch(summary, /short of balancing/);
  });
});

test('a shared link reopens the same choices in a fresh browser', async () => {
  await app.withPage('?page=consultation&choices=council-tax:1.5,children-homes:1', {}, async ({ page }) => {
    assert.equal(await page.inputValue('#consultation-council-tax'), '1.5');
    assert.ok(await page.isChecked('#consultation-children-homes'));
    assert.match(await page.locator('#balance-summary').innerText(), /^£300,000 short/);
  });
});
