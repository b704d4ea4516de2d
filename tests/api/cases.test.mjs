// The protocol engine through the API: a whole case walked by the demo
// school's people, every refusal (400, 403, 404, 409) with nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
const today = new Date().toISOString().slice(0, 10);

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

let students; // of class 2B: the demo's mentor's class
let other;    // of another class, another mentor

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '3']));
  srv = await startServer({ db });
  for (const who of ['docent', 'mentor', 'clz', 'apc', 'mt', 'beheerder']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  students = (await api('mentor', 'GET', '/students?class=2B')).data.items;
  const all = (await api('docent', 'GET', '/students?limit=500')).data.items;
  other = all.find((s) => s.year === 2 && s.class !== '2B');
  assert.ok(students.length >= 4 && other);
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

function signal(target, bully, extra = {}) {
  return {
    occurred_on: today, location: 'aula', description: 'Wordt al weken uitgescholden',
    systematisch: 'ja', vormen: ['woorden_beelden'], cyber: null, naar_clz: false,
    betrokkenen: [{ student: target.id, rol: 'gepeste' }, { student: bully.id, rol: 'pester' }], ...extra,
  };
}
const step = (c, key) => c.steps.find((s) => s.key === key);

test('a vakdocent files a signal; the mentor of the class owns the new case', async () => {
  const r = await api('docent', 'POST', '/signals', signal(students[0], students[1]));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.case_created, true);
  assert.equal(r.data.case.level, 'mentor');
  const me = (await api('mentor', 'GET', '/me')).data;
  assert.equal(r.data.case.owner, me.id);
  const c = (await api('mentor', 'GET', `/cases/${r.data.case.id}`)).data;
  assert.equal(c.view, 'full');
  assert.equal(step(c, 'mentor.gesprek_gepeste').status, 'open');
  assert.ok(step(c, 'mentor.gesprek_gepeste').due_on);
  assert.equal(step(c, 'mentor.gesprek_pester').status, 'blocked');
  assert.match(step(c, 'mentor.gesprek_pester').why_blocked, /Eerst/);
  // The reporter sees the reduced view: status, level, owner and their own entries.
  const d = (await api('docent', 'GET', `/cases/${c.id}`)).data;
  assert.equal(d.view, 'reduced');
  assert.equal(d.steps, undefined);
  assert.ok(d.timeline.every((e) => e.by === d.timeline[0].by));
});

test('every colleague sees that a student is in an open case, and whom to contact', async () => {
  const all = (await api('docent', 'GET', `/students?class=2B`)).data.items;
  const t = all.find((s) => s.id === students[0].id);
  const me = (await api('mentor', 'GET', '/me')).data;
  assert.equal(t.attention.owner, me.id);
  assert.match(t.attention.text, /Let op: neem contact op met/);
  assert.equal(all.find((s) => s.id === students[6].id).attention, null);
});

test('bad signals are refused with the field, and nothing is written', async () => {
  const before = (await api('clz', 'GET', '/cases')).data.total;
  const cases = [
    [{ ...signal(students[0], students[1]), systematisch: 'misschien' }, 'systematisch'],
    [{ ...signal(students[0], students[1]), occurred_on: '2099-01-01' }, 'occurred_on'],
    [{ ...signal(students[0], students[1]), vormen: ['duwen'] }, 'vormen'],
    [{ ...signal(students[0], students[1]), discriminatie: 'kleur' }, 'discriminatie'],
    [{ ...signal(students[0], students[1]), betrokkenen: [] }, 'betrokkenen'],
    [{ ...signal(students[0], students[1]), betrokkenen: [{ student: 999999, rol: 'gepeste' }] }, 'betrokkenen'],
    [{ ...signal(students[0], students[1]), cyber: { soorten: ['roddel'], platforms: [] } }, 'cyber'],
  ];
  for (const [body, field] of cases) {
    const r = await api('docent', 'POST', '/signals', body);
    assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.data)}`);
    assert.equal(r.data.error.code, 'invalid');
    assert.ok(r.data.error.fields[field], `${field}: ${JSON.stringify(r.data.error)}`);
  }
  const raw = await fetch(`${srv.base}/api/v1/signals`, { method: 'POST', headers: { Authorization: `Bearer ${tok.docent}` }, body: '{"a":' });
  assert.equal(raw.status, 400);
  assert.equal((await api('clz', 'GET', '/cases')).data.total, before);
  // A beheerder files no signals.
  assert.equal((await api('beheerder', 'POST', '/signals', signal(students[0], students[1]))).status, 403);
});

test('the mentor walks the talks in the protocol\'s order, and agreements follow', async () => {
  const id = (await api('mentor', 'GET', '/cases?mine=1')).data.items[0].id;
  const [t, b] = [students[0], students[1]];
  // Not yet: the talk with the bully comes after the talk with the target.
  let r = await api('mentor', 'POST', `/cases/${id}/steps/mentor.gesprek_pester`, { status: 'done' });
  assert.equal(r.status, 409);
  assert.match(r.data.error.message, /Eerst/);
  r = await api('mentor', 'POST', `/cases/${id}/conversations`, {
    kind: 'gepeste', students: [t.id], answers: { door_wie: 'Noah en een vriend' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(step(r.data, 'mentor.gesprek_gepeste').status, 'done');
  assert.equal(step(r.data, 'mentor.gesprek_pester').status, 'open');
  // A question the guide does not have, or a student not in the case: refused.
  r = await api('mentor', 'POST', `/cases/${id}/conversations`, { kind: 'pester', students: [b.id], answers: { onzin: 'x' } });
  assert.equal(r.status, 400);
  r = await api('mentor', 'POST', `/cases/${id}/conversations`, { kind: 'pester', students: [students[3].id] });
  assert.equal(r.status, 400);
  r = await api('mentor', 'POST', `/cases/${id}/conversations`, { kind: 'pester', students: [t.id] });
  assert.equal(r.status, 400); // the target is not the bully
  r = await api('mentor', 'POST', `/cases/${id}/conversations`, { kind: 'pester', students: [b.id] });
  assert.equal(r.status, 201);
  r = await api('mentor', 'POST', `/cases/${id}/conversations`, {
    kind: 'samen', students: [t.id, b.id], agreements: [{ text: 'Noah laat Sophie met rust in de pauzes' }],
  });
  assert.equal(r.status, 201);
  assert.equal(step(r.data, 'mentor.gesprek_samen').status, 'done');
  assert.equal(r.data.agreements.length, 1);
  assert.ok(r.data.agreements[0].due_on > today); // ten school days on
  // Parents of target and bully: the advised step is done when both had contact.
  r = await api('mentor', 'POST', `/cases/${id}/parent-contacts`, { student: t.id, channel: 'telefoon', summary: 'Moeder gebeld' });
  assert.equal(r.status, 201);
  assert.equal(step(r.data, 'mentor.ouders_informeren').status, 'open');
  r = await api('mentor', 'POST', `/cases/${id}/parent-contacts`, { student: b.id, channel: 'fax' });
  assert.equal(r.status, 400);
  r = await api('mentor', 'POST', `/cases/${id}/parent-contacts`, { student: b.id, channel: 'mail' });
  assert.equal(step(r.data, 'mentor.ouders_informeren').status, 'done');
  // Skipping needs a reason; the class talk is optional.
  r = await api('mentor', 'POST', `/cases/${id}/steps/mentor.klasgesprek`, { status: 'skipped' });
  assert.equal(r.status, 400);
  r = await api('mentor', 'POST', `/cases/${id}/steps/mentor.klasgesprek`, { status: 'skipped', note: 'Niet nodig: speelt buiten de klas' });
  assert.equal(step(r.data, 'mentor.klasgesprek').status, 'skipped');
  r = await api('mentor', 'POST', `/cases/${id}/steps/mentor.klasgesprek`, { status: 'done' });
  assert.equal(r.status, 409);
});

test('who may not see the case gets 404: the beheerder, an apc not consulted; a reporter adds notes only', async () => {
  const id = (await api('mentor', 'GET', '/cases?mine=1')).data.items[0].id;
  for (const who of ['beheerder', 'apc']) {
    const r = await api(who, 'GET', `/cases/${id}`);
    assert.equal(r.status, 404, who);
  }
  assert.equal((await api('docent', 'POST', `/cases/${id}/conversations`, { kind: 'gepeste', students: [students[0].id] })).status, 403);
  assert.equal((await api('docent', 'POST', `/cases/${id}/notes`, { text: 'Vandaag weer gezien in de gang' })).status, 201);
  assert.equal((await api('mentor', 'GET', '/cases/999999')).status, 404);
});

test('a new signal after the agreements is a recurrence: the case goes to the CLZ', async () => {
  const id = (await api('mentor', 'GET', '/cases?mine=1')).data.items[0].id;
  const r = await api('docent', 'POST', '/signals', signal(students[0], students[1]));
  assert.equal(r.status, 201);
  assert.equal(r.data.case_created, false);
  assert.equal(r.data.case.id, id);
  assert.equal(r.data.case.recurrence, true);
  assert.equal(r.data.case.level, 'clz');
  const clzMe = (await api('clz', 'GET', '/me')).data;
  assert.equal(r.data.case.owner, clzMe.id);
  const c = (await api('clz', 'GET', `/cases/${id}`)).data;
  assert.equal(step(c, 'clz.overname').status, 'open');
  assert.equal(step(c, 'clz.gesprek_pester').status, 'blocked');
  // The mentor still reads it (the target is in their class) but no longer owns it.
  assert.equal((await api('mentor', 'GET', `/cases/${id}`)).data.view, 'full');
  // The CLZ takes over, talks with both at once, and consults the apc.
  let s = await api('clz', 'POST', `/cases/${id}/steps/clz.overname`, { status: 'done' });
  assert.equal(s.status, 200);
  s = await api('clz', 'POST', `/cases/${id}/conversations`, { kind: 'samen', students: [students[0].id, students[1].id] });
  assert.equal(step(s.data, 'clz.gesprek_pester').status, 'done');
  assert.equal(step(s.data, 'clz.gesprek_gepeste').status, 'done');
  s = await api('clz', 'POST', `/cases/${id}/escalations`, { to: 'apc' });
  assert.equal(s.status, 400); // a reason is required
  s = await api('clz', 'POST', `/cases/${id}/escalations`, { to: 'apc', reason: 'We komen er samen niet uit' });
  assert.equal(s.status, 201);
  assert.equal(s.data.consult, true);
  // Now the apc reads it, and may add advice.
  assert.equal((await api('apc', 'GET', `/cases/${id}`)).status, 200);
  assert.equal((await api('apc', 'POST', `/cases/${id}/notes`, { text: 'Advies: betrek de leerlingbegeleider' })).status, 201);
  assert.equal((await api('apc', 'POST', `/cases/${id}/steps/clz.terugkoppeling`, { status: 'done' })).status, 403);
  // Escalating to where it already is: the protocol says no.
  s = await api('clz', 'POST', `/cases/${id}/escalations`, { to: 'clz', reason: 'nog eens' });
  assert.equal(s.status, 409);
});

test('a case across classes starts at the CLZ; suspicions open none', async () => {
  let r = await api('docent', 'POST', '/signals', signal(students[2], other));
  assert.equal(r.data.case.level, 'clz');
  assert.equal((await api('mentor', 'GET', `/cases/${r.data.case.id}`)).status, 200); // target in 2B
  r = await api('docent', 'POST', '/signals', { ...signal(students[3], other), systematisch: 'onbekend' });
  assert.equal(r.status, 201);
  assert.equal(r.data.case, null);
  assert.equal(r.data.case_created, false);
  const sus = (await api('mentor', 'GET', `/signals?status=verdenking&student=${students[3].id}`)).data;
  assert.equal(sus.total, 1);
  assert.equal(sus.items[0].systematisch, 'onbekend');
});

test('the mentor opens a case from suspicions in one step', async () => {
  const [t, b] = [students[7], students[8]];
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const r = await api('docent', 'POST', '/signals', { ...signal(t, b), systematisch: i ? 'nee' : 'onbekend', description: `Gezien ${i}` });
    assert.equal(r.data.case, null);
    ids.push(r.data.signal.id);
  }
  // Not for a colleague without the class; not for a suspicion that does not exist.
  assert.equal((await api('apc', 'POST', `/signals/${ids[0]}/case`, { also: ids.slice(1) })).status, 404);
  assert.equal((await api('mentor', 'POST', '/signals/999999/case', {})).status, 404);
  const r = await api('mentor', 'POST', `/signals/${ids[0]}/case`, { also: ids.slice(1), vormen: ['uitsluiting'] });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.case_created, true);
  const c = (await api('mentor', 'GET', `/cases/${r.data.case.id}`)).data;
  assert.deepEqual(c.betrokkenen.map((p) => p.rol).sort(), ['gepeste', 'pester']);
  // Used once: the suspicions now belong to the case.
  assert.equal((await api('mentor', 'POST', `/signals/${ids[0]}/case`, {})).status, 404);
  // Three suspicions about one pair in eight weeks: the mentor was asked whether it is a pattern.
  const copy = `${srv.dir}/notices.db`;
  assert.equal(cli(['backup', '--db', srv.db, copy]).status, 0);
  const { execFileSync } = await import('node:child_process');
  const me = (await api('mentor', 'GET', '/me')).data;
  const kinds = execFileSync('sqlite3', [copy, `SELECT kind FROM notice WHERE user_id = ${me.id} ORDER BY id`], { encoding: 'utf8' });
  assert.match(kinds, /verdenking\n(.*\n)*patroon/);
});

test('violence or a threat advises the owner to bring in management', async () => {
  let r = await api('docent', 'POST', '/signals', { ...signal(students[9], students[10]), vormen: ['lichamelijk'] });
  let c = (await api('mentor', 'GET', `/cases/${r.data.case.id}`)).data;
  assert.equal(c.advice.escalation, 'mt');
  assert.match(c.advice.text, /MT/);
  r = await api('mentor', 'POST', `/cases/${c.id}/escalations`, { to: 'mt', reason: 'Er werd geslagen' });
  assert.equal(r.status, 201);
  assert.equal(r.data.mt_betrokken, true);
  assert.equal(r.data.advice, undefined);
  r = await api('docent', 'POST', '/signals', { ...signal(students[11], students[12]), geweld_of_dreiging: true });
  c = (await api('mentor', 'GET', `/cases/${r.data.case.id}`)).data;
  assert.equal(c.advice.escalation, 'mt');
});

test('closing needs the agreements evaluated, or a reason; a new signal reopens it at the CLZ', async () => {
  const id = (await api('docent', 'POST', '/signals', signal(students[4], students[5]))).data.case.id;
  const [t, b] = [students[4], students[5]];
  await api('mentor', 'POST', `/cases/${id}/conversations`, { kind: 'gepeste', students: [t.id] });
  await api('mentor', 'POST', `/cases/${id}/conversations`, { kind: 'pester', students: [b.id] });
  let r = await api('mentor', 'POST', `/cases/${id}/conversations`, { kind: 'samen', students: [t.id, b.id], agreements: [{ text: 'Geen berichten meer' }] });
  const aid = r.data.agreements[0].id;
  r = await api('mentor', 'POST', `/cases/${id}/close`, { outcome: 'Het gaat beter' });
  assert.equal(r.status, 409);
  assert.match(r.data.error.message, /afspraak/);
  r = await api('mentor', 'POST', `/cases/${id}/agreements/${aid}/evaluation`, { result: 'verminderd' });
  assert.equal(r.status, 201);
  assert.equal(r.data.agreements[0].open, true);
  r = await api('mentor', 'POST', `/cases/${id}/agreements/${aid}/evaluation`, { result: 'gestopt' });
  assert.equal(r.data.agreements[0].open, false);
  r = await api('mentor', 'POST', `/cases/${id}/agreements/${aid}/evaluation`, { result: 'gestopt' });
  assert.equal(r.status, 409);
  r = await api('mentor', 'POST', `/cases/${id}/close`, { outcome: 'Het pesten is gestopt' });
  assert.equal(r.status, 200);
  assert.equal(r.data.status, 'closed');
  assert.equal((await api('mentor', 'POST', `/cases/${id}/notes`, { text: 'x' })).status, 201); // notes stay possible
  assert.equal((await api('mentor', 'POST', `/cases/${id}/close`, { outcome: 'nog eens' })).status, 409);
  r = await api('docent', 'POST', '/signals', signal(t, b));
  assert.equal(r.data.case.id, id);
  assert.equal(r.data.case.reopened, true);
  assert.equal(r.data.case.level, 'clz');
  assert.equal((await api('clz', 'GET', `/cases/${id}`)).data.status, 'open');
});

test('every read and change of a case is in the audit log', async () => {
  const id = (await api('mentor', 'GET', '/cases?mine=1')).data.items[0]?.id ?? 1;
  const out = cli(['backup', '--db', srv.db, `${srv.dir}/audit-check.db`]);
  assert.equal(out.status, 0, out.stderr);
  const { execFileSync } = await import('node:child_process');
  const rows = execFileSync('sqlite3', [`${srv.dir}/audit-check.db`,
    `SELECT action, count(*) FROM audit WHERE object = 'case' AND object_id = ${id} GROUP BY action ORDER BY action`], { encoding: 'utf8' });
  assert.match(rows, /read\|\d+/);
  assert.match(rows, /update\|\d+|create\|\d+/);
});
