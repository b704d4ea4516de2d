// The yearly surveys (issue 8): the apc makes a survey, codes and opens it;
// respondents answer with a code that works once (also when ten arrive at
// once); nothing in the database joins an answer to its code, an address or
// a moment; results hide small numbers; who may is the access function's;
// bad input is refused with nothing written; the monitor summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { startServer, cli, tmpDir, must, pageSession } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
let year;

async function call(method, path, { who, body, raw = false, headers = {} } = {}) {
  const h = { ...headers };
  if (who) h.Authorization = `Bearer ${tok[who]}`;
  const res = await fetch(`${srv.base}${raw ? '' : '/api/v1'}${path}`, {
    method, headers: h, redirect: 'manual',
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
  });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { /* a page or CSV */ }
  return { status: res.status, data, text, headers: res.headers };
}
const api = (who, method, path, body) => call(method, path, { who, body });
const anon = (method, path, body) => call(method, path, { body });
const sql = (q) => {
  const r = spawnSync('sqlite3', [srv.db, q], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '200', '--years', '1', '--seed', '8']));
  srv = await startServer({ db });
  for (const who of ['docent', 'mentor', 'apc', 'mt']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  const st = await api('apc', 'GET', '/stats');
  assert.equal(st.status, 200, st.text);
  year = st.data.schoolyear;
});

after(async () => {
  assert.equal(await srv.stop(), 0, srv.log());
});

let survey; // the veiligheid survey
const codes = [];

test('access: anonymous 401, docent and mentor 403, mt reads but does not run surveys', async () => {
  assert.equal((await anon('GET', '/surveys')).status, 401);
  assert.equal((await anon('POST', '/surveys', { schoolyear: year, kind: 'veiligheid' })).status, 401);
  for (const who of ['docent', 'mentor']) {
    const r = await api(who, 'GET', '/surveys');
    assert.equal(r.status, 403, r.text);
    assert.equal(r.data.error.code, 'forbidden');
    assert.equal((await api(who, 'GET', '/surveys/monitor')).status, 403);
  }
  assert.equal((await api('mt', 'GET', '/surveys')).status, 200);
  const m = await api('mt', 'POST', '/surveys', { schoolyear: year, kind: 'veiligheid' });
  assert.equal(m.status, 403, m.text);
  assert.match(m.data.error.message, /anti-pestcoördinator/);
  // The web pages ask the same function.
  assert.equal((await call('GET', '/enquetes', { raw: true })).status, 303, 'to the login');
});

test('the apc makes a survey: standard questions by default, own ones added, fixed once open', async () => {
  const r = await api('apc', 'POST', '/surveys', { schoolyear: year, kind: 'veiligheid' });
  assert.equal(r.status, 201, r.text);
  survey = r.data;
  assert.equal(survey.status, 'concept');
  for (const k of ['veilig_school', 'gepest', 'gepest_online', 'verteld', 'gestopt']) assert.ok(survey.questions.includes(k), k);
  assert.ok(!survey.questions.includes('verandering'), 'a protocol question is not in a veiligheid survey');
  const dup = await api('apc', 'POST', '/surveys', { schoolyear: year, kind: 'veiligheid' });
  assert.equal(dup.status, 409, dup.text);
  for (const [body, field] of [
    [{ schoolyear: year, kind: 'welzijn' }, 'kind'],
    [{ schoolyear: '1999-2000', kind: 'protocol' }, 'schoolyear'],
    [{ schoolyear: year, kind: 'protocol', questions: ['veilig_school'] }, 'questions'],
  ]) {
    const b = await api('apc', 'POST', '/surveys', body);
    assert.equal(b.status, 400, `${JSON.stringify(body)}: ${b.text}`);
    assert.ok(b.data.error.fields[field], b.text);
  }
  const keys = survey.questions.filter((k) => k !== 'zelf_gepest');
  const bad = await api('apc', 'POST', `/surveys/${survey.id}`, { questions: keys, own: [{ key: 'sfeer', text: 'Hoe is de sfeer?', scale: 'eens' }] });
  assert.equal(bad.status, 400);
  assert.ok(bad.data.error.fields.own);
  const u = await api('apc', 'POST', `/surveys/${survey.id}`, { questions: keys, own: [{ key: 'eigen_sfeer', text: 'De sfeer in mijn klas is goed.', scale: 'eens' }] });
  assert.equal(u.status, 200, u.text);
  assert.ok(!u.data.questions.includes('zelf_gepest'));
  assert.equal(u.data.questions.at(-1), 'eigen_sfeer');

  const c = await api('apc', 'POST', `/surveys/${survey.id}/codes`, { count: 40 });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.data.codes.length, 40);
  assert.equal(new Set(c.data.codes).size, 40);
  for (const code of c.data.codes) assert.match(code, /^[A-HJKMNP-TV-Z]{4}-[A-HJKMNP-TV-Z]{4}-[A-HJKMNP-TV-Z]{4}$/);
  codes.push(...c.data.codes);
  for (const count of [0, 2001, 'tien']) assert.equal((await api('apc', 'POST', `/surveys/${survey.id}/codes`, { count })).status, 400);

  // Not open yet: a respondent is told so, and the code stays good.
  const early = await anon('POST', '/survey-answers', { code: codes[0], answers: { veilig_school: 'veilig' } });
  assert.equal(early.status, 409, early.text);
  assert.match(early.data.error.message, /nog niet begonnen/);

  const o = await api('apc', 'POST', `/surveys/${survey.id}`, { status: 'open' });
  assert.equal(o.status, 200, o.text);
  assert.equal(o.data.status, 'open');
  const fixed = await api('apc', 'POST', `/surveys/${survey.id}`, { questions: ['gepest'] });
  assert.equal(fixed.status, 409, fixed.text);
});

test('a respondent: the questions for a code (in the body), answers, and the code works once', async () => {
  const q = await anon('POST', '/survey-answers/questions', { code: codes[0].toLowerCase().replaceAll('-', ' ') });
  assert.equal(q.status, 200, q.text);
  const keys = q.data.questions.map((x) => x.key);
  assert.ok(keys.includes('eigen_sfeer'));
  assert.equal(q.data.questions.find((x) => x.key === 'gepest_waar').multiple, true);
  const a = await anon('POST', '/survey-answers', { code: codes[0], answers: { veilig_school: 'veilig', gepest: 'wekelijks', gepest_online: 'ook_online', gepest_waar: ['klas', 'online'], verteld: 'ja', eigen_sfeer: 'eens' } });
  assert.equal(a.status, 201, a.text);
  const again = await anon('POST', '/survey-answers', { code: codes[0], answers: { veilig_school: 'veilig' } });
  assert.equal(again.status, 409, again.text);
  assert.equal(again.data.error.code, 'conflict');
  assert.ok(again.data.error.fields.code);
  assert.match(again.data.error.message, /al gebruikt/);
  assert.equal((await anon('POST', '/survey-answers/questions', { code: codes[0] })).status, 409);
});

test('ten submissions of one code at once: exactly one is stored', async () => {
  const code = codes[1];
  const before = Number(sql(`SELECT count(*) FROM survey_response WHERE survey_id = ${survey.id}`));
  const rs = await Promise.all(Array.from({ length: 10 }, () => anon('POST', '/survey-answers', { code, answers: { veilig_school: 'heel_veilig', gepest: 'nee' } })));
  const st = rs.map((r) => r.status).sort();
  assert.deepEqual(st, [201, 409, 409, 409, 409, 409, 409, 409, 409, 409], rs.map((r) => r.text).join('\n'));
  assert.equal(Number(sql(`SELECT count(*) FROM survey_response WHERE survey_id = ${survey.id}`)), before + 1);
});

test('bad input is refused clearly and nothing is written', async () => {
  const count = () => sql('SELECT (SELECT count(*) FROM survey_response) || \'/\' || (SELECT count(*) FROM survey_answer) || \'/\' || (SELECT count(*) FROM survey_code WHERE used = 1)');
  const before = count();
  const code = codes[2];
  for (const [answers, field] of [
    [{ bestaat_niet: 'ja' }, 'answers.bestaat_niet'],
    [{ veilig_school: 'super' }, 'answers.veilig_school'],
    [{ veilig_school: ['veilig', 'onveilig'] }, 'answers.veilig_school'],
    [{ gepest_waar: ['klas', 'maan'] }, 'answers.gepest_waar'],
    [{ veilig_school: 3 }, 'answers.veilig_school'],
    [{}, 'answers'],
    ['alles goed', 'answers'],
  ]) {
    const r = await anon('POST', '/survey-answers', { code, answers });
    assert.equal(r.status, 400, `${JSON.stringify(answers)}: ${r.text}`);
    assert.equal(r.data.error.code, 'invalid');
    assert.ok(r.data.error.fields[field], `${JSON.stringify(answers)}: ${r.text}`);
  }
  const unknown = await anon('POST', '/survey-answers', { code: 'BBBB-CCCC-DDDD', answers: { veilig_school: 'veilig' } });
  assert.equal(unknown.status, 404, unknown.text);
  assert.match(unknown.data.error.message, /kennen we niet/);
  const malformed = await anon('POST', '/survey-answers', { code: 'IO01-2345', answers: { veilig_school: 'veilig' } });
  assert.equal(malformed.status, 400);
  assert.ok(malformed.data.error.fields.code);
  assert.equal(count(), before, 'nothing written');
  // The code that was refused five times is still good.
  assert.equal((await anon('POST', '/survey-answers', { code, answers: { veilig_school: 'veilig' } })).status, 201);
});

test('results: fewer than five respondents show nothing; small counts are "<5", with a second cell where a total would give them back', async () => {
  let r = await api('apc', 'GET', `/surveys/${survey.id}/results`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.respondents, 3);
  assert.equal(r.data.shown, false);
  assert.ok(r.data.questions.every((q) => q.counts === undefined), 'no counts under k respondents');
  // Five more: 8 in all. veilig_school: veilig x6 (incl. earlier), onveilig x2.
  const plan = [['veilig', 'nee'], ['veilig', 'nee'], ['veilig', 'een_twee_keer'], ['onveilig', 'wekelijks'], ['onveilig', 'nee']];
  for (let i = 0; i < plan.length; i++) {
    const [v, g] = plan[i];
    const a = await anon('POST', '/survey-answers', { code: codes[3 + i], answers: { veilig_school: v, gepest: g, gepest_online: 'nee', verteld: 'nee' } });
    assert.equal(a.status, 201, a.text);
  }
  r = await api('apc', 'GET', `/surveys/${survey.id}/results`);
  assert.equal(r.data.respondents, 8);
  assert.equal(r.data.shown, true);
  assert.equal(r.data.k, 5);
  const vs = r.data.questions.find((q) => q.key === 'veilig_school');
  assert.equal(vs.answered, 8);
  // heel_veilig 1 and onveilig 2 are hidden; veilig 5 is shown (two hidden
  // cells cannot be told apart from the total; the complement rule is in the unit tests).
  assert.equal(vs.counts.onveilig, '<5');
  assert.equal(vs.counts.heel_veilig, '<5');
  assert.equal(vs.counts.veilig, 5);
  assert.equal(vs.counts.heel_onveilig, 0, 'nobody identifies no one');
  assert.equal(vs.percent.onveilig, null);
  // Follow-ups of "nee" were dropped: only the bullied answered gepest_online.
  const on = r.data.questions.find((q) => q.key === 'gepest_online');
  assert.equal(on.answered, '<5');
  assert.equal(on.counts, undefined);
  // The monitor summary (respondents >= 5 but small shares hidden).
  const m = await api('apc', 'GET', `/surveys/monitor?schoolyear=${year}`);
  assert.equal(m.status, 200, m.text);
  assert.equal(m.data.respondents, 8);
  assert.equal(m.data.shown, true);
  assert.equal(m.data.unsafe, '<5');
  assert.equal(m.data.safe, '<5', '6 of 8: the other 2 follow from it');
  assert.ok(m.data.registration && m.data.registration.signals !== undefined);
  const csv = await api('mt', 'GET', `/surveys/monitor?schoolyear=${year}&format=csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.text, /^schooljaar;maat;waarde\r\n/);
  assert.match(csv.text, new RegExp(`${year};respondenten;8`));
  assert.equal((await api('docent', 'GET', `/surveys/${survey.id}/results`)).status, 403);

  // The yearly evaluation holds the survey with the same cells hidden.
  const st = await api('apc', 'GET', `/stats?schoolyear=${year}`);
  assert.equal(st.data['survey.veiligheid'], 8);
  const ans = st.data['survey.veiligheid.answers'];
  assert.equal(ans['veilig_school.veilig'], 5);
  assert.equal(ans['veilig_school.onveilig'], '<5');
  assert.equal(ans['veilig_school.heel_veilig'], '<5');
  assert.equal(ans['veilig_school.heel_onveilig'], 0);
  assert.equal(ans['gepest_online.nee'], '<5', 'a question answered by fewer than five shows no cell');
  const csvStats = await api('apc', 'GET', `/stats?schoolyear=${year}&format=csv`);
  assert.match(csvStats.text, new RegExp(`${year};survey.veiligheid.answers;veilig_school.veilig;5`));
});

test('free text is counted in results, never shown there; the protocol survey is for students and parents', async () => {
  const p = await api('apc', 'POST', '/surveys', { schoolyear: year, kind: 'protocol' });
  assert.equal(p.status, 201, p.text);
  assert.ok(p.data.questions.includes('verandering'));
  assert.equal((await api('apc', 'POST', `/surveys/${p.data.id}`, { status: 'open' })).status, 200);
  const cs = (await api('apc', 'POST', `/surveys/${p.data.id}/codes`, { count: 6 })).data.codes;
  for (let i = 0; i < 6; i++) {
    const a = await anon('POST', '/survey-answers', { code: cs[i], answers: { rol: i % 2 ? 'ouder' : 'leerling', protocol_bekend: 'ja', verandering: `Meer toezicht op het plein ${i}` } });
    assert.equal(a.status, 201, a.text);
  }
  const r = await api('apc', 'GET', `/surveys/${p.data.id}/results`);
  const v = r.data.questions.find((q) => q.key === 'verandering');
  assert.equal(v.answered, 6);
  assert.ok(!r.text.includes('toezicht'), 'no free text in the API');
  const long = await anon('POST', '/survey-answers', { code: cs[0], answers: { verandering: 'x'.repeat(1001) } });
  assert.ok(long.status === 400 || long.status === 409);
  const closed = await api('apc', 'POST', `/surveys/${p.data.id}`, { status: 'gesloten' });
  assert.equal(closed.status, 200);
  const late = await anon('POST', '/survey-answers', { code: cs[5], answers: { rol: 'ouder' } });
  assert.equal(late.status, 409);
});

test('anonymity: no column joins an answer to its code, no address, no time finer than a day', async () => {
  // The tables hold exactly these columns: no time, no code, no order.
  const cols = (t) => sql(`SELECT group_concat(name, ',') FROM pragma_table_info('${t}')`);
  assert.equal(cols('survey_response'), 'id,survey_id');
  assert.equal(cols('survey_answer'), 'response_id,key,value');
  assert.equal(cols('survey_code'), 'hash,survey_id,used');
  // No rowid to sort by: the order of rows is that of random ids and hashes.
  for (const t of ['survey_response', 'survey_answer', 'survey_code']) {
    const r = spawnSync('sqlite3', [srv.db, `SELECT rowid FROM ${t} LIMIT 1`], { encoding: 'utf8' });
    assert.notEqual(r.status, 0, `${t} has no rowid`);
  }
  // No value of an answer row equals a code's hash or a code.
  assert.equal(sql(`SELECT count(*) FROM survey_answer a, survey_code c WHERE a.response_id = c.hash OR a.value = c.hash OR a.value = hex(c.hash) OR a.key = hex(c.hash)`), '0');
  assert.equal(sql(`SELECT count(*) FROM survey_response r, survey_code c WHERE r.id = c.hash`), '0');
  const printed = new Set(codes.map((c) => c.replaceAll('-', '')));
  for (const v of sql('SELECT value FROM survey_answer').split('\n')) assert.ok(!printed.has(v.replaceAll('-', '')));
  // The codes are stored as keyed hashes only: no printed code is in the file.
  const bytes = readFileSync(srv.db).toString('latin1') + (() => { try { return readFileSync(`${srv.db}-wal`).toString('latin1'); } catch { return ''; } })();
  for (const c of codes) {
    assert.equal(bytes.indexOf(c), -1);
    assert.equal(bytes.indexOf(c.replaceAll('-', '')), -1);
  }
  assert.equal(bytes.indexOf('127.0.0.1'), -1, 'no address in the database');
  // Answering wrote no audit row (it would carry a time); the apc's acts did, with their user.
  assert.equal(sql(`SELECT count(*) FROM audit WHERE object = 'survey' AND user_id IS NULL`), '0');
  assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE object = 'survey'`)) > 0);
  // The access log leaves the respondents' address out.
  const lines = srv.log().split('\n').filter((l) => /(POST|GET) \/(api\/v1\/survey-answers|enquete)[ /]/.test(l));
  assert.ok(lines.length > 10, srv.log().slice(-1500));
  for (const l of lines) assert.ok(!l.includes('127.0.0.1'), l);
});

test('the public page: code in the body, questions, answers, thanks; a used code refused in words', async () => {
  const g = await call('GET', '/enquete', { raw: true });
  assert.equal(g.status, 200);
  const cookie = g.headers.get('set-cookie').split(';')[0];
  const csrf = g.text.match(/name="csrf" value="([^"]+)"/)[1];
  assert.match(g.text, /Je code/);
  const post = (form) => call('POST', '/enquete', { raw: true, headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const code = codes[20];
  const q = await post({ csrf, code });
  assert.equal(q.status, 200, q.text);
  assert.match(q.text, /Hoe veilig voel je je op school\?/);
  assert.match(q.text, /type="checkbox" name="q.gepest_waar"/);
  const wrong = await post({ csrf, code, versturen: '1', 'q.veilig_school': 'super' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /Er klopt iets niet/);
  const body = new URLSearchParams({ csrf, code, versturen: '1', 'q.veilig_school': 'heel_veilig', 'q.gepest': 'een_twee_keer' });
  body.append('q.gepest_waar', 'klas');
  body.append('q.gepest_waar', 'gym');
  const done = await call('POST', '/enquete', { raw: true, headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  assert.equal(done.status, 201, done.text);
  assert.match(done.text, /Bedankt/);
  const used = await post({ csrf, code });
  assert.equal(used.status, 409);
  assert.match(used.text, /al gebruikt/);
  const noToken = await call('POST', '/enquete', { raw: true, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `code=${codes[21]}` });
  assert.equal(noToken.status, 403);
});

test('a class behind one address can mistype: forty bad codes and a used one do not lock out a good code', async () => {
  const fresh = (await api('apc', 'POST', `/surveys/${survey.id}/codes`, { count: 1 })).data.codes[0];
  for (let i = 0; i < 40; i++) {
    const bad = await anon('POST', '/survey-answers/questions', { code: `ABCD-EFGH-JK${String.fromCharCode(65 + (i % 20))}${i % 10}` });
    assert.notEqual(bad.status, 429, `attempt ${i}: ${bad.text}`);
  }
  for (let i = 0; i < 5; i++) assert.equal((await anon('POST', '/survey-answers', { code: codes[0], answers: { veilig_school: 'veilig' } })).status, 409);
  const ok = await anon('POST', '/survey-answers', { code: fresh, answers: { veilig_school: 'veilig', gepest: 'nee' } });
  assert.equal(ok.status, 201, ok.text);
});

test('reading a survey\'s results on the apc\'s page is on record, as through the API', async () => {
  const before = Number(sql(`SELECT count(*) FROM audit WHERE object = 'survey' AND object_id = ${survey.id} AND action = 'read'`));
  const apc = await pageSession(srv.base, 'apc');
  const page = await apc.fetch(`/enquetes/${survey.id}`);
  assert.equal(page.status, 200);
  const after = Number(sql(`SELECT count(*) FROM audit WHERE object = 'survey' AND object_id = ${survey.id} AND action = 'read'`));
  assert.equal(after, before + 1);
});
