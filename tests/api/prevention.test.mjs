// The prevention calendar per class and staff confirming the protocol
// (PROTOCOL.md section 4), through the API on the demo school: the mentor of
// 2B and of a first-year class record their activities, the apc's overview
// shows who is behind and who has not confirmed, a new protocol version asks
// again. Every refusal writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
let sy;        // the current school year {name, start_on}
let today;     // the server's day (the test clock)
let first;     // a first-year class {name, mentors, ...} whose mentor is not `mentor`
let studentsOf1; // its students

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

const day = (d) => d.toISOString().slice(0, 10);
const addDays = (s, n) => day(new Date(Date.parse(`${s}T12:00:00Z`) + n * 86400000));
// The Friday of week 2 of the school year: week 1 holds the start.
function week2Friday(start) {
  const d = new Date(`${start}T12:00:00Z`);
  const monday = addDays(start, -((d.getUTCDay() + 6) % 7));
  return addDays(monday, 7 + 4);
}
const item = (r, key) => r.data.items.find((i) => i.key === key);

function audits(object) {
  const r = spawnSync('sqlite3', [srv.db, `SELECT action || ' ' || coalesce(detail, '') FROM audit WHERE object = '${object}' ORDER BY id`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean);
}

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '3']));
  srv = await startServer({ db });
  for (const who of ['docent', 'mentor', 'clz', 'apc', 'mt', 'beheerder']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  const years = (await api('beheerder', 'GET', '/admin/schoolyears')).data.items;
  const now = day(new Date());
  sy = years.find((y) => y.start_on <= now && now <= y.end_on) || years[years.length - 1];
  // Well into the school year, so week 2 is over, whatever day the tests run.
  today = addDays(sy.start_on, 45);
  const set = await fetch(`${srv.base}/api/v1/__test/clock`, { method: 'POST', body: JSON.stringify({ now_ms: Date.parse(`${today}T10:00:00Z`) }) });
  assert.equal(set.status, 200);
  const classes = (await api('beheerder', 'GET', `/admin/classes?schoolyear=${sy.name}`)).data.items;
  first = classes.find((c) => c.year === 1 && c.mentors.length && c.mentors.every((m) => m.login !== 'mentor'));
  assert.ok(first, 'a first-year class with another mentor');
  tok.first = must(cli(['token', 'create', first.mentors[0].login, '--db', srv.db]));
  studentsOf1 = (await api('first', 'GET', `/students?class=${first.name}&limit=500`)).data.items;
  assert.ok(studentsOf1.length >= 3);
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

test('the mentor of 2B sees the class\'s activities from the definition, with due dates', async () => {
  const r = await api('mentor', 'GET', '/prevention?class=2B');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.class, '2B');
  assert.equal(r.data.year, 2);
  assert.equal(r.data.schoolyear, sy.name);
  assert.deepEqual(r.data.items.map((i) => i.key), ['protocol_les', 'mentoruren', 'antipestweek', 'wow_week']);
  const les = item(r, 'protocol_les');
  assert.equal(les.status, 'open');
  assert.equal(les.week, 2);
  assert.equal(les.due_on, week2Friday(sy.start_on));
  assert.equal(les.overdue, true);
  assert.equal(item(r, 'mentoruren').ongoing, true);
  assert.equal(item(r, 'mentoruren').due_on, null);
  assert.equal(item(r, 'wow_week').due_on, null);
  assert.equal(r.data.protocol.confirmed, false);
});

test('the apc\'s overview shows the classes behind and who has not confirmed', async () => {
  const r = await api('apc', 'GET', `/prevention/overview?schoolyear=${sy.name}`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const b = r.data.classes.find((c) => c.class === '2B');
  assert.deepEqual(b.behind.map((x) => x.key), ['protocol_les']);
  assert.ok(r.data.classes_behind >= 1);
  // The first-year lesson is a wish before the camp: never behind.
  const f = r.data.classes.find((c) => c.class === first.name);
  assert.deepEqual(f.behind, []);
  const mentor = r.data.colleagues.find((c) => c.login === 'mentor');
  assert.equal(mentor.confirmed, false);
  assert.equal(r.data.colleagues.find((c) => c.login === 'beheerder'), undefined);
  assert.equal(r.data.not_confirmed, r.data.colleagues.length);
  // mt reads it too; a mentor and a docent do not.
  assert.equal((await api('mt', 'GET', '/prevention/overview')).status, 200);
  assert.equal((await api('mentor', 'GET', '/prevention/overview')).status, 403);
  assert.equal((await api('docent', 'GET', '/prevention/overview')).status, 403);
  assert.equal((await api('apc', 'GET', '/prevention/overview?schoolyear=2025-2025')).status, 400);
});

test('bad input is refused with the field, and nothing is written', async () => {
  const before = audits('prevention').length;
  const cases = [
    [{ status: 'klaar' }, 'status'],
    [{}, 'status'],
    [{ status: 'done', on: '2025-02-30' }, 'on'],
    [{ status: 'done', on: addDays(today, 1) }, 'on'],
    [{ status: 'skipped' }, 'note'],
    [{ status: 'skipped', note: '' }, 'note'],
    [{ status: 'done', signed: [1] }, 'signed'],
    [{ status: 'done', agreements: 'Wij zijn aardig', signed: 'iedereen' }, 'signed'],
    [{ status: 'done', agreements: 'Wij zijn aardig', signed: [studentsOf1[0].id] }, 'signed'],
    [{ status: 'done', note: 'x'.repeat(2001) }, 'note'],
    [{ status: 'done', note: 12 }, 'note'],
  ];
  for (const [body, field] of cases) {
    const r = await api('mentor', 'POST', '/prevention/2B/antipestweek', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(r.data)}`);
    assert.equal(r.data.error.code, 'invalid');
    assert.ok(r.data.error.fields[field], `${field}: ${JSON.stringify(r.data.error)}`);
  }
  // An activity that is not the class's (the camp is year 1's), or none at all.
  assert.equal((await api('mentor', 'POST', '/prevention/2B/brugklaskamp', { status: 'done' })).status, 404);
  assert.equal((await api('mentor', 'POST', '/prevention/2B/collegas_op_de_hoogte', { status: 'done' })).status, 404);
  assert.equal((await api('mentor', 'POST', '/prevention/2B/geen_idee', { status: 'done' })).status, 404);
  assert.equal(item(await api('mentor', 'GET', '/prevention?class=2B'), 'antipestweek').status, 'open');
  assert.equal(audits('prevention').length, before);
});

test('another mentor, a docent and the apc may not record for 2B', async () => {
  assert.equal((await api('first', 'GET', '/prevention?class=2B')).status, 404);
  assert.equal((await api('first', 'POST', '/prevention/2B/protocol_les', { status: 'done' })).status, 404);
  assert.equal((await api('docent', 'GET', '/prevention?class=2B')).status, 404);
  assert.equal((await api('mentor', 'GET', '/prevention?class=9Z')).status, 404);
  assert.equal((await api('mentor', 'GET', '/prevention')).status, 400);
  // The apc reads the class (figures), but records nothing for it.
  assert.equal((await api('apc', 'GET', '/prevention?class=2B')).status, 200);
  assert.equal((await api('apc', 'POST', '/prevention/2B/protocol_les', { status: 'done' })).status, 403);
});

test('the mentor marks the protocol lesson done; 2B is no longer behind', async () => {
  const on = addDays(week2Friday(sy.start_on), -1);
  const r = await api('mentor', 'POST', '/prevention/2B/protocol_les', { status: 'done', on, note: 'Besproken met de klas' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const les = item(r, 'protocol_les');
  assert.equal(les.status, 'done');
  assert.equal(les.on, on);
  assert.equal(les.overdue, false);
  const me = (await api('mentor', 'GET', '/me')).data;
  assert.equal(les.by, me.id);
  // Skipped with its reason.
  const s = await api('mentor', 'POST', '/prevention/2B/wow_week', { status: 'skipped', note: 'Dit jaar geen WOW-week' });
  assert.equal(s.status, 200);
  assert.equal(item(s, 'wow_week').status, 'skipped');
  assert.equal(item(s, 'wow_week').note, 'Dit jaar geen WOW-week');
  const o = await api('apc', 'GET', '/prevention/overview');
  assert.deepEqual(o.data.classes.find((c) => c.class === '2B').behind, []);
  assert.deepEqual(audits('prevention').slice(-2), ['done protocol_les', 'skipped wow_week']);
});

test('a first-year class records its camp with the agreements and who signed', async () => {
  let r = await api('first', 'GET', `/prevention?class=${first.name}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.data.items.map((i) => i.key), ['brugklaskamp', 'protocol_les', 'mentoruren', 'antipestweek']);
  // Before the camp has a date, the lesson before it has none either.
  assert.equal(item(r, 'protocol_les').before, 'brugklaskamp');
  assert.equal(item(r, 'protocol_les').advised, true);
  assert.equal(item(r, 'protocol_les').due_on, null);
  const camp = addDays(week2Friday(sy.start_on), 5); // the Wednesday of week 3
  const signed = studentsOf1.slice(0, 3).map((s) => s.id);
  const agreements = 'We laten iedereen meedoen.\nWe lachen niemand uit.';
  r = await api('first', 'POST', `/prevention/${first.name}/brugklaskamp`, { status: 'done', on: camp, agreements, signed });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const k = item(r, 'brugklaskamp');
  assert.equal(k.status, 'done');
  assert.equal(k.agreements, agreements);
  assert.deepEqual(k.signed, [...signed].sort((a, b) => a - b));
  // The lesson is due the school day before the camp.
  assert.equal(item(r, 'protocol_les').due_on, addDays(camp, -1));
  // Recording again replaces the signatures: all of the class signed.
  const all = studentsOf1.map((s) => s.id);
  r = await api('first', 'POST', `/prevention/${first.name}/brugklaskamp`, { status: 'done', on: camp, agreements, signed: all });
  assert.equal(item(r, 'brugklaskamp').signed.length, all.length);
  // The mentor of 2B does not see the other class.
  assert.equal((await api('mentor', 'GET', `/prevention?class=${first.name}`)).status, 404);
});

test('staff confirm they know the protocol; a new version asks again', async () => {
  let r = await api('mentor', 'POST', '/protocol/confirm', {});
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.version, 0);
  assert.equal(r.data.confirmed, true);
  // Twice is once.
  assert.equal((await api('mentor', 'POST', '/protocol/confirm', {})).status, 200);
  assert.equal((await api('docent', 'POST', '/protocol/confirm', {})).status, 200);
  assert.equal((await api('beheerder', 'POST', '/protocol/confirm', {})).status, 403);
  let o = (await api('apc', 'GET', '/prevention/overview')).data;
  assert.equal(o.colleagues.find((c) => c.login === 'mentor').confirmed, true);
  assert.equal(o.colleagues.find((c) => c.login === 'apc').confirmed, false);
  assert.equal(o.not_confirmed, o.colleagues.length - 2);
  assert.equal((await api('mentor', 'GET', '/prevention?class=2B')).data.protocol.confirmed, true);
  assert.deepEqual(audits('prevention').filter((a) => a.startsWith('confirm')), ['confirm versie 0', 'confirm versie 0']);

  must(cli(['protocol', 'install', 'protocols/lekpoort.yaml', '--school', 'lekpoort', '--db', srv.db]));
  o = (await api('apc', 'GET', '/prevention/overview')).data;
  assert.ok(o.protocol_version > 0);
  assert.equal(o.colleagues.find((c) => c.login === 'mentor').confirmed, false);
  assert.equal(o.not_confirmed, o.colleagues.length);
  assert.equal((await api('mentor', 'GET', '/prevention?class=2B')).data.protocol.confirmed, false);
  // What was recorded stays: the records belong to the class, not the version.
  assert.equal(item(await api('mentor', 'GET', '/prevention?class=2B'), 'protocol_les').status, 'done');
  r = await api('mentor', 'POST', '/protocol/confirm', {});
  assert.equal(r.data.version, o.protocol_version);
  o = (await api('apc', 'GET', '/prevention/overview')).data;
  assert.equal(o.colleagues.find((c) => c.login === 'mentor').confirmed, true);
});
