// Accounts, login, sessions, CSRF, throttling, tokens and the beheerder's API,
// through real HTTP against a real server and database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, json, must } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
const PW = 'paarse olifanten dansen';
let srv;
let db;

before(async () => {
  srv = await startServer();
  db = srv.db;
  must(cli(['school', 'add', 'lek', 'Lekpoort College', '--db', db]));
  must(cli(['user', 'add', 'jan', '--name', 'Jan Jansen', '--school', 'lek', '--functies', 'mentor,vakdocent',
    '--password-stdin', '--db', db], { input: `${PW}\n` }));
  must(cli(['user', 'add', 'beh', '--name', 'Bea Heer', '--school', 'lek', '--functies', 'beheerder',
    '--password-stdin', '--db', db], { input: `${PW}\n` }));
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

async function clock(body) {
  const r = await fetch(`${srv.base}/api/v1/__test/clock`, { method: 'POST', body: JSON.stringify(body) });
  return (await json(r)).now_ms;
}

// A tiny cookie jar.
class Browser {
  constructor() { this.cookies = new Map(); }
  header() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  take(res) {
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const k = kv.slice(0, i);
      const v = kv.slice(i + 1);
      if (v === '' || /Max-Age=0/.test(c)) this.cookies.delete(k); else this.cookies.set(k, v);
    }
  }
  async get(path, headers = {}) {
    const res = await fetch(`${srv.base}${path}`, { headers: { Cookie: this.header(), ...headers }, redirect: 'manual' });
    this.take(res);
    return res;
  }
  async post(path, form, headers = {}) {
    const res = await fetch(`${srv.base}${path}`, {
      method: 'POST', body: new URLSearchParams(form).toString(), redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: this.header(), ...headers },
    });
    this.take(res);
    return res;
  }
  async csrfOf(path) {
    const html = await (await this.get(path)).text();
    const m = html.match(/name="csrf" value="([^"]+)"/);
    return m && m[1];
  }
  async login(login, password) {
    const csrf = await this.csrfOf('/login');
    return this.post('/login', { csrf, login, password });
  }
}

test('login sets a fresh HttpOnly SameSite=Strict session cookie and opens Mijn taken', async () => {
  const b = new Browser();
  const page = await b.get('/');
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login');
  const res = await b.login('jan', PW);
  assert.equal(res.status, 303);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pw_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.doesNotMatch(cookie, /Secure/); // plain local HTTP
  const home = await b.get('/');
  assert.equal(home.status, 200);
  assert.match(await home.text(), /Welkom, Jan Jansen/);
});

test('a wrong password and an unknown login get the same answer', async () => {
  const a = await new Browser().login('jan', 'verkeerd wachtwoord');
  const b = await new Browser().login('niemand', 'verkeerd wachtwoord');
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  assert.match(await a.text(), /Inlognaam of wachtwoord klopt niet/);
  assert.match(await b.text(), /Inlognaam of wachtwoord klopt niet/);
});

test('login without the form token is refused (CSRF)', async () => {
  const b = new Browser();
  await b.get('/login');
  const res = await b.post('/login', { csrf: 'forged', login: 'jan', password: PW });
  assert.equal(res.status, 403);
  assert.equal(b.cookies.get('pw_session'), undefined);
});

test('session fixation: a session id brought along is never promoted', async () => {
  const b = new Browser();
  b.cookies.set('pw_session', 'attacker-chosen-value');
  await b.login('jan', PW);
  const sid = b.cookies.get('pw_session');
  assert.ok(sid && sid !== 'attacker-chosen-value');
  assert.equal((await b.get('/')).status, 200);
  // The attacker's value opens nothing.
  const stale = new Browser();
  stale.cookies.set('pw_session', 'attacker-chosen-value');
  assert.equal((await stale.get('/')).status, 303);
  // Another login, another id.
  const other = new Browser();
  await other.login('jan', PW);
  assert.notEqual(other.cookies.get('pw_session'), sid);
});

test('logout needs the CSRF token and ends the session', async () => {
  const b = new Browser();
  await b.login('jan', PW);
  const sid = b.cookies.get('pw_session');
  assert.equal((await b.post('/logout', { csrf: 'nope' })).status, 403);
  assert.equal((await b.get('/')).status, 200);
  const csrf = await b.csrfOf('/');
  assert.equal((await b.post('/logout', { csrf })).status, 303);
  const again = new Browser();
  again.cookies.set('pw_session', sid);
  assert.equal((await again.get('/')).status, 303);
});

test('the API takes a session cookie only with the X-CSRF-Token header', async () => {
  const b = new Browser();
  await b.login('jan', PW);
  const csrf = await b.csrfOf('/');
  const bare = await b.get('/api/v1/me');
  assert.equal(bare.status, 403);
  assert.equal((await json(bare)).error.code, 'forbidden');
  const ok = await b.get('/api/v1/me', { 'X-CSRF-Token': csrf });
  assert.equal(ok.status, 200);
  const me = await json(ok);
  assert.equal(me.login, 'jan');
  assert.deepEqual(me.functies.sort(), ['mentor', 'vakdocent']);
  assert.ok(Array.isArray(me.classes));
});

test('API tokens: created by the CLI, listed, revoked', async () => {
  const token = must(cli(['token', 'create', 'jan', '--name', 'rooster', '--db', db]));
  assert.match(token, /^pw_[A-Za-z0-9_-]{43}$/);
  const h = { Authorization: `Bearer ${token}` };
  assert.equal((await fetch(`${srv.base}/api/v1/me`, { headers: h })).status, 200);
  assert.equal((await fetch(`${srv.base}/api/v1/me`, { headers: { Authorization: 'Bearer pw_wrong' } })).status, 401);
  assert.equal((await fetch(`${srv.base}/api/v1/me`)).status, 401);
  const list = must(cli(['token', 'list', 'jan', '--db', db]));
  const id = list.split('\n').find((l) => l.includes('rooster')).trim().split(/\s+/)[0];
  must(cli(['token', 'revoke', id, '--db', db]));
  const res = await fetch(`${srv.base}/api/v1/me`, { headers: h });
  assert.equal(res.status, 401);
  assert.equal((await json(res)).error.code, 'unauthenticated');
  // The token is stored only as a hash.
  const r = cli(['token', 'revoke', id, '--db', db]);
  assert.equal(r.status, 1);
});

test('failed logins are slowed and then answered 429, per account; the clock moves on', async () => {
  must(cli(['user', 'add', 'piet', '--name', 'Piet Pieters', '--school', 'lek', '--functies', 'vakdocent',
    '--password-stdin', '--db', db], { input: `${PW}\n` }));
  const start = await clock({ now_ms: Date.now() });
  for (let i = 0; i < 3; i++) assert.equal((await new Browser().login('piet', 'fout fout fout')).status, 401);
  const blocked = await new Browser().login('piet', PW); // even the right password must wait
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
  assert.match(await blocked.text(), /Te veel mislukte pogingen/);
  await clock({ now_ms: start + 3000 });
  assert.equal((await new Browser().login('piet', PW)).status, 303);
  await clock({ real: true });
});

test('sessions end after idle time and after the absolute limit', async () => {
  const t0 = await clock({ now_ms: Date.now() });
  const b = new Browser();
  await b.login('jan', PW);
  await clock({ now_ms: t0 + 60 * 60 * 1000 }); // an hour later: still in
  assert.equal((await b.get('/')).status, 200);
  await clock({ now_ms: t0 + (60 + 121) * 60 * 1000 }); // idle 2h+: out
  assert.equal((await b.get('/')).status, 303);
  const c = new Browser();
  await clock({ now_ms: t0 });
  await c.login('jan', PW);
  for (let h = 1; h <= 12; h++) { // busy all day, never idle ...
    await clock({ now_ms: t0 + h * 3600 * 1000 - 60000 });
    assert.equal((await c.get('/')).status, 200, `hour ${h}`);
  }
  await clock({ now_ms: t0 + 12 * 3600 * 1000 + 60000 }); // ... but 12 hours is the limit
  assert.equal((await c.get('/')).status, 303);
  await clock({ real: true });
});

test('disabling an account ends its sessions and tokens at once', async () => {
  must(cli(['user', 'add', 'kees', '--name', 'Kees Kok', '--school', 'lek', '--functies', 'vakdocent',
    '--password-stdin', '--db', db], { input: `${PW}\n` }));
  const b = new Browser();
  await b.login('kees', PW);
  const token = must(cli(['token', 'create', 'kees', '--db', db]));
  assert.equal((await b.get('/')).status, 200);
  must(cli(['user', 'disable', 'kees', '--db', db]));
  assert.equal((await b.get('/')).status, 303);
  assert.equal((await fetch(`${srv.base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status, 401);
  assert.equal((await new Browser().login('kees', PW)).status, 401);
});

test('passwords: too short, common, or the login itself are refused with a reason', () => {
  for (const [pw, why] of [['kort', /te kort/], ['Wachtwoord2024!', /aanvallers/], ['hallo Jan Jansen hier', /inlognaam of naam/]]) {
    const r = cli(['user', 'password', 'jan', '--db', db], { input: `${pw}\n` });
    assert.equal(r.status, 1);
    assert.match(r.stderr, why);
  }
});

test('the beheerder manages school years, classes and accounts; others may not', async () => {
  const beh = must(cli(['token', 'create', 'beh', '--db', db]));
  const jan = must(cli(['token', 'create', 'jan', '--db', db]));
  const call = (tok, method, path, body) => fetch(`${srv.base}/api/v1/admin/${path}`, {
    method, headers: { Authorization: `Bearer ${tok}` }, body: body && JSON.stringify(body),
  });
  // Not for a mentor.
  let res = await call(jan, 'GET', 'users');
  assert.equal(res.status, 403);
  assert.match((await json(res)).error.message, /beheerder/);
  // A school year with holidays; bad input names its field and writes nothing.
  res = await call(beh, 'POST', 'schoolyears', { name: '2026-2027', start_on: '2026-08-17', end_on: '2026-02-30' });
  assert.equal(res.status, 400);
  assert.ok((await json(res)).error.fields.end_on);
  res = await call(beh, 'POST', 'schoolyears', {
    name: '2026-2027', start_on: '2026-08-17', end_on: '2027-07-16',
    holidays: [{ name: 'herfstvakantie', start_on: '2026-10-24', end_on: '2026-10-18' }],
  });
  assert.equal(res.status, 400);
  assert.equal((await json(await call(beh, 'GET', 'schoolyears'))).total, 0);
  res = await call(beh, 'POST', 'schoolyears', {
    name: '2026-2027', start_on: '2026-08-17', end_on: '2027-07-16',
    holidays: [{ name: 'herfstvakantie', start_on: '2026-10-17', end_on: '2026-10-25' }],
  });
  assert.equal(res.status, 201);
  res = await call(beh, 'POST', 'schoolyears', { name: '2026-2027', start_on: '2026-08-17', end_on: '2027-07-16' });
  assert.equal(res.status, 409);
  const years = await json(await call(beh, 'GET', 'schoolyears'));
  assert.equal(years.items[0].holidays[0].name, 'herfstvakantie');
  // A class with its mentor: the mentor now sees it in /me.
  res = await call(beh, 'POST', 'classes', { schoolyear: '2026-2027', name: '2B', year: 2, department: 'onderbouw', mentors: ['jan'] });
  assert.equal(res.status, 201);
  res = await call(beh, 'POST', 'classes', { schoolyear: '2026-2027', name: '2C', year: 2, mentors: ['nobody'] });
  assert.equal(res.status, 400);
  assert.ok((await json(res)).error.fields.mentors);
  const classes = await json(await call(beh, 'GET', 'classes?schoolyear=2026-2027'));
  assert.deepEqual(classes.items.map((c) => [c.name, c.mentors.map((m) => m.login)]), [['2B', ['jan']]]);
  // Accounts: functies are the protocol's keys.
  res = await call(beh, 'POST', 'users', { login: 'nieuw', name: 'Nieuwe Collega', functies: ['koning'] });
  assert.equal(res.status, 400);
  assert.match((await json(res)).error.message, /geen functie/);
  res = await call(beh, 'POST', 'users', { login: 'nieuw', name: 'Nieuwe Collega', functies: ['clz'], department: 'onderbouw', password: PW });
  assert.equal(res.status, 201);
  const { id } = await json(res);
  const users = await json(await call(beh, 'GET', 'users'));
  const nieuw = users.items.find((u) => u.login === 'nieuw');
  assert.deepEqual(nieuw.functies, [{ functie: 'clz', department: 'onderbouw' }]);
  res = await call(beh, 'POST', `users/${id}/disable`, { disabled: true });
  assert.equal(res.status, 200);
  assert.equal((await new Browser().login('nieuw', PW)).status, 401);
});

test('GET /api/v1/protocol serves the definition in force', async () => {
  const jan = must(cli(['token', 'create', 'jan', '--db', db]));
  const p = await json(await fetch(`${srv.base}/api/v1/protocol`, { headers: { Authorization: `Bearer ${jan}` } }));
  assert.equal(p.installed_version, 0);
  assert.ok(JSON.stringify(p).includes('mentor.gesprek_gepeste'));
});

test('behind a TLS proxy the session cookie is Secure with the __Host- prefix', async () => {
  const s = await startServer({ db, args: ['--behind-tls-proxy'] }).catch(() => null);
  // The main server holds the database's lock; a second server on it is refused.
  assert.equal(s, null);
  const tls = await startServer({ args: ['--behind-tls-proxy'] });
  must(cli(['school', 'add', 'lek', 'Lekpoort College', '--db', tls.db]));
  must(cli(['user', 'add', 'jan', '--name', 'Jan Jansen', '--school', 'lek', '--functies', 'mentor',
    '--password-stdin', '--db', tls.db], { input: `${PW}\n` }));
  const page = await fetch(`${tls.base}/login`);
  const pre = page.headers.getSetCookie()[0].split(';')[0];
  assert.match(page.headers.getSetCookie()[0], /Secure/);
  const csrf = (await page.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const res = await fetch(`${tls.base}/login`, {
    method: 'POST', redirect: 'manual', headers: { Cookie: pre, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, login: 'jan', password: PW }).toString(),
  });
  assert.equal(res.status, 303);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-pw_session='));
  assert.match(cookie, /; Secure/);
  assert.match(cookie, /Path=\//);
  assert.doesNotMatch(cookie, /Domain=/);
  assert.equal(await tls.stop(), 0);
});

test('one address guessing at many accounts is slowed too, later (a school shares an address)', async () => {
  // A server of its own: throttling is held in memory per process.
  const own = await startServer();
  const old = srv;
  srv = own;
  try {
    must(cli(['school', 'add', 'lek', 'Lekpoort College', '--db', own.db]));
    must(cli(['user', 'add', 'jan', '--name', 'Jan Jansen', '--school', 'lek', '--functies', 'mentor',
      '--password-stdin', '--db', own.db], { input: `${PW}\n` }));
    const start = await clock({ now_ms: Date.now() });
    let code = 0;
    let tries = 0;
    for (; tries < 40 && code !== 429; tries++) code = (await new Browser().login(`gok${tries}`, 'fout fout fout')).status;
    assert.equal(code, 429);
    assert.ok(tries > 10, `address throttled after ${tries} tries`);
    assert.equal((await new Browser().login('jan', PW)).status, 429);
    await clock({ now_ms: start + 3600 * 1000 * 2 }); // records are forgotten after an hour
    assert.equal((await new Browser().login('jan', PW)).status, 303);
  } finally {
    srv = old;
    assert.equal(await own.stop(), 0);
  }
});

// Every worker thread keeps its own connection: one that held a read open
// would not see a token made after it. Warm all of them, make a token with the
// command line while the server runs, and every request must see it.
test('a token made while the server runs is seen by every worker at once', async () => {
  const first = cli(['token', 'create', 'jan', '--db', db]).stdout.trim();
  const warm = [];
  for (let i = 0; i < 48; i++) warm.push(fetch(`${srv.base}/api/v1/me`, { headers: { Authorization: `Bearer ${first}` } }));
  for (const r of await Promise.all(warm)) assert.equal(r.status, 200);
  const fresh = cli(['token', 'create', 'jan', '--db', db]).stdout.trim();
  const reqs = [];
  for (let i = 0; i < 48; i++) reqs.push(fetch(`${srv.base}/api/v1/me`, { headers: { Authorization: `Bearer ${fresh}` } }));
  const codes = (await Promise.all(reqs)).map((r) => r.status);
  assert.deepEqual(codes.filter((c) => c !== 200), [], `statuses: ${codes.join(' ')}`);
});

// An account without any functie (a parent's, staff not placed yet) is the
// operator's: no school's beheerder lists, edits or disables it.
test('a beheerder cannot reach an account that has no functie anywhere', async () => {
  must(cli(['user', 'add', 'los', '--name', 'Losse Account', '--password-stdin', '--db', db], { input: `${PW}\n` }));
  const tok = must(cli(['token', 'create', 'beh', '--db', db]));
  const list = await json(await fetch(`${srv.base}/api/v1/admin/users`, { headers: { Authorization: `Bearer ${tok}` } }));
  assert.ok(!list.items.some((u) => u.login === 'los'), 'not listed');
  const me = (t) => fetch(`${srv.base}/api/v1/me`, { headers: { Authorization: `Bearer ${t}` } }).then(json);
  const losTok = must(cli(['token', 'create', 'los', '--db', db]));
  const id = (await me(losTok)).id;
  const off = await fetch(`${srv.base}/api/v1/admin/users/${id}/disable`, { method: 'POST', headers: { Authorization: `Bearer ${tok}` }, body: JSON.stringify({ disabled: true }) });
  assert.equal(off.status, 404, await off.text());
  // The page refuses the edit and writes nothing.
  const b = new Browser();
  await b.login('beh', PW);
  const csrf = await b.csrfOf('/beheer');
  const res = await b.post('/beheer/account-wijzig', { csrf, account: String(id), name: 'Overgenomen', functies: 'mentor' });
  assert.notEqual(res.status, 303);
  assert.equal((await me(losTok)).name, 'Losse Account');
});
