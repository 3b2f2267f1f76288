// Children in care from the council's own SSDA903 records, a page (and download) of its own
// linked from the Children in care page: the files are read in the browser and no request
// carries them; a bad file is named by file, row and column; cleaning, the history and the
// projection are the same figures as `csplan care` for the same files; a reload closes the
// files, as the page says, and the planner's own figures survive the way there and back;
// axe-clean at 1024 and 320 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest, clean } from './harness.mjs';

const CSPLAN = process.env.CSPLAN_BIN ?? 'target/debug/csplan';
const app = await appUnderTest();

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
// Distinctive words in the files, to look for in every request the page makes.
const SECRET = 'ZQX-CHILD';

/** Two years of a small authority: 40 children, some moving, leaving and coming back. */
function files() {
  const heads = [];
  const years = { 2021: [], 2022: [] };
  for (let i = 0; i < 40; i += 1) {
    const id = `${SECRET}${i}`;
    const dob = `${String(1 + (i % 27)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${2005 + (i % 12)}`;
    heads.push(`${id},${1 + (i % 2)},${dob},WBRI,,,`);
    const start = `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2020`;
    const place = ['U1', 'U4', 'K2', 'P2', 'U6', 'R1', 'P1', 'U3'][i % 8];
    if (i % 5 === 0) {
      // Left in the first year.
      years[2021].push(`${id},${start},S,C2,N1,${place},PR1,15/02/2021,E11,,,,`);
    } else if (i % 7 === 0) {
      // Moved to fostering on 1 October 2021: the 2021 file (made before) has the first
      // placement open, the 2022 file closes it and carries the move on.
      years[2021].push(`${id},${start},S,C2,N1,${place},PR4,,,,,,`);
      years[2022].push(`${id},${start},S,C2,N1,${place},PR4,01/10/2021,X1,,,,`);
      years[2022].push(`${id},01/10/2021,P,C2,N1,U4,PR1,,,,,,`);
    } else {
      years[2021].push(`${id},${start},S,C2,N1,${place},PR1,,,,,,`);
      years[2022].push(`${id},${start},S,C2,N1,${place},PR1,,,,,,`);
    }
  }
  const csv = (head, rows) => `${head}\r\n${rows.join('\r\n')}\r\n`;
  return {
    'header_2022.csv': csv(HEADER, heads),
    'episodes_2021.csv': csv(EPISODES, years[2021]),
    'episodes_2022.csv': csv(EPISODES, years[2022]),
    'reviews.csv': 'CHILD,DOB,REVIEW,REVIEW_CODE\r\n',
  };
}

function rows(page, id) {
  return page.$$eval(`#${id} tbody tr`, (trs) => trs.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim()).join(' ').split(/\s+/).join(' ')));
}

async function open(page, list) {
  await page.setInputFiles('#care-files', Object.entries(list).map(([name, text]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })));
}

test('SSDA903 files read in the browser: cleaned, a history, a projection equal to csplan care, and nothing sent', async () => {
  const list = files();
  const dir = mkdtempSync(join(tmpdir(), 'csplan-care-'));
  for (const [name, text] of Object.entries(list)) writeFileSync(join(dir, name), text);
  const cli = execFileSync(CSPLAN, ['care', dir, '--reference-start', '2021-09-30', '--reference-end', '2022-03-31', '--months', '24'], { encoding: 'utf8' }).split('\n');

  await app.withPage('?page=care-records', {}, async ({ page, problems }) => {
    const sent = [];
    page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
    assert.match(await page.locator('main').innerText(), /The files are read in this browser and never leave it/);
    await open(page, list);
    await page.waitForSelector('#care-projection-table');
    assert.match(await page.locator('#care-read').innerText(), /^4 files read: 40 children, \d+ episodes after cleaning\.$/);
    const changes = await page.locator('#care-changes-table').innerText();
    assert.match(changes, /exact duplicate episodes dropped\t28\t/);
    assert.match(changes, /the same child and start in two files or rows: the later row kept\t4\t/);
    // The window starts as the six months to the records' last day.
    await page.fill('#care-from', '2021-09-30');
    await page.fill('#care-to', '2022-03-31');
    await page.waitForFunction(() => document.querySelector('#care-projection-table tbody tr td:nth-child(2)')?.textContent.trim() === '2022-03-31');
    // The same projection as the command line, row by row.
    const at = cli.findIndex((l) => l.startsWith('Children in care projected by category'));
    const pageRows = await rows(page, 'care-projection-table');
    assert.equal(pageRows.length, 25);
    assert.deepEqual(pageRows, cli.slice(at + 3, at + 3 + 25).map((l) => l.trim().split(/\s+/).join(' ')));
    // Charts of the history and the projection.
    assert.equal(await page.getByRole('img', { name: /Children in care by category, from the records/ }).count(), 1);
    assert.equal(await page.getByRole('img', { name: /Children in care projected by category/ }).count(), 1);
    // A field typed wrong says so and keeps what was typed.
    await page.fill('#care-months', 'two years');
    await page.waitForSelector('#care-months-error');
    assert.equal(await page.inputValue('#care-months'), 'two years');
    await clean(page);
    await page.fill('#care-months', '12');
    await page.waitForFunction(() => document.querySelectorAll('#care-projection-table tbody tr').length === 13);
    await clean(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await clean(page);
    assert.deepEqual(sent.filter((s) => s.includes(SECRET) || !s.startsWith('GET ')), [], 'no request carries the files');
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.external, []);
  });
});

test('a bad file is named by file, row and column, and nothing is read until it is put right', async () => {
  const list = files();
  list['episodes_2022.csv'] = `${list['episodes_2022.csv'].replace('PR1,,,,,,', 'PR1,31/02/2022,E11,,,,')}${SECRET}3,01/03/2022,S,C2,N1,Q9,PR1,,,,,,\r\n`;
  await app.withPage('?page=care-records', { width: 320 }, async ({ page, problems }) => {
    await open(page, list);
    await page.waitForSelector('#care-read-errors');
    const said = await page.locator('#care-read-errors').innerText();
    assert.match(said, /episodes_2022\.csv, row \d+, column DEC: “31\/02\/2022” is not a date/);
    assert.match(said, /episodes_2022\.csv, row \d+, column PLACE: “Q9” is not a PLACE code/);
    assert.equal(await page.locator('#care-projection-table').count(), 0);
    await clean(page);
    assert.deepEqual(problems.console, []);
  });
});

test('from the Children in care page and back by keyboard: a reload closes the files, as the page says, and the planner keeps its figures', async () => {
  await app.withPage('?page=children-in-care', {}, async ({ page, problems }) => {
    // A figure of the planner's own, typed on the Children in care page.
    await page.focus('#add-flows');
    await page.keyboard.press('Enter');
    const entrants = '#care_flows-types-0-entrants_per_month';
    await page.waitForFunction((id) => document.activeElement?.id === id, entrants.slice(1));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12.5');
    // The records are a page of their own, a link away.
    await page.focus('#care-records-link');
    await Promise.all([page.waitForURL(/\?page=care-records$/), page.keyboard.press('Enter')]);
    await page.waitForSelector('#care-files');
    assert.equal(await page.locator('h1').innerText(), 'Children in care from your records');
    assert.match(await page.locator('#care-kept').innerText(), /Reloading it or going to another page closes them/);
    await open(page, files());
    await page.waitForSelector('#care-projection-table');
    await clean(page);
    // A reload closes them: the page is as it was before they were opened.
    await page.reload();
    await page.waitForSelector('#care-files');
    assert.equal(await page.locator('#care-read').count(), 0);
    assert.equal(await page.locator('#care-projection-table').count(), 0);
    assert.equal(await page.inputValue('#care-files'), '');
    // Back to Children in care: the figure typed there is still there.
    await page.focus('#care-kept a');
    await Promise.all([page.waitForURL(/\?page=children-in-care$/), page.keyboard.press('Enter')]);
    await page.waitForSelector(entrants);
    assert.equal(await page.inputValue(entrants), '12.5');
    assert.deepEqual(problems.console, []);
  });
});

test('this year as Portsmouth forecast it, equal to csplan care --forecast-on, written into the Cost of care page\'s placement lines', async () => {
  const list = files();
  const dir = mkdtempSync(join(tmpdir(), 'csplan-care-'));
  for (const [name, text] of Object.entries(list)) writeFileSync(join(dir, name), text);
  const cli = JSON.parse(execFileSync(CSPLAN, ['care', dir, '--reference-start', '2021-09-30', '--reference-end', '2022-03-31', '--forecast-on', '2021-04-01', '--format', 'json'], { encoding: 'utf8' }));
  const want = cli.year_forecast.lines;
  assert.ok(want.length >= 2, JSON.stringify(want));
  await app.withPage('?page=care-records', {}, async ({ page, problems }) => {
    await open(page, list);
    await page.waitForSelector('#care-year-forecast-table');
    // The day defaults to the records' last; a day typed wrong is named and kept.
    await page.fill('#care-forecast-on', '1 April');
    await page.waitForSelector('#care-forecast-on-error');
    assert.equal(await page.inputValue('#care-forecast-on'), '1 April');
    await page.fill('#care-forecast-on', '2021-04-01');
    await page.waitForFunction(() => document.querySelector('#care-year-forecast-table caption')?.textContent.startsWith('2021/22 from the children in placement on 2021-04-01'));
    const shown = await rows(page, 'care-year-forecast-table');
    assert.deepEqual(
      shown.map((r) => Number(r.split(' ').pop())),
      want.map((l) => Number(l.average_number)),
      'the average numbers are csplan care\'s',
    );
    await clean(page);
    // Into the Cost of care page's lines, by keyboard.
    await page.focus('#care-take');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'care-taken');
    assert.match(await page.locator('#care-taken').innerText(), new RegExp(`2021/22's average numbers: 0 lines updated, ${want.length} added`));
    await page.focus('#care-taken-link');
    await Promise.all([page.waitForURL(/\?page=cost-of-care$/), page.keyboard.press('Enter')]);
    await page.waitForSelector('#placements-lines-0-name');
    for (const [i, l] of want.entries()) {
      assert.equal(await page.inputValue(`#placements-lines-${i}-name`), `${l.category}, ${l.in_house ? 'in-house' : 'external'}`);
      assert.equal(await page.inputValue(`#placements-lines-${i}-number`), String(Number(l.average_number)));
    }
    // The unit costs are the council's to enter: each is asked for by name.
    assert.match(await page.locator('#error-summary').innerText(), /unit cost for Fostering, in-house/i);
    assert.deepEqual(problems.console, []);
  });
});

test('the projection costed by financial year: a week\'s cost x 52 gives the year\'s, a cost typed wrong is named and kept, a missing one is asked for', async () => {
  await app.withPage('?page=care-records', { width: 320 }, async ({ page, problems }) => {
    await open(page, files());
    await page.waitForSelector('#care-costs-heading');
    // Costs a year for every category, in-house and external.
    const yearly = [['52,000', '104,000'], ['156,000', '208,000'], ['26,000', '52,000'], ['10,400', '20,800']];
    for (const [c, [inside, outside]] of yearly.entries()) {
      await page.fill(`#care-costs-${c}-in_house`, inside);
      await page.fill(`#care-costs-${c}-external`, outside);
    }
    await page.waitForSelector('#care-costs-table');
    const byYear = await rows(page, 'care-costs-table');
    assert.ok(byYear.length >= 2, byYear.join('\n'));
    // Each row's total is its categories added (each shown to the pound, so within £0.50 each).
    const pounds = (t) => Number(t.replace(/[£,]/g, ''));
    for (const r of await page.$$eval('#care-costs-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())))) {
      const [, ...money] = r;
      const total = money.pop();
      assert.ok(Math.abs(money.reduce((a, m) => a + pounds(m), 0) - pounds(total)) <= money.length / 2, r.join(' '));
    }
    // The same costs a week, x 52: the same table.
    await page.selectOption('#care-cost-per', 'week');
    await page.waitForSelector('#care-weeks');
    for (const [c, [inside, outside]] of yearly.entries()) {
      await page.fill(`#care-costs-${c}-in_house`, String(pounds(inside) / 52));
      await page.fill(`#care-costs-${c}-external`, String(pounds(outside) / 52));
    }
    assert.deepEqual(await rows(page, 'care-costs-table'), byYear);
    // Typed wrong: named, and the text kept.
    await page.fill('#care-costs-0-in_house', '-5');
    await page.waitForSelector('#care-costs-0-in_house-error');
    assert.match(await page.locator('#care-costs-0-in_house-error').innerText(), /cannot be negative/);
    assert.equal(await page.inputValue('#care-costs-0-in_house'), '-5');
    await clean(page);
    // A provision its children are in, left blank: asked for by name.
    await page.fill('#care-costs-0-in_house', '');
    await page.waitForSelector('#care-costs-missing');
    assert.equal(await page.locator('#care-costs-missing').innerText(), 'Enter the in-house cost a year for Fostering');
    assert.deepEqual(problems.console, []);
  });
});

test('the council\'s own categories and bands, an adjusted rate and monthly steps: the projection csplan care gives with the same flags; each field typed wrong is named and kept; by keyboard', async () => {
  const list = files();
  const dir = mkdtempSync(join(tmpdir(), 'csplan-care-'));
  for (const [name, text] of Object.entries(list)) writeFileSync(join(dir, name), text);
  const setupFile = join(mkdtempSync(join(tmpdir(), 'csplan-setup-')), 'setup.json');
  writeFileSync(setupFile, JSON.stringify({
    categories: [
      { id: 'fostering', name: 'Fostering', places: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'] },
      { id: 'everything-else', name: 'Everything else', places: [] },
    ],
    bands: [0, 10, 16, 18],
  }));
  const cli = execFileSync(CSPLAN, ['care', dir, '--reference-start', '2021-09-30', '--reference-end', '2022-03-31', '--months', '24',
    '--step', 'monthly', '--adjust', 'exits:all:fostering:x0.5', '--adjust', 'entrants:10-16:all:+6', '--setup', setupFile], { encoding: 'utf8' }).split('\n');
  await app.withPage('?page=care-records', {}, async ({ page, problems }) => {
    const sent = [];
    page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
    await open(page, list);
    await page.waitForSelector('#care-projection-table');
    await page.fill('#care-from', '2021-09-30');
    await page.fill('#care-to', '2022-03-31');
    await page.selectOption('#care-step', 'monthly');
    // The categories and bands, by keyboard: open the details, type the bands, remove
    // Residential and Supported, rename Other.
    await page.focus('#care-setup summary');
    await page.keyboard.press('Enter');
    await page.focus('#care-bands');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0, 10, 10, 18');
    await page.waitForSelector('#care-bands-error');
    assert.match(await page.locator('#care-bands-error').innerText(), /more than the one before/);
    assert.equal(await page.inputValue('#care-bands'), '0, 10, 10, 18', 'what was typed is kept');
    assert.match(await page.locator('#care-setup-warning').innerText(), /the projection uses the last ones that worked/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0, 10, 16, 18');
    await page.waitForSelector('#care-setup-warning', { state: 'detached' });
    // A cost typed for Other goes with it when the categories before it are removed.
    await page.fill('#care-costs-3-in_house', '12,345');
    for (let n = 0; n < 2; n += 1) {
      await page.getByRole('button', { name: /Remove\s+\((Residential|Supported)\)/ }).first().focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((k) => document.querySelectorAll('#care-setup fieldset').length === 3 - k, n);
    }
    assert.equal(await page.inputValue('#care-categories-1-name'), 'Other', 'the later card moved up with its own figures');
    assert.equal(await page.inputValue('#care-costs-1-in_house'), '12,345', 'and its cost with it');
    await page.fill('#care-costs-1-in_house', '');
    await page.fill('#care-categories-1-name', 'Everything else');
    // A code in two categories is named, and kept.
    await page.fill('#care-categories-1-places', 'U1');
    await page.waitForSelector('#care-categories-1-places-error');
    assert.match(await page.locator('#care-categories-1-places-error').innerText(), /U1 is in Fostering already/);
    await page.fill('#care-categories-1-places', '');
    // Two adjustments, by keyboard from the Add button: focus goes to the new card.
    await page.focus('#care-add-adjustment');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'care-adjustments-0-rate');
    await page.selectOption('#care-adjustments-0-category', 'fostering');
    await page.fill('#care-adjustments-0-value', '-0.5');
    await page.waitForSelector('#care-adjustments-0-value-error');
    assert.match(await page.locator('#care-adjustments-0-value-error').innerText(), /multiplier cannot be negative/);
    assert.equal(await page.inputValue('#care-adjustments-0-value'), '-0.5');
    await page.fill('#care-adjustments-0-value', '0.5');
    await page.focus('#care-add-adjustment');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'care-adjustments-1-rate');
    await page.selectOption('#care-adjustments-1-rate', 'entrants');
    await page.selectOption('#care-adjustments-1-band', '10-16');
    await page.selectOption('#care-adjustments-1-by', 'add');
    // An amount that takes the chances out past 1 a day is refused, naming the group.
    await page.selectOption('#care-adjustments-1-rate', 'exits');
    await page.fill('#care-adjustments-1-value', '1000');
    await page.waitForSelector('#care-adjustments-1-value-error');
    assert.match(await page.locator('#care-adjustments-1-value-error').innerText(), /Adjustment 2 makes the chances of leaving and moving for .*, 10-16 sum past 1 a day/);
    await page.selectOption('#care-adjustments-1-rate', 'entrants');
    await page.fill('#care-adjustments-1-value', '6');
    await page.waitForFunction(() => !document.querySelector('#care-adjustments-1-value-error'));
    // The same projection as the command line with the same flags, row by row.
    const at = cli.findIndex((l) => l.startsWith('Children in care projected by category'));
    const want = cli.slice(at + 3, at + 3 + 25).map((l) => l.trim().split(/\s+/).join(' '));
    await page.waitForFunction((w) => {
      const tr = document.querySelectorAll('#care-projection-table tbody tr')[24];
      return tr && [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim()).join(' ').split(/\s+/).join(' ') === w;
    }, want[24]);
    assert.deepEqual(await rows(page, 'care-projection-table'), want);
    assert.match(await page.locator('#care-projection-table thead').innerText(), /Fostering[\s\S]*Everything else/);
    await clean(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await clean(page);
    // Removing the first adjustment leaves the second's figures in the first card.
    await page.getByRole('button', { name: /Remove\s+adjustment 1$/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[id^="care-adjustments-"][id$="-rate"]').length === 1);
    assert.equal(await page.inputValue('#care-adjustments-0-rate'), 'entrants');
    assert.equal(await page.inputValue('#care-adjustments-0-value'), '6');
    assert.deepEqual(sent.filter((s) => s.includes(SECRET) || !s.startsWith('GET ')), [], 'no request carries the files');
    assert.deepEqual(problems.console, []);
  });
});

test('what the council sets on the records page is kept in this browser across pages and a reload, with no child\'s record in it, and can be put back to DfE\'s', async () => {
  await app.withPage('?page=care-records', {}, async ({ page, problems }) => {
    await open(page, files());
    await page.waitForSelector('#care-projection-table');
    await page.selectOption('#care-step', 'monthly');
    await page.focus('#care-setup summary');
    await page.keyboard.press('Enter');
    await page.fill('#care-bands', '0, 10, 16, 18');
    await page.fill('#care-costs-0-in_house', '30,000');
    await page.focus('#care-add-adjustment');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'care-adjustments-0-rate');
    await page.fill('#care-adjustments-0-value', '1.25');
    // To the Children in care page and back, by its links.
    await page.focus('#care-kept a');
    await Promise.all([page.waitForURL(/\?page=children-in-care$/), page.keyboard.press('Enter')]);
    await page.focus('#care-records-link');
    await Promise.all([page.waitForURL(/\?page=care-records$/), page.keyboard.press('Enter')]);
    await page.waitForSelector('#care-files');
    assert.match(await page.locator('#care-kept').innerText(), /is kept in this browser, with no child's record in it/);
    const stored = await page.evaluate(() => localStorage.getItem('csplan-care-settings'));
    assert.ok(stored && !stored.includes(SECRET), 'the settings hold no child id');
    // The files are closed, as the page says; opened again, the settings are still there.
    assert.equal(await page.locator('#care-read').count(), 0);
    await open(page, files());
    await page.waitForSelector('#care-projection-table');
    assert.equal(await page.inputValue('#care-step'), 'monthly');
    assert.equal(await page.inputValue('#care-bands'), '0, 10, 16, 18');
    assert.equal(await page.inputValue('#care-costs-0-in_house'), '30,000');
    assert.equal(await page.inputValue('#care-adjustments-0-value'), '1.25');
    assert.match(await page.locator('#care-projection-table thead').innerText(), /Fostering/);
    // A reload keeps them too; "Put back" gives DfE's again, and that is kept.
    await page.reload();
    await open(page, files());
    await page.waitForSelector('#care-projection-table');
    assert.equal(await page.inputValue('#care-bands'), '0, 10, 16, 18');
    await page.focus('#care-settings-reset');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#care-bands')?.value === '0, 1, 5, 10, 16, 18');
    assert.equal(await page.inputValue('#care-step'), 'daily');
    assert.equal(await page.locator('#care-adjustments-0-value').count(), 0);
    assert.equal(await page.inputValue('#care-costs-0-in_house'), '');
    await clean(page);
    await page.reload();
    await open(page, files());
    await page.waitForSelector('#care-projection-table');
    assert.equal(await page.inputValue('#care-bands'), '0, 1, 5, 10, 16, 18');
    assert.deepEqual(problems.console, []);
  });
});
