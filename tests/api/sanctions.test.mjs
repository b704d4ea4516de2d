// Sanctions through the API on the demo school: the ladder across a student's
// cases, proposals and management's decisions, the legal duties as steps,
// deviations, and every refusal with nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
const today = new Date().toISOString().slice(0, 10);

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

let s;          // students of class 2B, the demo mentor's class
let holidays;   // [{start_on, end_on}] of the school's years

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '3']));
  srv = await startServer({ db });
  for (const who of ['docent', 'mentor', 'clz', 'apc', 'mt', 'beheerder']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  s = (await api('mentor', 'GET', '/students?class=2B')).data.items;
  assert.ok(s.length >= 8);
  holidays = (await api('beheerder', 'GET', '/admin/schoolyears')).data.items.flatMap((y) => y.holidays);
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

// School days as the server counts them: weekdays outside the holidays.
const iso = (d) => d.toISOString().slice(0, 10);
function isSchoolDay(day) {
  const wd = new Date(`${day}T12:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6 && !holidays.some((h) => h.start_on <= day && day <= h.end_on);
}
function nextSchoolDay(day) {
  const d = new Date(`${day}T12:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1); while (!isSchoolDay(iso(d)));
  return iso(d);
}
// The first and last day of a suspension of n school days, starting after today.
function days(n) {
  const start = nextSchoolDay(today);
  let end = start;
  for (let i = 1; i < n; i++) end = nextSchoolDay(end);
  return { start_on: start, end_on: end };
}

function signal(target, bully, naarClz) {
  return {
    occurred_on: today, location: 'schoolplein', description: 'Wordt steeds geduwd en uitgescholden',
    systematisch: 'ja', vormen: ['woorden_beelden'], cyber: null, naar_clz: naarClz,
    betrokkenen: [{ student: target.id, rol: 'gepeste' }, { student: bully.id, rol: 'pester' }],
  };
}
async function newCase(target, bully, naarClz = true) {
  const r = await api('docent', 'POST', '/signals', signal(target, bully, naarClz));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.case_created, true);
  return r.data.case.id;
}
const getCase = async (id, who = 'clz') => (await api(who, 'GET', `/cases/${id}`)).data;
const sanction = (c, id) => c.sanctions.find((x) => x.id === id);
const step = (c, key) => c.steps.find((x) => x.key === key);
const heardAll = ['leerling', 'ouders', 'docenten'];

let mentorCase; // the mentor's case about s[0] (target) and s[1] (bully)

test('the owning mentor applies a talk after consulting the CLZ; a suspension is not theirs (403)', async () => {
  mentorCase = await newCase(s[0], s[1], false);
  let r = await api('mentor', 'POST', `/cases/${mentorCase}/sanctions`, {
    student: s[1].id, kind: 'gesprek', reason: 'Afspraken gemaakt na overleg met de CLZ',
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.status, 'applied');
  const c = await getCase(mentorCase, 'mentor');
  const g = sanction(c, r.data.id);
  assert.equal(g.kind, 'gesprek');
  assert.equal(g.student, s[1].id);
  assert.equal(g.status, 'applied');
  assert.match(c.timeline.at(-1).text, /Sanctie .* toegepast/);
  // Clause: only the CLZ proposes a suspension; the mentor does not.
  r = await api('mentor', 'POST', `/cases/${mentorCase}/sanctions`, { student: s[1].id, kind: 'schorsing_kort', reason: 'x' });
  assert.equal(r.status, 403, JSON.stringify(r.data));
  assert.match(r.data.error.message, /schorsing_kort/);
  // A reporting teacher may not either, and does not see sanctions.
  assert.equal((await api('docent', 'POST', `/cases/${mentorCase}/sanctions`, { student: s[1].id, kind: 'gesprek', reason: 'x' })).status, 403);
  assert.equal((await getCase(mentorCase, 'docent')).sanctions, undefined);
});

let clzCase; // the CLZ's case about s[2] (target) and s[3] (bully)
let kort;

test('the ladder: a talk, then a long suspension first is 409, a one-day suspension is proposed and decided by mt', async () => {
  clzCase = await newCase(s[2], s[3]);
  let r = await api('clz', 'POST', `/cases/${clzCase}/sanctions`, { student: s[3].id, kind: 'gesprek', reason: 'Duidelijke afspraken' });
  assert.equal(r.status, 201);
  assert.equal(r.data.status, 'applied');
  r = await api('clz', 'POST', `/cases/${clzCase}/sanctions`, { student: s[3].id, kind: 'schorsing_lang', reason: 'Gaat door', ...days(3) });
  assert.equal(r.status, 409, JSON.stringify(r.data));
  assert.match(r.data.error.message, /schorsing_lang vraagt eerst een toegepaste schorsing_kort voor deze leerling/);
  assert.match(r.data.error.message, /this rung needs an applied schorsing_kort/);
  r = await api('clz', 'POST', `/cases/${clzCase}/sanctions`, { student: s[3].id, kind: 'schorsing_kort', reason: 'Het protocol werkt niet' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.status, 'proposed');
  kort = r.data.id;
  // Pending: not twice; not decided by the CLZ.
  assert.equal((await api('clz', 'POST', `/cases/${clzCase}/sanctions`, { student: s[3].id, kind: 'schorsing_kort', reason: 'nog eens' })).status, 409);
  const when = days(1);
  r = await api('clz', 'POST', `/cases/${clzCase}/sanctions/${kort}/decision`, { decision: 'approved', reason: 'x', ...when });
  assert.equal(r.status, 403);
  // Management decides: reasons and the written notice are required.
  r = await api('mt', 'POST', `/cases/${clzCase}/sanctions/${kort}/decision`, { decision: 'approved', ...when, heard: ['leerling', 'ouders'] });
  assert.equal(r.status, 400);
  assert.ok(r.data.error.fields.reason);
  r = await api('mt', 'POST', `/cases/${clzCase}/sanctions/${kort}/decision`, { decision: 'approved', reason: 'Geweld op het plein', ...when, heard: ['leerling', 'ouders'] });
  assert.equal(r.status, 400);
  assert.ok(r.data.error.fields.notice_sent_on);
  r = await api('mt', 'POST', `/cases/${clzCase}/sanctions/${kort}/decision`, { decision: 'maybe', reason: 'x' });
  assert.equal(r.status, 400);
  assert.ok(r.data.error.fields.decision);
  r = await api('mt', 'POST', `/cases/${clzCase}/sanctions/${kort}/decision`, {
    decision: 'approved', reason: 'Geweld op het plein', ...when, heard: ['leerling', 'ouders'], notice_sent_on: today,
  });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.status, 'applied');
  const c = await getCase(clzCase);
  const k = sanction(c, kort);
  assert.equal(k.status, 'applied');
  assert.equal(k.start_on, when.start_on);
  assert.equal(k.end_on, when.end_on);
  assert.equal(k.decided_by, (await api('mt', 'GET', '/me')).data.id);
  assert.equal(k.decision_reason, 'Geweld op het plein');
  assert.deepEqual(k.heard, ['leerling', 'ouders']);
  assert.equal(k.notice_sent_on, today);
  assert.match(c.timeline.at(-1).text, /Besluit over .* goedgekeurd/);
  // One day is not reported to the Inspectie.
  assert.equal(c.steps.find((x) => x.key === `sanctie.inspectie_melden:${kort}`), undefined);
  // Decided once.
  r = await api('mt', 'POST', `/cases/${clzCase}/sanctions/${kort}/decision`, { decision: 'rejected', reason: 'toch niet' });
  assert.equal(r.status, 409);
  assert.equal((await api('mt', 'POST', `/cases/${clzCase}/sanctions/999999/decision`, { decision: 'rejected', reason: 'x' })).status, 404);
});

test('a suspension beyond the law\'s week is refused with the reason; three days are reported to the Inspectie', async () => {
  let r = await api('clz', 'POST', `/cases/${clzCase}/sanctions`, { student: s[3].id, kind: 'schorsing_lang', reason: 'Opnieuw', ...days(7) });
  assert.equal(r.status, 409, JSON.stringify(r.data));
  assert.match(r.data.error.message, /ten hoogste 5 schooldagen/);
  assert.ok(r.data.error.fields.end_on);
  r = await api('clz', 'POST', `/cases/${clzCase}/sanctions`, { student: s[3].id, kind: 'schorsing_lang', reason: 'Opnieuw', ...days(3) });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.status, 'proposed');
  const lang = r.data.id;
  // The decision keeps the law's maximum too.
  r = await api('mt', 'POST', `/cases/${clzCase}/sanctions/${lang}/decision`, {
    decision: 'approved', reason: 'Ernstig', ...days(6), heard: ['leerling', 'ouders'], notice_sent_on: today,
  });
  assert.equal(r.status, 409);
  assert.match(r.data.error.message, /ten hoogste 5/);
  r = await api('mt', 'POST', `/cases/${clzCase}/sanctions/${lang}/decision`, {
    decision: 'approved', reason: 'Ernstig', heard: ['leerling', 'ouders'], notice_sent_on: today,
  });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.status, 'applied');
  let c = await getCase(clzCase);
  assert.equal(sanction(c, lang).days, 3);
  const key = `sanctie.inspectie_melden:${lang}`;
  assert.equal(step(c, key)?.status, 'open', JSON.stringify(c.steps.map((x) => x.key)));
  r = await api('mt', 'POST', `/cases/${clzCase}/steps/${key}`, { status: 'done', note: 'Gemeld via het Internet Schooldossier' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  c = await getCase(clzCase);
  assert.equal(step(c, key).status, 'done');
});

test('a removal: the Inspectie consulted first (409), everyone heard, approved until another school is found, then applied', async () => {
  let r = await api('clz', 'POST', `/cases/${clzCase}/sanctions`, { student: s[3].id, kind: 'verwijdering', reason: 'Houdt niet op' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.status, 'proposed');
  const v = r.data.id;
  let c = await getCase(clzCase);
  assert.equal(step(c, `sanctie.inspectie_overleg:${v}`).status, 'open');
  assert.equal(step(c, `sanctie.andere_school:${v}`), undefined);
  const decide = (body) => api('mt', 'POST', `/cases/${clzCase}/sanctions/${v}/decision`, { decision: 'approved', reason: 'Veiligheid', notice_sent_on: today, ...body });
  r = await decide({ heard: heardAll });
  assert.equal(r.status, 409);
  assert.match(r.data.error.message, new RegExp(`sanctie.inspectie_overleg:${v}`));
  r = await api('mt', 'POST', `/cases/${clzCase}/steps/sanctie.inspectie_overleg:${v}`, { status: 'done', note: 'Inspectie gebeld' });
  assert.equal(r.status, 200);
  r = await decide({ heard: ['leerling'] });
  assert.equal(r.status, 409);
  assert.ok(r.data.error.fields.heard);
  assert.match(r.data.error.message, /ouders, docenten/);
  r = await decide({ heard: heardAll });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.status, 'approved');
  c = await getCase(clzCase);
  assert.equal(sanction(c, v).status, 'approved');
  assert.deepEqual(sanction(c, v).heard, heardAll);
  assert.equal(step(c, `sanctie.leerplicht_informeren:${v}`).status, 'open');
  r = await api('clz', 'POST', `/cases/${clzCase}/steps/sanctie.andere_school:${v}`, { status: 'done', note: 'Ingeschreven op een andere school' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  c = await getCase(clzCase);
  assert.equal(sanction(c, v).status, 'applied');
});

test('the ladder counts a student\'s sanctions over all their cases', async () => {
  // s[1] had a talk in the mentor's case; in a new case the CLZ may propose the next rung.
  const other = await newCase(s[4], s[1]);
  assert.notEqual(other, mentorCase);
  const r = await api('clz', 'POST', `/cases/${other}/sanctions`, { student: s[1].id, kind: 'schorsing_kort', reason: 'Ook hier', ...days(1) });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.status, 'proposed');
  // A rejected proposal does not count for the next rung.
  assert.equal((await api('mt', 'POST', `/cases/${other}/sanctions/${r.data.id}/decision`, { decision: 'rejected', reason: 'Te zwaar' })).status, 200);
  const c = await getCase(other);
  assert.equal(sanction(c, r.data.id).status, 'rejected');
  assert.equal((await api('clz', 'POST', `/cases/${other}/sanctions`, { student: s[1].id, kind: 'schorsing_lang', reason: 'x', ...days(2) })).status, 409);
});

test('a deviation by mt lets mt apply a suspension directly; a removal stays approved with its duties', async () => {
  const id = await newCase(s[5], s[6]);
  assert.equal((await api('mt', 'POST', `/cases/${id}/deviations`, {})).status, 400);
  assert.equal((await api('clz', 'POST', `/cases/${id}/deviations`, { reason: 'Ernstig' })).status, 403);
  // Without a deviation, mt proposes nothing (the CLZ does).
  let r = await api('mt', 'POST', `/cases/${id}/sanctions`, { student: s[6].id, kind: 'schorsing_lang', reason: 'x', ...days(3) });
  assert.equal(r.status, 403);
  r = await api('mt', 'POST', `/cases/${id}/deviations`, { reason: 'Bedreiging met een mes: zeer ernstig' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  let c = await getCase(id);
  assert.equal(c.deviation, true);
  r = await api('mt', 'POST', `/cases/${id}/sanctions`, { student: s[6].id, kind: 'schorsing_lang', reason: 'Direct geschorst', ...days(3) });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.status, 'applied');
  c = await getCase(id);
  assert.equal(sanction(c, r.data.id).direct, true);
  assert.equal(step(c, `sanctie.inspectie_melden:${r.data.id}`).status, 'open'); // the law's duty stays
  // The CLZ is still bound by the ladder on this case.
  assert.equal((await api('clz', 'POST', `/cases/${id}/sanctions`, { student: s[5].id, kind: 'schorsing_lang', reason: 'x', ...days(2) })).status, 409);
  // A removal: who must be heard is heard; it is approved, with its duties open.
  r = await api('mt', 'POST', `/cases/${id}/sanctions`, { student: s[6].id, kind: 'verwijdering', reason: 'Veiligheid' });
  assert.equal(r.status, 409);
  assert.ok(r.data.error.fields.heard);
  r = await api('mt', 'POST', `/cases/${id}/sanctions`, { student: s[6].id, kind: 'verwijdering', reason: 'Veiligheid', heard: heardAll });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.status, 'approved');
  c = await getCase(id);
  assert.equal(step(c, `sanctie.inspectie_overleg:${r.data.id}`).status, 'open');
  assert.equal(step(c, `sanctie.andere_school:${r.data.id}`).status, 'open');
});

test('bad input answers 400 with the field, and nothing is written', async () => {
  const before = (await getCase(clzCase)).timeline.length;
  const bad = [
    [{ student: 999999, kind: 'gesprek', reason: 'x' }, 'student'],
    [{ student: s[0].id, kind: 'gesprek', reason: 'x' }, 'student'], // not in this case
    [{ student: s[3].id, kind: 'strafwerk', reason: 'x' }, 'kind'],
    [{ student: s[3].id, kind: 'gesprek' }, 'reason'],
    [{ student: s[3].id, kind: 'gesprek', reason: 'x', start_on: '2026-02-30' }, 'start_on'],
    [{ student: s[3].id, kind: 'gesprek', reason: 'x', start_on: today, end_on: today }, 'start_on'],
    [{ student: s[3].id, kind: 'gesprek', reason: 'x', heard: ['Ouders!'] }, 'heard'],
  ];
  for (const [body, field] of bad) {
    const r = await api('clz', 'POST', `/cases/${clzCase}/sanctions`, body);
    assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.data)}`);
    assert.ok(r.data.error.fields[field], `${field}: ${JSON.stringify(r.data.error)}`);
  }
  const raw = await fetch(`${srv.base}/api/v1/cases/${clzCase}/sanctions`, { method: 'POST', headers: { Authorization: `Bearer ${tok.clz}` }, body: '{"a":' });
  assert.equal(raw.status, 400);
  assert.equal((await getCase(clzCase)).timeline.length, before);
  assert.equal((await api('apc', 'POST', `/cases/${clzCase}/sanctions`, { student: s[3].id, kind: 'gesprek', reason: 'x' })).status, 404);
});

test('a proposal tells the deciding role; a decision tells the case\'s owner', async () => {
  const out = cli(['backup', '--db', srv.db, `${srv.dir}/notices-check.db`]);
  assert.equal(out.status, 0, out.stderr);
  const { execFileSync } = await import('node:child_process');
  const q = (sql) => execFileSync('sqlite3', [`${srv.dir}/notices-check.db`, sql], { encoding: 'utf8' }).trim();
  const mt = (await api('mt', 'GET', '/me')).data.id;
  const owner = (await getCase(clzCase)).owner;
  assert.ok(Number(q(`SELECT count(*) FROM notice WHERE case_id = ${clzCase} AND user_id = ${mt} AND kind = 'sanctie_voorstel'`)) >= 3);
  assert.ok(Number(q(`SELECT count(*) FROM notice WHERE case_id = ${clzCase} AND user_id = ${owner} AND kind = 'sanctie_besluit'`)) >= 3);
});
