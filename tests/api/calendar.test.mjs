// The personal calendar feed (issue 7): a secret address made through the
// API, an iCalendar (RFC 5545) of one's dated steps and evaluations with no
// student names, kept out of the access log, revocable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
const today = new Date().toISOString().slice(0, 10);

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

// Fetches a feed by its address, on this server (the address names its host).
async function feed(url) {
  const u = new URL(url);
  const res = await fetch(`${srv.base}${u.pathname}`);
  return { status: res.status, type: res.headers.get('content-type'), raw: Buffer.from(await res.arrayBuffer()) };
}

// Checks the octet-level rules of RFC 5545 section 3.1 and returns the
// unfolded content lines.
function parseIcs(raw) {
  const s = raw.toString('utf8');
  assert.ok(s.endsWith('\r\n'), 'ends in CRLF');
  const physical = s.slice(0, -2).split('\r\n');
  for (const l of physical) {
    assert.ok(!l.includes('\n') && !l.includes('\r'), `bare line break in ${JSON.stringify(l)}`);
    assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `line over 75 octets: ${l}`);
  }
  const lines = [];
  for (const l of physical) {
    if (l.startsWith(' ') || l.startsWith('\t')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const stack = [];
  for (const l of lines) {
    if (l.startsWith('BEGIN:')) stack.push(l.slice(6));
    else if (l.startsWith('END:')) assert.equal(stack.pop(), l.slice(4), 'BEGIN/END pair');
  }
  assert.equal(stack.length, 0, 'every BEGIN has its END');
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines[lines.length - 1], 'END:VCALENDAR');
  return lines;
}

// The VEVENTs as objects of their properties (name without parameters).
function events(lines) {
  const out = [];
  let cur = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') cur = {};
    else if (l === 'END:VEVENT') { out.push(cur); cur = null; } else if (cur) {
      const i = l.indexOf(':');
      cur[l.slice(0, i).split(';')[0]] = l.slice(i + 1);
    }
  }
  return out;
}

let students;

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '3']));
  srv = await startServer({ db });
  for (const who of ['docent', 'mentor', 'beheerder']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  students = (await api('mentor', 'GET', '/students?class=2B')).data.items;
  assert.ok(students.length >= 2);
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

let url;
let caseId;

test('a feed is made once, its secret shown once and never again', async () => {
  let r = await api('mentor', 'GET', '/me/calendar');
  assert.equal(r.status, 200);
  assert.equal(r.data.exists, false);
  r = await api('mentor', 'POST', '/me/calendar');
  assert.equal(r.status, 201, JSON.stringify(r.data));
  url = r.data.url;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/agenda\/[A-Za-z0-9_-]{40,}\.ics$/);
  r = await api('mentor', 'GET', '/me/calendar');
  assert.equal(r.data.exists, true);
  assert.ok(!JSON.stringify(r.data).includes(new URL(url).pathname.slice(8, -4)), 'the secret is not shown again');
  // Without a token: 401, as every API call.
  const res = await fetch(`${srv.base}/api/v1/me/calendar`, { method: 'POST' });
  assert.equal(res.status, 401);
});

test('the feed holds the due step of a new case, with its date and no student name', async () => {
  const sig = {
    occurred_on: today, location: 'aula', description: `Wordt uitgescholden door ${students[1].name}`,
    systematisch: 'ja', vormen: ['woorden_beelden'], cyber: null, naar_clz: false,
    betrokkenen: [{ student: students[0].id, rol: 'gepeste' }, { student: students[1].id, rol: 'pester' }],
  };
  const r = await api('docent', 'POST', '/signals', sig);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  caseId = r.data.case.id;
  const c = (await api('mentor', 'GET', `/cases/${caseId}`)).data;
  const due = c.steps.find((s) => s.key === 'mentor.gesprek_gepeste');
  assert.equal(due.status, 'open');
  assert.ok(due.due_on);
  const proto = (await api('mentor', 'GET', '/protocol')).data;
  const f = await feed(url);
  assert.equal(f.status, 200);
  assert.match(f.type, /^text\/calendar/);
  const lines = parseIcs(f.raw);
  assert.ok(lines.includes('VERSION:2.0'));
  assert.ok(lines.some((l) => l.startsWith('PRODID:')));
  const ev = events(lines);
  const e = ev.find((x) => x.UID === `casus-${caseId}-stap-mentor.gesprek_gepeste@pestwijzer`);
  assert.ok(e, f.raw.toString());
  assert.equal(e.DTSTART, due.due_on.replaceAll('-', ''));
  assert.match(e.DTSTAMP, /^\d{8}T\d{6}Z$/);
  assert.match(e.SUMMARY, new RegExp(`^Casus ${caseId}: `));
  const titles = JSON.stringify(proto);
  assert.ok(titles.includes(e.SUMMARY.slice(`Casus ${caseId}: `.length).replaceAll('\\,', ',').replaceAll('\\;', ';')),
    `the step's name from the protocol: ${e.SUMMARY}`);
  // Every UID once; the same UID on the next read (stable per item).
  assert.equal(new Set(ev.map((x) => x.UID)).size, ev.length);
  const again = events(parseIcs((await feed(url)).raw));
  assert.ok(again.some((x) => x.UID === e.UID && x.DTSTART === e.DTSTART));
  // No student's name, nothing of what happened.
  const text = f.raw.toString('utf8');
  for (const s of students.slice(0, 2)) {
    for (const part of s.name.split(' ').filter((p) => p.length > 3)) assert.ok(!text.includes(part), `no name: ${part}`);
  }
  assert.ok(!text.includes('uitgescholden'));
  assert.ok(!text.includes('aula'));
});

test('each feed read is audited as a read of the case by its user', async () => {
  const me = (await api('mentor', 'GET', '/me')).data;
  tok.mt = must(cli(['token', 'create', 'mt', '--db', srv.db]));
  const before1 = (await api('mt', 'GET', `/audit?case=${caseId}&limit=500`)).data.items
    .filter((x) => x.action === 'read' && x.user === me.id).length;
  await feed(url);
  const after1 = (await api('mt', 'GET', `/audit?case=${caseId}&limit=500`)).data.items
    .filter((x) => x.action === 'read' && x.user === me.id).length;
  assert.equal(after1, before1 + 1);
});

test('neither the secret nor the caller is in the server log', async () => {
  const secret = new URL(url).pathname.slice('/agenda/'.length, -'.ics'.length);
  assert.ok(secret.length >= 40);
  const log = srv.log();
  assert.ok(log.includes('GET /agenda/{}'), 'the route pattern is logged');
  for (const line of log.split('\n')) {
    assert.ok(!line.includes(secret), `secret in log: ${line}`);
    if (line.includes('/agenda/')) assert.ok(!line.includes('127.0.0.1'), `address in log: ${line}`);
  }
});

test('unknown, revoked, replaced and disabled feeds are 404', async () => {
  assert.equal((await feed(`${srv.base}/agenda/nietbestaand.ics`)).status, 404);
  assert.equal((await feed(url.replace(/\.ics$/, ''))).status, 404);
  // A new address replaces the old one.
  const r = await api('mentor', 'POST', '/me/calendar');
  assert.equal(r.status, 201);
  assert.notEqual(r.data.url, url);
  assert.equal((await feed(url)).status, 404);
  assert.equal((await feed(r.data.url)).status, 200);
  // Revoked.
  assert.equal((await api('mentor', 'DELETE', '/me/calendar')).status, 200);
  assert.equal((await feed(r.data.url)).status, 404);
  assert.equal((await api('mentor', 'GET', '/me/calendar')).data.exists, false);
  assert.equal((await api('mentor', 'DELETE', '/me/calendar')).status, 404);
  // A disabled account's feed answers nothing.
  const d = await api('docent', 'POST', '/me/calendar');
  assert.equal(d.status, 201);
  assert.equal((await feed(d.data.url)).status, 200);
  const me = (await api('docent', 'GET', '/me')).data;
  const dis = await api('beheerder', 'POST', `/admin/users/${me.id}/disable`, { disabled: true });
  assert.equal(dis.status, 200, JSON.stringify(dis.data));
  assert.equal((await feed(d.data.url)).status, 404);
});
