// school, schoolyear and import through the real CLI on a real database:
// exit codes, the messages people read, and that a refused file changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tmpDir } from './helpers.mjs';

const FIX = new URL('./fixtures/', import.meta.url).pathname;
let dir;
let db;

function pw(...args) {
  return cli([...args, '--db', db]);
}
function ok(r) {
  assert.equal(r.status, 0, `exit ${r.status}: ${r.stderr}`);
  return r;
}
function imp(kind, file, ...rest) {
  const year = kind === 'classes' || kind === 'students' ? ['--schoolyear', '2025-2026'] : [];
  return pw('import', kind, join(FIX, file), '--school', 'lekpoort', ...year, ...rest);
}

before(() => {
  dir = tmpDir();
  db = join(dir, 'test.db');
  ok(cli(['init', '--db', db]));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('school add and list', () => {
  let r = ok(pw('school', 'add', 'lekpoort', 'Lekpoort College', '--region', 'midden'));
  assert.match(r.stdout, /school lekpoort toegevoegd: Lekpoort College, regio midden/);
  ok(pw('school', 'add', 'rijnhove', 'Rijnhove'));
  r = ok(pw('school', 'list'));
  assert.match(r.stdout, /^lekpoort\tLekpoort College\tmidden$/m);
  assert.match(r.stdout, /^rijnhove\tRijnhove\t$/m);

  r = pw('school', 'add', 'lekpoort', 'Nog een');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /er is al een school met code "lekpoort"/);
  r = pw('school', 'add', 'oost', 'Oost', '--region', 'oost');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /regio "oost" bestaat niet. Kies noord, midden of zuid/);
  r = pw('school', 'add', 'Hoofd Letters', 'X');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Gebruik kleine letters, cijfers en -/);
  assert.equal(pw('school', 'frobnicate').status, 2);
  assert.equal(ok(cli(['school', '--help'])).stdout.includes('school add CODE'), true);
});

test('schoolyear add, list and holidays', () => {
  let r = ok(pw('schoolyear', 'add', '--school', 'lekpoort', '2025-2026', '--start', '2025-08-18', '--end', '2026-07-17'));
  assert.match(r.stdout, /schooljaar 2025-2026 toegevoegd voor lekpoort: 2025-08-18 t\/m 2026-07-17/);

  r = pw('schoolyear', 'add', '--school', 'lekpoort', '2026-2027', '--start', '2027-08-17', '--end', '2027-07-16');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /het einde \(2027-07-16\) moet na het begin \(2027-08-17\) liggen/);
  r = pw('schoolyear', 'add', '--school', 'lekpoort', '2026-2027', '--start', '2025-08-17', '--end', '2027-07-16');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /begint in 2026, maar --start ligt in een ander jaar/);
  r = pw('schoolyear', 'add', '--school', 'lekpoort', '2026-2028', '--start', '2026-08-17', '--end', '2027-07-16');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /twee opeenvolgende jaren/);
  r = pw('schoolyear', 'add', '--school', 'lekpoort', '2026-2027', '--start', '2026-02-30', '--end', '2027-07-16');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--start "2026-02-30" is geen bestaande datum/);
  r = pw('schoolyear', 'add', '--school', 'lekpoort', '2025-2026', '--start', '2025-08-18', '--end', '2026-07-17');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /schooljaar 2025-2026 bestaat al/);
  r = pw('schoolyear', 'add', '--school', 'nergens', '2026-2027', '--start', '2026-08-17', '--end', '2027-07-16');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /er is geen school met code "nergens"/);

  r = ok(pw('schoolyear', 'holidays', '--school', 'lekpoort', '2025-2026', join(FIX, 'vakanties.csv')));
  assert.match(r.stdout, /2 vakanties opgeslagen voor lekpoort 2025-2026/);
  r = ok(pw('schoolyear', 'list', '--school', 'lekpoort'));
  assert.match(r.stdout, /^2025-2026\t2025-08-18 t\/m 2026-07-17\t2 vakanties$/m);

  const bad = join(dir, 'zomer.csv');
  writeFileSync(bad, 'naam;van;tot\nHerfst;2025-10-18;2025-10-26\nZomer;2026-07-18;2026-08-30\n');
  r = pw('schoolyear', 'holidays', '--school', 'lekpoort', '2025-2026', bad);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /zomer\.csv:3: Zomer \(2026-07-18 t\/m 2026-08-30\) valt buiten schooljaar 2025-2026/);
  writeFileSync(bad, 'naam;van;tot\nHerfst;2025-10-26;2025-10-18\n');
  r = pw('schoolyear', 'holidays', '--school', 'lekpoort', '2025-2026', bad);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /zomer\.csv:2: tot 2025-10-18 ligt voor van 2025-10-26/);
  // Refused files leave the holidays as they were.
  assert.match(ok(pw('schoolyear', 'list', '--school', 'lekpoort')).stdout, /2 vakanties/);
});

test('import staff, classes, students, parents; a rerun changes nothing', () => {
  let r = ok(imp('staff', 'personeel.csv'));
  assert.match(r.stdout, /personeel\.csv: 3 nieuw, 0 gewijzigd, 0 ongewijzigd/);
  assert.equal(r.stderr, ''); // no progress bar when stderr is not a terminal

  // A dry run says what would happen and writes nothing: twice the same.
  for (let i = 0; i < 2; i++) {
    r = ok(imp('classes', 'klassen.csv', '--dry-run'));
    assert.match(r.stdout, /regel 2: nieuw: klas 1A \(leerjaar 1, onderbouw\)/);
    assert.match(r.stdout, /2 nieuw, 0 gewijzigd, 0 ongewijzigd/);
    assert.match(r.stdout, /proefrun \(--dry-run\): er is niets opgeslagen/);
  }
  assert.match(ok(imp('classes', 'klassen.csv')).stdout, /klassen\.csv: 2 nieuw, 0 gewijzigd, 0 ongewijzigd/);
  assert.match(ok(imp('students', 'leerlingen.csv')).stdout, /leerlingen\.csv: 3 nieuw, 0 gewijzigd, 0 ongewijzigd/);
  assert.match(ok(imp('parents', 'ouders.csv')).stdout, /ouders\.csv: 4 nieuw, 0 gewijzigd, 0 ongewijzigd/);

  assert.match(ok(imp('staff', 'personeel.csv')).stdout, /0 nieuw, 0 gewijzigd, 3 ongewijzigd/);
  assert.match(ok(imp('classes', 'klassen.csv')).stdout, /0 nieuw, 0 gewijzigd, 2 ongewijzigd/);
  assert.match(ok(imp('students', 'leerlingen.csv')).stdout, /0 nieuw, 0 gewijzigd, 3 ongewijzigd/);
  r = ok(imp('parents', 'ouders.csv', '--dry-run'));
  assert.match(r.stdout, /0 nieuw, 0 gewijzigd, 4 ongewijzigd/);
  assert.doesNotMatch(r.stdout, /regel \d+:/); // unchanged rows are not listed
});

test('each bad file is refused with its own message, and nothing is imported', () => {
  const cases = [
    ['students', 'leerlingen-datum.csv', /leerlingen-datum\.csv:3: geboortedatum "31-02-2012" is geen bestaande datum\. Gebruik JJJJ-MM-DD of DD-MM-JJJJ\./],
    ['students', 'leerlingen-toekomst.csv', /leerlingen-toekomst\.csv:3: geboortedatum "2099-02-03" ligt in de toekomst/],
    ['students', 'leerlingen-klas.csv', /leerlingen-klas\.csv:3: klas "9Z" bestaat niet in schooljaar 2025-2026\. Importeer eerst de klassen/],
    ['students', 'leerlingen-kolommen.csv', /leerlingen-kolommen\.csv:1: kolom geboortedatum ontbreekt in de kopregel/],
    ['students', 'leerlingen-dubbel.csv', /leerlingen-dubbel\.csv:3: leerlingnummer "100004" staat ook op regel 2/],
    ['students', 'leerlingen-latin1.csv', /leerlingen-latin1\.csv:3: roepnaam bevat tekens die geen UTF-8 zijn.*CSV UTF-8/],
    ['students', 'leerlingen-quote.csv', /leerlingen-quote\.csv:3: de aanhalingstekens kloppen niet/],
    ['staff', 'personeel-functie.csv', /personeel-functie\.csv:2: functie "conciërge" is onbekend in het protocol van deze school\. Kies uit: vakdocent, mentor/],
    ['classes', 'klassen-mentor.csv', /klassen-mentor\.csv:2: mentor1 "P9999" is onbekend.*Importeer eerst het personeel/],
  ];
  for (const [kind, file, want] of cases) {
    const r = imp(kind, file);
    assert.equal(r.status, 1, `${file}: exit ${r.status}`);
    assert.match(r.stderr, want, file);
    assert.match(r.stderr, /er is niets ingelezen/);
  }
  // The good first rows of those files were not kept: 100004, P1004 and 3C
  // would still be new.
  const probe = join(dir, 'probe.csv');
  writeFileSync(probe, 'leerlingnummer;roepnaam;tussenvoegsel;achternaam;geboortedatum;klas\n100004;Piet;;Puk;2012-01-01;1A\n');
  let r = ok(pw('import', 'students', probe, '--school', 'lekpoort', '--schoolyear', '2025-2026', '--dry-run'));
  assert.match(r.stdout, /1 nieuw, 0 gewijzigd, 0 ongewijzigd/);
  assert.match(ok(imp('students', 'leerlingen.csv')).stdout, /0 nieuw, 0 gewijzigd, 3 ongewijzigd/);
  assert.match(ok(imp('staff', 'personeel.csv')).stdout, /0 nieuw, 0 gewijzigd, 3 ongewijzigd/);
});

test('import usage errors', () => {
  let r = pw('import', 'students', join(FIX, 'leerlingen.csv'), '--schoolyear', '2025-2026');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--school CODE/);
  r = pw('import', 'students', join(FIX, 'leerlingen.csv'), '--school', 'lekpoort');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /leerlingen horen bij een schooljaar/);
  r = pw('import', 'cijfers', join(FIX, 'leerlingen.csv'), '--school', 'lekpoort');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Kies classes, students, staff of\s+parents/);
  r = pw('import', 'students', join(dir, 'bestaat-niet.csv'), '--school', 'lekpoort', '--schoolyear', '2025-2026');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bestaat-niet\.csv: kan het bestand niet openen/);
  r = pw('import', 'students', join(FIX, 'leerlingen.csv'), '--school', 'lekpoort', '--schoolyear', '2030-2031');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /lekpoort heeft geen schooljaar "2030-2031"/);
  r = pw('import', 'staff', join(FIX, 'personeel.csv'), '--school', 'nergens');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /er is geen school met code "nergens"/);
});
