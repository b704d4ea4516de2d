// The yearly evaluation's figures through the API and the CLI: a demo school
// where this test files a known set of signals, then checks every figure it
// touched exactly, the suppression of small cells and their complements, who
// may read them, the CSV's shape, and that `pestwijzer report` says the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
const today = new Date().toISOString().slice(0, 10);
let year;      // the current school year's name
let previous;  // the one before

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

function signal(target, bully, extra = {}) {
  return {
    occurred_on: today, location: 'aula', description: 'Wordt uitgescholden', systematisch: 'ja',
    vormen: ['woorden_beelden'], cyber: null, naar_clz: false,
    betrokkenen: [{ student: target.id, rol: 'gepeste' }, { student: bully.id, rol: 'pester' }], ...extra,
  };
}

let students;
before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '3']));
  srv = await startServer({ db });
  for (const who of ['docent', 'mentor', 'clz', 'apc', 'mt']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  students = (await api('mentor', 'GET', '/students?class=2B')).data.items;
  assert.ok(students.length >= 14);
  const r = await api('apc', 'GET', '/stats');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  year = r.data.schoolyear;
  const first = Number(year.slice(0, 4));
  previous = `${first - 1}-${first}`;
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

test('an empty year: zeros for every key of the protocol, the earlier year beside it', async () => {
  const r = await api('apc', 'GET', `/stats?schoolyear=${year}`);
  assert.equal(r.status, 200);
  assert.equal(r.data.signals, 0);
  assert.equal(r.data.cases, 0);
  assert.equal(r.data.k, 5);
  assert.deepEqual(Object.keys(r.data['signals.vorm']).sort(),
    ['achtervolgen', 'afpersing', 'lichamelijk', 'meelopen', 'stelen_vernielen', 'uitsluiting', 'woorden_beelden']);
  assert.equal(r.data['signals.platform'].whatsapp, 0);
  assert.equal(r.data['sanctions.rung'].verwijdering, 0);
  assert.equal(r.data.earlier.length, 1);
  assert.equal(r.data.earlier[0].schoolyear, previous);
});

test('only functies with `cijfers` read the figures (Lekpoort: apc and mt)', async () => {
  for (const who of ['mentor', 'docent', 'clz']) {
    const r = await api(who, 'GET', `/stats?schoolyear=${year}`);
    assert.equal(r.status, 403, who);
    assert.equal(r.data.error.code, 'forbidden');
  }
  assert.equal((await api('mt', 'GET', `/stats?schoolyear=${year}`)).status, 200);
  const none = await fetch(`${srv.base}/api/v1/stats?schoolyear=${year}`);
  assert.equal(none.status, 401);
  assert.equal((await api('apc', 'GET', '/stats?schoolyear=2025-2025')).status, 400);
  assert.equal((await api('apc', 'GET', '/stats?schoolyear=1990-1991')).status, 404);
  assert.equal((await api('apc', 'GET', `/stats?schoolyear=${year}&format=doc`)).status, 400);
});

test('a known set of signals gives known figures, small cells and their complements hidden', async () => {
  const s = students;
  // Six bullying signals about six pairs of 2B: six cases at the mentor.
  for (let i = 0; i < 6; i++) {
    const extra = {};
    if (i === 0) extra.vormen = ['woorden_beelden', 'lichamelijk'];
    if (i === 1) extra.location = 'Kantine ';
    if (i === 2) extra.cyber = { soorten: ['pestmail'], platforms: ['whatsapp'] };
    const r = await api('docent', 'POST', '/signals', signal(s[2 * i], s[2 * i + 1], extra));
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.case_created, true);
  }
  // Two suspicions about another pair: no case.
  for (let i = 0; i < 2; i++) {
    const r = await api('docent', 'POST', '/signals', signal(s[12], s[13], { systematisch: 'nee', location: 'gang' }));
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.case, null);
  }
  // One case is raised to the CLZ, one talk is skipped.
  const mine = (await api('mentor', 'GET', '/cases?mine=1')).data.items;
  assert.equal(mine.length, 6);
  let r = await api('mentor', 'POST', `/cases/${mine[0].id}/escalations`, { to: 'clz', reason: 'Het gaat buiten de klas door' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  r = await api('mentor', 'POST', `/cases/${mine[1].id}/steps/mentor.klasgesprek`, { status: 'skipped', note: 'Niet nodig' });
  assert.equal(r.status, 200, JSON.stringify(r.data));

  const f = (await api('apc', 'GET', `/stats?schoolyear=${year}`)).data;
  assert.equal(f.signals, 8);
  assert.equal(f.cases, 6);
  // ja 6, nee 2: nee is hidden, and so is ja, else 8 - 6 gives it back.
  assert.deepEqual(f['signals.systematisch'], { ja: '<5', nee: '<5', onbekend: 0 });
  assert.equal(f.suspicions, '<5');
  assert.deepEqual(f['suspicions.case'], { casus: 0, geen_casus: '<5' });
  assert.equal(f['signals.vorm'].lichamelijk, '<5');
  assert.equal(f['signals.vorm'].woorden_beelden, '<5'); // the complement of lichamelijk
  assert.equal(f['signals.vorm'].afpersing, 0);
  assert.deepEqual(f['signals.location'], { aula: 5, gang: '<5', kantine: '<5' });
  assert.deepEqual(Object.keys(f['signals.location']), ['aula', 'gang', 'kantine']); // hotspots first
  // One cyber kind (1): hidden with a complement, although that is a zero.
  const cyber = Object.entries(f['signals.cyber']).filter(([, v]) => v === '<5').map(([k]) => k);
  assert.deepEqual(cyber, ['pestmail', 'online_stalking']);
  assert.deepEqual(f['signals.class'], { '2B': 8 });
  assert.deepEqual(f['signals.leerjaar'], { 2: 8 });
  assert.deepEqual(f['cases.class'], { '2B': 6 });
  assert.deepEqual(f['cases.start_level'], { mentor: 6, clz: 0 });
  assert.deepEqual(f['cases.level'], { mentor: '<5', clz: '<5' }); // 5 and 1: the 5 is the complement
  assert.deepEqual(f['cases.status'], { open: 6, closed: 0 });
  assert.equal(f['cases.escalated'], '<5');
  assert.deepEqual(f['cases.raised_to'], { clz: '<5' });
  assert.equal(f['steps.skipped']['mentor.klasgesprek'], '<5');
  assert.equal(f['cases.consult'], 0);
  assert.equal(f.sanctions, 0);
  assert.equal(f['median.closing_days'], null);
  assert.equal(f['median.first_step_days'], null); // no step done yet
  assert.equal(f.earlier[0].signals, 0);
});

test('the CSV is schoolyear;measure;key;count with the same figures', async () => {
  const r = await api('apc', 'GET', `/stats?schoolyear=${year}&format=csv`);
  assert.equal(r.status, 200);
  assert.match(r.type, /^text\/csv/);
  const lines = r.text.split('\r\n').filter((l) => l);
  assert.equal(lines[0], 'schoolyear;measure;key;count');
  for (const l of lines) assert.equal(l.split(';').length, 4, l);
  assert.ok(lines.includes(`${year};signals;;8`));
  assert.ok(lines.includes(`${year};signals.systematisch;nee;<5`));
  assert.ok(lines.includes(`${year};signals.location;aula;5`));
  assert.ok(lines.includes(`${year};median.closing_days;;-`));
  assert.ok(lines.includes(`${previous};signals;;0`));
});

test('`pestwijzer report` says what the API says', async () => {
  const api_json = (await api('apc', 'GET', `/stats?schoolyear=${year}`)).data;
  const out = must(cli(['report', '--db', srv.db, '--schoolyear', year, '--format', 'json']));
  assert.deepEqual(JSON.parse(out), api_json);
  const api_csv = (await api('apc', 'GET', `/stats?schoolyear=${year}&format=csv`)).text;
  const csv = cli(['report', '--db', srv.db, '--schoolyear', year, '--format', 'csv', '--school', 'lekpoort']);
  assert.equal(csv.status, 0, csv.stderr);
  assert.equal(csv.stdout, api_csv);
  assert.equal(cli(['report', '--db', srv.db, '--schoolyear', '1990-1991']).status, 1);
  assert.equal(cli(['report', '--db', srv.db]).status, 2);
});
