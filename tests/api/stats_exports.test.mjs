// The yearly evaluation as XLSX and PDF (issue 8): the demo school with its
// cases, read back through exceljs (every cell of every sheet against the
// JSON, "<5" as text, counts as numbers) and through poppler (pdftoppm
// renders each page, pdftotext reads the school year and the key figures);
// the same from `pestwijzer report`; the refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { startServer, cli, tmpDir, must, callApi, BIN } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
let dir;
const tok = {};
let year;
let figures; // the JSON of the year asked

const api = (who, path) => callApi(srv.base, tok[who], 'GET', path);
const raw = (who, path) => fetch(`${srv.base}/api/v1${path}`, { headers: { Authorization: `Bearer ${tok[who]}` } });

before(async () => {
  dir = tmpDir();
  const db = `${dir}/demo.db`;
  must(cli(['demo', '--cases', '--db', db, '--students', '600', '--years', '3']));
  srv = await startServer({ db });
  for (const who of ['docent', 'apc', 'mt']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  const r = await api('apc', '/stats');
  assert.equal(r.status, 200, r.text);
  year = r.data.schoolyear;
  figures = r.data;
  assert.ok(figures.earlier.length >= 1, 'the demo has earlier years');
  assert.ok(figures.signals !== 0, 'the demo has signals this year');
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

// The JSON's value of a cell as the spreadsheet must hold it.
function expected(y, measure, key) {
  const m = y[measure];
  if (m === undefined) return null;
  // A key another year has and this one does not counted nothing: 0.
  return key === '' ? m : (m[key] === undefined ? 0 : m[key]);
}

function cellValue(c) {
  const v = c.value;
  if (v === null || v === undefined) return null;
  return v;
}

test('the prevention and staff figures are in the JSON, not suppressed', () => {
  assert.equal(typeof figures['prevention.classes'], 'number');
  assert.ok(figures['prevention.classes'] > 0);
  assert.deepEqual(Object.keys(figures['prevention.status']), ['done', 'skipped', 'behind', 'open']);
  const st = figures['prevention.status'];
  assert.equal(st.done + st.skipped + st.behind + st.open, figures['prevention.tasks']);
  for (const v of Object.values(figures['prevention.done'])) assert.equal(typeof v, 'number');
  assert.deepEqual(Object.keys(figures['staff.protocol']), ['confirmed', 'not_confirmed']);
  assert.ok(figures['staff.protocol'].not_confirmed > 0);
  assert.equal(figures.earlier[0]['staff.protocol'], undefined, 'a snapshot of today, only for the year asked');
  assert.equal(typeof figures.earlier[0]['prevention.classes'], 'number');
});

test('XLSX: an overview and a sheet per breakdown, equal to the JSON cell by cell', async () => {
  const res = await raw('apc', `/stats?schoolyear=${year}&format=xlsx`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="pestwijzer-cijfers-${year}.xlsx"`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()));
  const years = [figures, ...figures.earlier];

  const ov = wb.getWorksheet('Overzicht');
  assert.ok(ov, 'an overview sheet');
  assert.equal(ov.getCell('A3').value, 'School');
  assert.equal(ov.getCell('B3').value, 'Lekpoort College');
  assert.equal(ov.getCell('B4').value, year);
  assert.equal(ov.getCell('A8').value, 'Kerncijfers');
  years.forEach((y, k) => assert.equal(ov.getRow(8).getCell(2 + k).value, y.schoolyear));
  const keyRows = { Meldingen: 'signals', 'Casussen geopend': 'cases', Sancties: 'sanctions', Klassen: 'prevention.classes' };
  let seenKeys = 0;
  ov.eachRow((row) => {
    const m = keyRows[row.getCell(1).value];
    if (!m) return;
    seenKeys++;
    years.forEach((y, k) => assert.equal(cellValue(row.getCell(2 + k)), expected(y, m, ''), `${m} ${y.schoolyear}`));
  });
  assert.equal(seenKeys, 4);

  let sheets = 0;
  let hidden = 0;
  let numbers = 0;
  for (const ws of wb.worksheets) {
    if (ws.name === 'Overzicht') continue;
    sheets++;
    // A breakdown of the year asked, or of an earlier year only (a survey held last year).
    assert.ok(years.some((y) => typeof y[ws.name] === 'object'), `sheet ${ws.name} is a breakdown of the JSON`);
    assert.equal(ws.getCell('A4').value, 'Onderdeel');
    years.forEach((y, k) => assert.equal(ws.getRow(4).getCell(3 + k).value, y.schoolyear));
    const keys = new Set();
    ws.eachRow((row, n) => {
      if (n <= 4) return;
      const key = String(row.getCell(1).value);
      keys.add(key);
      years.forEach((y, k) => {
        const c = row.getCell(3 + k);
        const want = expected(y, ws.name, key);
        assert.equal(cellValue(c), want, `${ws.name} ${key} ${y.schoolyear}`);
        if (want === '<5') {
          assert.equal(c.type, ExcelJS.ValueType.String);
          hidden++;
        } else if (want !== null) {
          assert.equal(c.type, ExcelJS.ValueType.Number);
          numbers++;
        }
      });
    });
    for (const y of years) for (const key of Object.keys(y[ws.name] || {})) assert.ok(keys.has(key), `${ws.name}: row ${key}`);
  }
  const breakdowns = new Set(years.flatMap((y) => Object.keys(y).filter((k) => typeof y[k] === 'object' && y[k] !== null && k !== 'earlier')));
  assert.equal(sheets, breakdowns.size);
  assert.ok(hidden > 0, 'some cells are suppressed in the demo');
  assert.ok(numbers > 100);
});

test('PDF: A4 pages with real text, the school year and the key figures of the JSON', async () => {
  const res = await raw('mt', `/stats?schoolyear=${year}&format=pdf`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="pestwijzer-cijfers-${year}.pdf"`);
  const pdf = `${dir}/api.pdf`;
  writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.equal(info.status, 0, info.stderr);
  const pages = Number(info.stdout.match(/^Pages:\s+(\d+)/m)[1]);
  assert.ok(pages >= 4, `${pages} pages`);
  assert.match(info.stdout, /^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
  const png = spawnSync('pdftoppm', ['-png', '-r', '20', pdf, `${dir}/page`], { encoding: 'utf8' });
  assert.equal(png.status, 0, png.stderr);
  assert.equal(readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)).length, pages);
  const txt = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.equal(txt.status, 0, txt.stderr);
  const t = txt.stdout;
  assert.match(t, /Jaarevaluatie pestprotocol/);
  assert.match(t, new RegExp(`Schooljaar ${year}`));
  assert.match(t, /Lekpoort College/);
  assert.match(t, /Gemaakt op \d{1,2} [a-z]+ \d{4}/);
  assert.match(t, new RegExp(`pagina 1 van ${pages}`));
  assert.match(t, new RegExp(`pagina ${pages} van ${pages}`));
  assert.match(t, /Over kleine aantallen/);
  const years = [figures, ...figures.earlier];
  const header = t.split('\n').find((l) => /^\s*Kerncijfer\s/.test(l));
  assert.deepEqual(header.trim().split(/\s+/).slice(1), years.map((y) => y.schoolyear));
  for (const [title, m] of [['Meldingen', 'signals'], ['Casussen geopend', 'cases'], ['Sancties', 'sanctions']]) {
    const line = t.split('\n').find((l) => l.trim().startsWith(`${title} `) && /\d|<5/.test(l.slice(title.length)));
    assert.ok(line, title);
    const cells = line.trim().slice(title.length).trim().split(/\s+/);
    assert.deepEqual(cells, years.map((y) => String(y[m])), title);
  }
  assert.match(t, /Meldingen per vorm van pesten/);
});

test('refusals: an unknown format, a docent, no token', async () => {
  const r = await api('apc', `/stats?schoolyear=${year}&format=docx`);
  assert.equal(r.status, 400);
  assert.ok(r.data.error.fields.format);
  assert.match(r.data.error.message, /json, csv, xlsx of pdf/);
  for (const f of ['pdf', 'xlsx']) {
    const d = await api('docent', `/stats?schoolyear=${year}&format=${f}`);
    assert.equal(d.status, 403);
    assert.equal(d.data.error.code, 'forbidden');
    assert.equal((await fetch(`${srv.base}/api/v1/stats?format=${f}`)).status, 401);
  }
});

test('pestwijzer report writes the same XLSX and PDF to a file or a pipe; refuses an unknown format', async () => {
  const x = `${dir}/cli.xlsx`;
  must(cli(['report', '--db', srv.db, '--schoolyear', year, '--format', 'xlsx', '--output', x]));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(x);
  assert.equal(wb.getWorksheet('Overzicht').getCell('B4').value, year);
  assert.equal(cellValue(wb.getWorksheet('Overzicht').getRow(9).getCell(2)), figures.signals);
  const p = `${dir}/cli.pdf`;
  must(cli(['report', '--db', srv.db, '--schoolyear', year, '--format', 'pdf', '--output', p]));
  assert.equal(readFileSync(p).subarray(0, 5).toString(), '%PDF-');
  // Not a terminal: a pipe gets it.
  const piped = spawnSync(BIN, ['report', '--db', srv.db, '--schoolyear', year, '--format', 'pdf']);
  assert.equal(piped.status, 0, String(piped.stderr));
  assert.equal(piped.stdout.subarray(0, 5).toString(), '%PDF-');
  // A terminal (script(1) gives it one) gets a refusal, not binary.
  const tty = spawnSync('script', ['-qec', `${BIN} report --db ${srv.db} --schoolyear ${year} --format xlsx`, '/dev/null'],
    { encoding: 'utf8' });
  assert.equal(tty.status, 2, tty.stdout);
  assert.match(tty.stdout, /xlsx is binair en hoort niet op de terminal\. Geef --output BESTAND/);
  assert.doesNotMatch(tty.stdout, /PK\x03\x04/);
  const bad = cli(['report', '--db', srv.db, '--schoolyear', year, '--format', 'doc']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /kies json, csv, xlsx of pdf/);
  const csv = cli(['report', '--db', srv.db, '--schoolyear', year, '--format', 'csv']);
  const apiCsv = await api('apc', `/stats?schoolyear=${year}&format=csv`);
  assert.equal(csv.stdout, apiCsv.text);
  assert.match(csv.stdout, new RegExp(`^${year};prevention.classes;;\\d+\\r$`, 'm'));
});
