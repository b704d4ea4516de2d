// `pestwijzer demo`: a fictional school that a newcomer can log in to, the
// same for the same seed, and never poured over a database in use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cli, json, tmpDir, must } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
const STUDENTS = 120;
const dir = tmpDir();
const dbA = join(dir, 'a.db');
const dbB = join(dir, 'b.db');
const dbC = join(dir, 'c.db');
let srvA;
let srvB;

function demo(db, seed) {
  const r = cli(['demo', '--db', db, '--students', String(STUDENTS), '--years', '2', '--seed', String(seed)]);
  assert.equal(r.status, 0, r.stderr);
  return r;
}

before(async () => {
  demo(dbA, 7);
  demo(dbB, 7);
  demo(dbC, 8);
  [srvA, srvB] = await Promise.all([startServer({ db: dbA }), startServer({ db: dbB })]);
});
after(async () => {
  const codes = await Promise.all([srvA.stop({ keep: true }), srvB.stop({ keep: true })]);
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(codes, [0, 0], srvA.log() + srvB.log());
});

async function api(srv, token, path) {
  return fetch(`${srv.base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

async function allStudents(srv, token) {
  const res = await api(srv, token, '/api/v1/students?limit=500');
  assert.equal(res.status, 200);
  return json(res);
}

test('demo says what it made and prints the logins', () => {
  const r = cli(['demo', '--db', join(dir, 'out.db'), '--students', '60', '--years', '1']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Demo-logins \(wachtwoord: demo\): docent, mentor, clz, apc, mt, beheerder/);
  assert.match(r.stdout, /dit schooljaar 60 leerlingen in 6 klassen/);
  assert.equal(r.stderr, '', 'no progress bar when stderr is no terminal');
});

test('the demo logins log in over HTTP with password demo', async () => {
  const page = await fetch(`${srvA.base}/login`);
  const jar = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  assert.match(jar, /pw_login=/);
  const csrf = (await page.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const res = await fetch(`${srvA.base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar },
    body: new URLSearchParams({ csrf, login: 'mentor', password: 'demo' }).toString(),
  });
  assert.equal(res.status, 303);
  assert.ok(res.headers.getSetCookie().some((c) => /^pw_session=[^;]+/.test(c)), 'a session cookie');
});

test('mentor has a class this year, and finds every student enrolled now', async () => {
  const token = must(cli(['token', 'create', 'mentor', '--db', dbA]));
  const me = await json(await api(srvA, token, '/api/v1/me'));
  assert.ok(me.functies.includes('mentor'), JSON.stringify(me));
  assert.ok(me.functies.includes('vakdocent'));
  assert.deepEqual(me.classes, ['2A']); // 120 students: one class a year
  const { items, total } = await allStudents(srvA, token);
  assert.equal(total, STUDENTS);
  assert.equal(items.length, STUDENTS);
  for (const s of items) {
    assert.ok(s.name && s.class, JSON.stringify(s));
    assert.ok(s.year >= 1 && s.year <= 6);
    assert.equal(s.class[0], String(s.year));
    assert.ok(s.mentors.length >= 1 && s.mentors.every((m) => m.name), JSON.stringify(s));
  }
  // Six years, one class each, all filled.
  assert.deepEqual([...new Set(items.map((s) => s.class))].sort(), ['1A', '2A', '3A', '4A', '5A', '6A']);
});

test('the fixed logins have their functies; beheerder finds no students', async () => {
  const list = must(cli(['user', 'list', '--db', dbA]));
  const functies = Object.fromEntries(list.split('\n').map((l) => {
    const parts = l.trim().split(/\s+/);
    return [parts[0], parts.at(-1)];
  }));
  assert.equal(functies.docent, 'vakdocent');
  assert.equal(functies.mentor, 'mentor,vakdocent');
  assert.equal(functies.clz, 'clz:onderbouw');
  assert.equal(functies.apc, 'apc');
  assert.equal(functies.mt, 'mt');
  assert.equal(functies.beheerder, 'beheerder');
  assert.ok(Object.values(functies).includes('clz:bovenbouw'), 'one CLZ per department');
  const token = must(cli(['token', 'create', 'beheerder', '--db', dbA]));
  assert.equal((await api(srvA, token, '/api/v1/students')).status, 403);
});

test('the same seed gives the same school; another seed another', async () => {
  const listA = must(cli(['user', 'list', '--db', dbA]));
  assert.equal(must(cli(['user', 'list', '--db', dbB])), listA);
  assert.notEqual(must(cli(['user', 'list', '--db', dbC])), listA);
  const [a, b] = await Promise.all([
    allStudents(srvA, must(cli(['token', 'create', 'docent', '--db', dbA]))),
    allStudents(srvB, must(cli(['token', 'create', 'docent', '--db', dbB]))),
  ]);
  assert.deepEqual(b, a);
});

test('demo refuses a database that already has a school', () => {
  const r = cli(['demo', '--db', dbC, '--students', String(STUDENTS)]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /heeft al een school/);
  assert.match(r.stderr, /andere --db/);
});

test('demo explains wrong options', () => {
  let r = cli(['demo', '--students', 'veel']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--students wil een getal/);
  r = cli(['demo', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Usage: pestwijzer demo/);
});
