// Reports by students and parents: the anonymous channel (receipt, thread,
// messages), the school's side (apc and clz: list, reply, triage), and the
// promises about the reporter: no address stored or logged, receipts never
// in a URL, guessing limited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { startServer, cli, tmpDir, must } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
const urls = []; // every URL this test asked for
const today = new Date().toISOString().slice(0, 10);

async function call(method, path, { who, body, headers = {}, raw = false } = {}) {
  const h = { ...headers };
  if (who) h.Authorization = `Bearer ${tok[who]}`;
  const url = `${srv.base}${raw ? '' : '/api/v1'}${path}`;
  urls.push(url);
  const res = await fetch(url, { method, headers: h, body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)), redirect: 'manual' });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { /* a page */ }
  return { status: res.status, data, text, headers: res.headers };
}
const anon = (method, path, body) => call(method, path, { body });
const api = (who, method, path, body) => call(method, path, { who, body });

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '300', '--years', '1', '--seed', '5']));
  srv = await startServer({ db });
  for (const who of ['docent', 'mentor', 'clz', 'apc', 'mt']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
});

let backupChecked = false;
after(async () => {
  assert.ok(backupChecked, 'the no-address check ran');
  assert.equal(await srv.stop(), 0, srv.log());
});

const receipts = [];
let first; // the round trip's report

test('anonymous round trip: report, receipt, thread, the apc answers, the reporter answers back', async () => {
  const r = await anon('POST', '/reports', { text: 'Ze schelden me elke dag uit in de appgroep van de klas.', location: 'appgroep', occurred_on: today });
  assert.equal(r.status, 201, r.text);
  assert.match(r.data.receipt, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  receipts.push(r.data.receipt);
  const t = await anon('POST', '/reports/thread', { receipt: r.data.receipt });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.data.status, 'nieuw');
  assert.deepEqual(t.data.messages, []);
  assert.equal(t.data.case, undefined);
  // Typed carelessly: lower case, spaces, O for 0: still the same receipt.
  const sloppy = r.data.receipt.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
  assert.equal((await anon('POST', '/reports/thread', { receipt: sloppy })).status, 200);

  const list = await api('apc', 'GET', '/reports?status=nieuw');
  assert.equal(list.status, 200, list.text);
  first = list.data.items.find((i) => i.text.startsWith('Ze schelden me'));
  assert.ok(first);
  assert.equal(first.anonymous, true);
  assert.equal(first.case, undefined, 'the apc does not read cases');
  const reply = await api('apc', 'POST', `/reports/${first.id}/reply`, { text: 'Dank je wel. Wil je met mij praten? Kom naar kamer 12.' });
  assert.equal(reply.status, 201, reply.text);
  const t2 = await anon('POST', '/reports/thread', { receipt: r.data.receipt });
  assert.equal(t2.data.messages.length, 1);
  assert.equal(t2.data.messages[0].from, 'school');
  assert.match(t2.data.messages[0].text, /kamer 12/);
  assert.equal(t2.data.messages[0].author, undefined, 'the reporter does not see who');
  const m = await anon('POST', '/reports/messages', { receipt: r.data.receipt, text: 'Ik durf niet, kan het ook via de mail?' });
  assert.equal(m.status, 201, m.text);
  const seen = (await api('apc', 'GET', '/reports')).data.items.find((i) => i.id === first.id);
  assert.deepEqual(seen.messages.map((x) => x.from), ['school', 'melder']);
  assert.equal(seen.waiting, true);
  // The clz reads reports too, and sees which case (none yet).
  const c = (await api('clz', 'GET', '/reports')).data.items.find((i) => i.id === first.id);
  assert.equal(c.case, null);
  // Staff reads and the reporter's actions are in the audit log, the latter without a user.
  const audit = spawnSync('sqlite3', [srv.db, `SELECT coalesce(user_id, 0), action FROM audit WHERE object = 'report' AND object_id = ${first.id}`], { encoding: 'utf8' });
  if (audit.status === 0) {
    assert.match(audit.stdout, /^0\|create$/m);
    assert.match(audit.stdout, /^0\|update$/m);
    assert.match(audit.stdout, /^[1-9]\d*\|read$/m);
    assert.match(audit.stdout, /^[1-9]\d*\|update$/m);
  }
});

test('a named report, and one entered by staff for someone on the phone', async () => {
  const r = await anon('POST', '/reports', { text: 'Mijn zoon wordt gepest in de bus.', name: 'Ouder van Sam', contact: '06-12345678' });
  assert.equal(r.status, 201, r.text);
  receipts.push(r.data.receipt);
  const s = await api('docent', 'POST', '/reports', { text: 'Belde op: een meisje uit 1C wordt buitengesloten.' });
  assert.equal(s.status, 201, s.text);
  assert.ok(s.data.receipt);
  receipts.push(s.data.receipt);
  const items = (await api('apc', 'GET', '/reports')).data.items;
  const named = items.find((i) => i.text.includes('in de bus'));
  assert.equal(named.anonymous, false);
  assert.equal(named.name, 'Ouder van Sam');
  const entered = items.find((i) => i.text.startsWith('Belde op'));
  assert.ok(entered.entered_by > 0);
  assert.equal(entered.anonymous, true);
});

test('bad input is refused with the field, and nothing is written', async () => {
  const before = (await api('apc', 'GET', '/reports')).data.total;
  for (const [body, field] of [
    [{}, 'text'],
    [{ text: '   ' }, 'text'],
    [{ text: 12 }, 'text'],
    [{ text: 'x', occurred_on: '2026-02-30' }, 'occurred_on'],
    [{ text: 'x', occurred_on: '2999-01-01' }, 'occurred_on'],
    [{ text: 'x', name: 'y'.repeat(201) }, 'name'],
    [{ text: 'x', school: 'bestaat-niet' }, 'school'],
  ]) {
    const r = await anon('POST', '/reports', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.code, 'invalid');
    assert.ok(r.data.error.fields[field], `${JSON.stringify(body)}: ${r.text}`);
  }
  const m = await anon('POST', '/reports/messages', { receipt: receipts[0], text: '' });
  assert.equal(m.status, 400);
  assert.ok(m.data.error.fields.text);
  const bad = await api('apc', 'POST', `/reports/${first.id}/reply`, { text: '' });
  assert.equal(bad.status, 400);
  const act = await api('apc', 'POST', `/reports/${first.id}/triage`, { action: 'weggooien' });
  assert.equal(act.status, 400);
  assert.ok(act.data.error.fields.action);
  assert.equal((await api('apc', 'GET', '/reports')).data.total, before);
  const t = await anon('POST', '/reports/thread', { receipt: receipts[0] });
  assert.equal(t.data.messages.length, 2, 'no message was added');
});

test('only functies with meldingen read reports; each decision is its functie\'s', async () => {
  for (const who of ['mentor', 'docent', 'mt']) {
    const r = await api(who, 'GET', '/reports');
    assert.equal(r.status, 403, who);
    assert.match(r.data.error.message, /Anti-pestcoördinator/);
    assert.equal((await api(who, 'POST', `/reports/${first.id}/reply`, { text: 'hoi' })).status, 403);
  }
  assert.equal((await anon('GET', '/reports')).status, 401);
  // The apc may not open a case from a report; the clz does not pass to itself.
  const c = await api('apc', 'POST', `/reports/${first.id}/triage`, { action: 'case', signal: {} });
  assert.equal(c.status, 403);
  const p = await api('clz', 'POST', `/reports/${first.id}/triage`, { action: 'naar_clz' });
  assert.equal(p.status, 403);
  assert.equal((await api('apc', 'POST', '/reports/999999/reply', { text: 'x' })).status, 404);
});

test('the apc passes a report to the CLZ; the CLZ files it as a signal; the reporter sees in_behandeling, not the case', async () => {
  const pass = await api('apc', 'POST', `/reports/${first.id}/triage`, { action: 'naar_clz' });
  assert.equal(pass.status, 200, pass.text);
  assert.equal(pass.data.report.status, 'in_behandeling');
  assert.equal((await api('apc', 'POST', `/reports/${first.id}/triage`, { action: 'naar_clz' })).status, 409);
  const notice = spawnSync('sqlite3', [srv.db, `SELECT count(*) FROM notice WHERE report_id = ${first.id} AND kind = 'melding_naar_clz'`], { encoding: 'utf8' });
  if (notice.status === 0) assert.ok(Number(notice.stdout) >= 1, 'the CLZ is told');
  assert.equal((await api('clz', 'GET', '/reports?status=in_behandeling')).data.items.some((i) => i.id === first.id), true);

  const students = (await api('clz', 'GET', '/students?class=1A')).data.items;
  assert.ok(students.length >= 2);
  const signal = {
    systematisch: 'ja', vormen: ['woorden_beelden'], cyber: null, naar_clz: false,
    betrokkenen: [{ student: students[0].id, rol: 'gepeste' }, { student: students[1].id, rol: 'pester' }],
  };
  // The signal's own rules apply: a bad one is refused, naming its field, and nothing changes.
  const wrong = await api('clz', 'POST', `/reports/${first.id}/triage`, { action: 'case', signal: { ...signal, betrokkenen: 'niemand' } });
  assert.equal(wrong.status, 400, wrong.text);
  assert.match(Object.keys(wrong.data.error.fields)[0], /betrokkenen/);
  const r = await api('clz', 'POST', `/reports/${first.id}/triage`, { action: 'case', signal });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.data.case.id);
  assert.equal(r.data.report.status, 'in_behandeling');
  const k = await api('clz', 'GET', `/cases/${r.data.case.id}`);
  assert.equal(k.status, 200);
  assert.equal((await api('clz', 'POST', `/reports/${first.id}/triage`, { action: 'case', signal })).status, 409);
  assert.equal((await api('apc', 'POST', `/reports/${first.id}/triage`, { action: 'plagen' })).status, 409);
  const listed = (await api('clz', 'GET', '/reports')).data.items.find((i) => i.id === first.id);
  assert.equal(listed.case, r.data.case.id);
  const t = await anon('POST', '/reports/thread', { receipt: receipts[0] });
  assert.equal(t.data.status, 'in_behandeling');
  assert.ok(!JSON.stringify(t.data).includes('case'), JSON.stringify(t.data));
});

test('the clz attaches a report to a case; the apc judges one plagen', async () => {
  const items = (await api('clz', 'GET', '/reports?status=nieuw')).data.items;
  const bus = items.find((i) => i.text.includes('in de bus'));
  const phone = items.find((i) => i.text.startsWith('Belde op'));
  const caseId = (await api('clz', 'GET', '/reports')).data.items.find((i) => i.id === first.id).case;
  const a = await api('clz', 'POST', `/reports/${bus.id}/triage`, { action: 'attach', case: caseId });
  assert.equal(a.status, 200, a.text);
  const k = (await api('clz', 'GET', `/cases/${caseId}`)).data;
  assert.ok(k.timeline.some((e) => (e.text || '').includes('in de bus')), JSON.stringify(k.timeline));
  assert.equal((await api('clz', 'POST', `/reports/${phone.id}/triage`, { action: 'attach', case: 999999 })).status, 404);
  const p = await api('apc', 'POST', `/reports/${phone.id}/triage`, { action: 'plagen' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.data.report.status, 'afgehandeld');
  const t = await anon('POST', '/reports/thread', { receipt: receipts[2] });
  assert.equal(t.data.status, 'afgehandeld');
});

test('the public pages: report, receipt shown once, thread by receipt in the body', async () => {
  const form = await call('GET', '/melden-leerling', { raw: true });
  assert.equal(form.status, 200);
  assert.match(form.text, /geen screenshots/);
  const cookie = form.headers.get('set-cookie').split(';')[0];
  const csrf = form.text.match(/name="csrf" value="([^"]+)"/)[1];
  const post = (path, fields, c = cookie) => call('POST', path, {
    raw: true, body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: c },
  });
  // Without the cookie's token the form is refused and nothing is written.
  const before = (await api('apc', 'GET', '/reports')).data.total;
  assert.equal((await post('/melden-leerling', { csrf: 'nep', text: 'x' })).status, 403);
  assert.equal((await post('/melden-leerling', { csrf, text: '' })).status, 400);
  assert.equal((await api('apc', 'GET', '/reports')).data.total, before);
  const done = await post('/melden-leerling', { csrf, text: 'Op het plein pakken ze steeds mijn tas af. <script>', who: 'twee jongens uit 2B' });
  assert.equal(done.status, 201, done.text);
  const receipt = done.text.match(/<strong>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})<\/strong>/)[1];
  receipts.push(receipt);
  assert.match(done.text, /maar één keer/);
  const item = (await api('apc', 'GET', '/reports')).data.items.find((i) => i.text.includes('mijn tas'));
  assert.match(item.text, /Wie deden er mee: twee jongens uit 2B/);
  await api('apc', 'POST', `/reports/${item.id}/reply`, { text: 'We gaan met je mentor praten.' });

  const mine = await call('GET', '/mijn-melding', { raw: true });
  const c2 = mine.headers.get('set-cookie').split(';')[0];
  const t2 = mine.text.match(/name="csrf" value="([^"]+)"/)[1];
  const thread = await post('/mijn-melding', { csrf: t2, receipt }, c2);
  assert.equal(thread.status, 200, thread.text);
  assert.match(thread.text, /met je mentor praten/);
  assert.match(thread.text, /&lt;script&gt;/);
  assert.ok(!thread.text.includes('<script>O'));
  const t3 = thread.text.match(/name="csrf" value="([^"]+)"/)[1];
  const c3 = thread.headers.get('set-cookie').split(';')[0];
  const added = await post('/mijn-melding', { csrf: t3, receipt, text: 'Dank je!' }, c3);
  assert.equal(added.status, 200);
  assert.match(added.text, /Je bericht is verstuurd/);
  assert.match(added.text, /Dank je!/);
});

test('receipts never travel in a URL; the report routes log no address', async () => {
  for (const u of urls) for (const r of receipts) {
    assert.ok(!u.includes(r) && !u.includes(r.replaceAll('-', '')), u);
  }
  const lines = srv.log().split('\n').filter((l) => /\/(api\/v1\/reports(\/thread|\/messages)?|melden-leerling|mijn-melding) /.test(l) && /^(.*\s)?(GET|POST) /.test(l));
  assert.ok(lines.length > 5, srv.log().slice(-2000));
  // The control: staff routes do log the address, so its absence above means something.
  assert.ok(srv.log().split('\n').some((l) => /GET \/api\/v1\/reports .*127\.0\.0\.1/.test(l)), srv.log().slice(-2000));
  for (const l of lines) {
    if (/\/api\/v1\/reports /.test(l) && l.includes('GET')) continue; // staff list: logged like every staff route
    assert.ok(!l.includes('127.0.0.1'), l);
  }
});

test('a wrong receipt is 404 and counts as a guess: 429 after repeated wrong receipts', async () => {
  const wrong = await anon('POST', '/reports/thread', { receipt: 'AAAA-BBBB-CCCC-DDDD-EEEE' });
  assert.equal(wrong.status, 404);
  assert.equal((await anon('POST', '/reports/thread', { receipt: 'kort' })).status, 400);
  let last;
  for (let i = 0; i < 12; i++) last = await anon('POST', '/reports/thread', { receipt: `AAAA-BBBB-CCCC-DDDD-EEE${i % 10}` });
  assert.equal(last.status, 429);
  assert.ok(Number(last.headers.get('retry-after')) > 0);
  // Also for a right receipt, and for adding messages: guessing stops here.
  assert.equal((await anon('POST', '/reports/thread', { receipt: receipts[0] })).status, 429);
  assert.equal((await anon('POST', '/reports/messages', { receipt: receipts[0], text: 'x' })).status, 429);
  // An hour later the address is forgotten.
  await anon('POST', '/__test/clock', { advance_ms: 2 * 3600 * 1000 });
  assert.equal((await anon('POST', '/reports/thread', { receipt: receipts[0] })).status, 200);
});

test('no address is stored anywhere: every table of a backup, searched', async () => {
  const dest = `${tmpDir()}/backup.db`;
  must(cli(['backup', '--db', srv.db, dest]));
  assert.ok(existsSync(dest));
  const bytes = readFileSync(dest);
  assert.equal(bytes.indexOf('127.0.0.1'), -1, 'the raw file holds no address');
  const dump = spawnSync('sqlite3', [dest, '.dump'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (dump.status === 0) {
    assert.ok(dump.stdout.includes('CREATE TABLE report'));
    assert.ok(dump.stdout.includes('schelden me'));
    assert.ok(!dump.stdout.includes('127.0.0.1'));
    for (const r of receipts) assert.ok(!dump.stdout.includes(r.replaceAll('-', '')), 'no receipt in clear');
  }
  backupChecked = true;
});
