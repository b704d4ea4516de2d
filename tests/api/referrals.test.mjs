// Referrals grant access, confidential entries stay with the vertrouwenspersoon
// unless the student agrees, management reads the audit log, and a staff member
// who is a parent of a student in a case is kept out of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
let db;
const tok = {};
const today = new Date().toISOString().slice(0, 10);
let caseId;
let students;

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);
// A login of the demo school holding a functie (from `user list`).
function loginWith(functie, not = []) {
  const line = must(cli(['user', 'list', '--db', db])).split('\n')
    .find((l) => l.includes(functie) && !not.some((n) => l.startsWith(`${n} `)));
  return line.split(/\s+/)[0];
}

before(async () => {
  db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '5']));
  for (const who of ['docent', 'mentor', 'clz', 'mt', 'apc']) tok[who] = must(cli(['token', 'create', who, '--db', db]));
  tok.lb = must(cli(['token', 'create', loginWith('leerlingbegeleider'), '--db', db]));
  tok.vp = must(cli(['token', 'create', loginWith('vertrouwenspersoon'), '--db', db]));
  srv = await startServer({ db });
  students = (await api('mentor', 'GET', '/students?class=2B')).data.items;
  const r = await api('docent', 'POST', '/signals', {
    occurred_on: today, systematisch: 'ja', vormen: ['uitsluiting'], description: 'Buitengesloten bij groepswerk',
    betrokkenen: [{ student: students[0].id, rol: 'gepeste' }, { student: students[1].id, rol: 'pester' }],
  });
  assert.equal(r.status, 201);
  caseId = r.data.case.id;
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

test('a referral to the leerlingbegeleider grants them a referral view; advice-only referrals grant nothing', async () => {
  assert.equal((await api('lb', 'GET', `/cases/${caseId}`)).status, 404);
  let r = await api('mentor', 'POST', `/cases/${caseId}/referrals`, { student: students[0].id, to: 'leerlingbegeleider', note: 'Weerbaarheid' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const lbView = await api('lb', 'GET', `/cases/${caseId}`);
  assert.equal(lbView.status, 200);
  assert.equal(lbView.data.view, 'referral');
  assert.equal(lbView.data.steps, undefined);
  assert.ok(lbView.data.timeline.some((e) => e.kind === 'referral'));
  assert.equal((await api('lb', 'POST', `/cases/${caseId}/notes`, { text: 'Eerste gesprek gepland' })).status, 201);
  assert.equal((await api('lb', 'POST', `/cases/${caseId}/conversations`, { kind: 'gepeste', students: [students[0].id] })).status, 403);
  r = await api('mentor', 'POST', `/cases/${caseId}/referrals`, { student: students[0].id, to: 'meldknop' });
  assert.equal(r.status, 201);
  assert.equal(r.data.user, 0);
  r = await api('mentor', 'POST', `/cases/${caseId}/referrals`, { student: students[0].id, to: 'tovenaar' });
  assert.equal(r.status, 400);
  r = await api('mentor', 'POST', `/cases/${caseId}/referrals`, { student: 123456789, to: 'ib' });
  assert.equal(r.status, 400);
});

test('confidential entries: only the vertrouwenspersoon writes them, no one else reads them, unless the student agrees', async () => {
  await api('mentor', 'POST', `/cases/${caseId}/referrals`, { student: students[0].id, to: 'vertrouwenspersoon' });
  assert.equal((await api('mentor', 'POST', `/cases/${caseId}/confidential`, { text: 'x' })).status, 403);
  let r = await api('vp', 'POST', `/cases/${caseId}/confidential`, { student: students[0].id, text: 'Vertelt over thuis' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const eid = r.data.id;
  assert.equal((await api('vp', 'GET', `/cases/${caseId}/confidential`)).data.total, 1);
  for (const who of ['mentor', 'clz', 'mt']) {
    const list = await api(who, 'GET', `/cases/${caseId}/confidential`);
    assert.equal(list.data.total, 0, who);
    const c = await api(who, 'GET', `/cases/${caseId}`);
    assert.doesNotMatch(JSON.stringify(c.data), /Vertelt over thuis/, who);
  }
  assert.equal((await api('mentor', 'POST', `/cases/${caseId}/confidential/${eid}/consent`, { shared_with: [1] })).status, 404);
  const mentorId = (await api('mentor', 'GET', '/me')).data.id;
  r = await api('vp', 'POST', `/cases/${caseId}/confidential/${eid}/consent`, { shared_with: [mentorId] });
  assert.equal(r.status, 201);
  const shared = await api('mentor', 'GET', `/cases/${caseId}/confidential`);
  assert.equal(shared.data.items[0].text, 'Vertelt over thuis');
  assert.equal((await api('clz', 'GET', `/cases/${caseId}/confidential`)).data.total, 0);
});

test('management reads who read or changed the case; others may not', async () => {
  const r = await api('mt', 'GET', `/audit?case=${caseId}`);
  assert.equal(r.status, 200);
  const logins = new Set(r.data.items.map((i) => i.login));
  assert.ok(logins.has('mentor') && logins.has('docent'), JSON.stringify([...logins]));
  assert.ok(r.data.items.some((i) => i.action === 'read'));
  assert.ok(r.data.items.some((i) => i.action === 'update'));
  assert.equal((await api('clz', 'GET', `/audit?case=${caseId}`)).status, 403);
  assert.equal((await api('mentor', 'GET', '/audit')).status, 400);
});

test('a staff member who is a parent of a student in a case is kept out of it', async () => {
  // Link the CLZ's account to a parent of the target, as the school's records would.
  const copy = `${srv.dir}/look.db`;
  must(cli(['backup', '--db', db, copy]));
  const parentExt = execFileSync('sqlite3', [copy,
    `SELECT p.external_id FROM student_parent sp JOIN parent p ON p.id = sp.parent_id WHERE sp.student_id = ${students[0].id} LIMIT 1`],
  { encoding: 'utf8' }).trim();
  assert.ok(parentExt);
  assert.equal((await api('clz', 'GET', `/cases/${caseId}`)).status, 200);
  must(cli(['user', 'parent', 'clz', parentExt, '--db', db]));
  assert.equal((await api('clz', 'GET', `/cases/${caseId}`)).status, 404);
});
