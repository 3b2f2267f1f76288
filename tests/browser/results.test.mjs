// The planner's Consultation results page: response files and a collector's export opened
// with the file picker and by dropping them, each response counted once, broken and
// off-rule files named with why, the same figures as `csplan responses summarise` for the
// same files, comments filtered by choice, and nothing sent anywhere. axe-clean at 320
// and 1024 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest, axe } from './harness.mjs';

const CSPLAN = process.env.CSPLAN_BIN ?? 'target/debug/csplan';
const app = await appUnderTest();

function response(id, choices, comment = '', aboutYou = []) {
  return {
    schema: 1, id, consultation: 'example-2024',
    choices: Object.entries(choices).map(([lever, [value, note = '']]) => ({ lever, value, comment: note })),
    comment, about_you: aboutYou, balance: '0', balanced: false,
  };
}

const a = response('aaaaaa', { 'council-tax': ['3'] }, 'Keep the libraries open');
const b = response('bbbbbb', { 'children-homes': ['1', 'Too far from families'], 'council-tax': ['2.5'] });
const d = response('dddddd', { 'transport-routes': ['1'], 'council-tax': ['2'] }, '=HYPERLINK("http://x")');
const off = response('cccccc', { 'council-tax': ['2.3'] });
const FILES = {
  'a.json': JSON.stringify(a),
  'a copy.json': JSON.stringify(a),
  'b.json': JSON.stringify(b),
  'off.json': JSON.stringify(off),
  'broken.json': '{"schema": 1, "id": ',
  'export.json': JSON.stringify([
    { receipt: 'R1', received: '2027-01-14T15:00:00Z', response: b },
    { receipt: 'R2', received: '2027-01-14T16:00:00Z', response: d },
    { receipt: 'R2', received: '2027-01-14T16:00:00Z', response: d },
  ]),
};

function rows(page, id) {
  return page.$$eval(`#${id} tbody tr`, (trs) => trs.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

/** Writes `files` (name to text) and the example scenario to a new folder, for csplan. */
function onDisk(files) {
  const dir = mkdtempSync(join(tmpdir(), 'csplan-results-'));
  const paths = Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
  const scenario = join(dir, 'example.json');
  writeFileSync(scenario, execFileSync(CSPLAN, ['example'], { encoding: 'utf8' }));
  return { paths, scenario };
}

const squash = (cells) => cells.filter((c) => c !== '').join(' ').split(/\s+/).join(' ');

test('response files and an export: counted once, the reasons named, the same figures as csplan responses summarise', async () => {
  const { paths, scenario } = onDisk(FILES);
  const cli = execFileSync(CSPLAN, ['responses', 'summarise', ...paths, '--scenario', scenario], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

  await app.withPage('?page=consultation-results', {}, async ({ page, problems }) => {
    const sent = [];
    page.on('request', (r) => { if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`); });
    await page.setInputFiles('#results-files', Object.entries(FILES).map(([name, text]) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) })));
    await page.waitForSelector('#responses-table');
    assert.equal(await page.locator('#results-read').innerText(), '6 files read: 3 responses counted.');
    const notes = await page.locator('#results-notes').innerText();
    assert.match(notes, /broken\.json: skipped: not a csplan response/);
    assert.match(notes, /off\.json: skipped: choices\[0\]\.value: Council tax rise must be from 0 to 3 in steps of 0\.5/);
    assert.match(notes, /a copy\.json: counted once: the same response as a\.json/);
    assert.match(notes, /export\.json, receipt R1: counted once: the same response as b\.json/);
    assert.match(notes, /export\.json, receipt R2: counted once: the same response as export\.json, receipt R2/);
    // The same figures as the command line, from the same code: caption and every row.
    const cliLines = cli.split('\n');
    assert.equal(await page.locator('#responses-table caption').innerText(), cliLines[0]);
    const pageRows = (await rows(page, 'responses-table')).map(squash);
    const cliRows = cliLines.slice(3, 3 + pageRows.length).map((l) => l.trim().split(/\s+/).join(' '));
    assert.deepEqual(pageRows, cliRows);
    assert.match(cliLines[0], /^3 responses; 3 balanced \(100%\)/);
    // Take-up as a chart, beside the table.
    assert.equal(await page.getByRole('img', { name: /Take-up of each choice/ }).count(), 1);
    // Comments, all and on one choice; a formula stays words.
    assert.equal((await rows(page, 'comments-table')).length, 3);
    await page.selectOption('#comments-on', 'Merge two children\'s homes');
    await page.waitForFunction(() => document.querySelectorAll('#comments-table tbody tr').length === 1);
    assert.deepEqual((await rows(page, 'comments-table'))[0].slice(1), ['Merge two children\'s homes', 'Too far from families']);
    await page.selectOption('#comments-on', 'overall');
    await page.waitForFunction(() => document.querySelectorAll('#comments-table tbody tr').length === 2);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(sent, [], 'nothing is sent anywhere');
    assert.deepEqual(problems.external, []);
    assert.deepEqual(problems.console, []);
  });
});

test('files dropped on the page are read too, and the page fits 320 px', async () => {
  await app.withPage('?page=consultation-results', { width: 320 }, async ({ page, problems }) => {
    await page.evaluate((files) => {
      const data = new DataTransfer();
      for (const [name, text] of Object.entries(files)) data.items.add(new File([text], name, { type: 'application/json' }));
      document.getElementById('results-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, { 'a.json': FILES['a.json'], 'b.json': FILES['b.json'] });
    await page.waitForSelector('#responses-table');
    assert.equal(await page.locator('#results-read').innerText(), '2 files read: 2 responses counted.');
    assert.deepEqual(await axe(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the 320px window`);
    await page.click('#results-clear');
    await page.waitForSelector('#responses-table', { state: 'detached' });
    assert.deepEqual(problems.console, []);
  });
});

test('a collector\'s CSV export, every choice by an "about you" answer, the average package and the stacked agreement bars: the same as csplan', async () => {
  const resident = [{ question: 'connection', answer: 'A resident' }];
  const staff = [{ question: 'connection', answer: 'A member of staff' }];
  const r1 = response('r1', { 'council-tax': ['3'], 'children-homes': ['1'], 'reserves-one-off': ['1'] }, '', resident);
  // As `csplan responses export` writes it (names for headers, a formula marked, the tag
  // last): r2 and r3, and r1 again, which counts once by its tag.
  const csv = [
    'receipt,received,consultation,balance,balanced,Merge two children\'s homes,Merge two children\'s homes: comment,Council tax rise,Council tax rise: comment,Reserves should be used only for one-off costs,Reserves should be used only for one-off costs: comment,comment,How are you connected to the council\'s services?,tag',
    'R2,2027-01-14T15:00:00Z,example-2024,600000,yes,0,,3,"\'=SUM(A1)",-1,,"Protect early help, please",A resident,r2',
    'R3,2027-01-14T15:00:00Z,example-2024,300000,yes,1,,2,,0,,,A member of staff,r3',
    'R4,2027-01-14T16:00:00Z,example-2024,1500000,yes,1,,3,,1,,,A resident,r1',
    '',
  ].join('\r\n');
  const files = { 'r1.json': JSON.stringify(r1), 'export.csv': csv };
  const { paths, scenario } = onDisk(files);
  const run = (...extra) => execFileSync(CSPLAN, ['responses', 'summarise', ...paths, '--scenario', scenario, ...extra], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n');
  /** The rows of the table captioned `caption` in the CLI's text. */
  const cliRows = (lines, caption, n) => {
    const at = lines.findIndex((l) => l.startsWith(caption));
    assert.ok(at >= 0, `${caption} in ${lines.join('\n')}`);
    return lines.slice(at + 3, at + 3 + n).map((l) => l.trim().split(/\s+/).join(' '));
  };

  await app.withPage('?page=consultation-results', {}, async ({ page, problems }) => {
    await page.setInputFiles('#results-files', Object.entries(files).map(([name, text]) => ({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/json', buffer: Buffer.from(text) })));
    await page.waitForSelector('#responses-table');
    assert.equal(await page.locator('#results-read').innerText(), '2 files read: 3 responses counted.');
    assert.match(await page.locator('#results-notes').innerText(), /export\.csv, receipt R4: counted once: the same response as r1\.json/);
    // The CSV's comment reads as the participant wrote it.
    assert.match(await page.locator('#comments-table').innerText(), /=SUM\(A1\)/);
    assert.doesNotMatch(await page.locator('#comments-table').innerText(), /'=SUM/);

    // The average package, beside the council's proposal: as the command line has it.
    const summary = run();
    const packageRows = (await rows(page, 'package-table')).map(squash);
    assert.deepEqual(packageRows, cliRows(summary, 'The average package', packageRows.length));
    const homes = packageRows.find((r) => r.startsWith('Merge two children\'s homes'));
    assert.equal(homes, 'Merge two children\'s homes Accepted 66.7% accepted £900,000 £600,000');

    // Every choice by the answer to a question.
    await page.selectOption('#results-by', 'connection');
    await page.waitForSelector('#breakdown-table');
    const by = run('--by', 'connection');
    const header = await page.$$eval('#breakdown-table thead th', (ths) => ths.map((t) => t.textContent.trim()));
    assert.deepEqual(header, ['Choice', 'A resident (2)', 'A member of staff (1)']);
    const byRows = (await rows(page, 'breakdown-table')).map(squash);
    assert.deepEqual(byRows, cliRows(by, 'Choices by the answer to', byRows.length));
    assert.ok(byRows.includes('Council tax rise 3% 2%'), byRows.join('\n'));

    // The principle's agreement: one bar, agree, no view and disagree end to end.
    const parts = await page.$$eval('#agreement-chart rect', (rs) => rs.map((r) => ['x', 'y', 'width'].map((a) => Number(r.getAttribute(a)))));
    const row = parts.filter(([, y]) => y === parts[0][1]);
    assert.equal(row.length, 3, JSON.stringify(parts));
    assert.ok(Math.abs(row[0][0] + row[0][2] - row[1][0]) <= 0.2 && Math.abs(row[1][0] + row[1][2] - row[2][0]) <= 0.2, JSON.stringify(row));
    assert.ok(Math.abs(row[0][2] - row[1][2]) <= 0.2 && Math.abs(row[1][2] - row[2][2]) <= 0.2, 'a third each');
    assert.match(await page.locator('#agreement-chart').innerHTML(), /100%/, 'the axis is in per cent');
    assert.deepEqual(await axe(page), []);
    await page.setViewportSize({ width: 320, height: 800 });
    assert.deepEqual(await axe(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the 320px window`);
    assert.deepEqual(problems.console, []);
  });
});
