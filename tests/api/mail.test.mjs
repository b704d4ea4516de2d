// Mail through the durable outbox, against a real SMTP server (the npm
// package smtp-server as a sink): a notice becomes a mail with a link and no
// names; a mail server that is down leaves it pending with the error and the
// attempts, across a restart of pestwijzer, until the back-off has passed
// (the clock is moved, nobody sleeps); a refused address is `failed` for the
// beheerder; the daily digest of overdue steps comes once a day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
const PUBLIC = 'https://pestwijzer.lekpoort.example';
let srv, db, sink, smtpPort;
const mails = [];
const tok = {};
const today = new Date().toISOString().slice(0, 10);

// An SMTP sink on port (0: a free one); clz@example.nl is refused for good.
function startSink(port = 0) {
  const s = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onRcptTo(addr, session, cb) {
      if (addr.address === 'clz@example.nl') {
        const e = new Error('No such user here'); e.responseCode = 550; return cb(e);
      }
      cb();
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d) => { raw += d; });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), from: session.envelope.mailFrom.address, raw });
        cb();
      });
    },
  });
  return new Promise((resolve) => s.listen(port, '127.0.0.1', () => resolve(s)));
}
const stopSink = (s) => new Promise((resolve) => s.close(resolve));

async function serve() {
  srv = await startServer({ db, args: ['--smtp', `smtp://127.0.0.1:${smtpPort}`, '--mail-from', 'pestwijzer@lekpoort.example',
    '--public-url', PUBLIC, '--digest-hour', '7'] });
}

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

async function until(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const clock = (body) => fetch(`${srv.base}/api/v1/__test/clock`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
const outbox = async (status) => (await api('beheerder', 'GET', `/admin/outbox${status ? `?status=${status}` : ''}`)).data;

let students;
function signal(target, bully, extra = {}) {
  return {
    occurred_on: today, location: 'aula', description: 'Wordt al weken uitgescholden',
    systematisch: 'ja', vormen: ['woorden_beelden'], cyber: null, naar_clz: false,
    betrokkenen: [{ student: target.id, rol: 'gepeste' }, { student: bully.id, rol: 'pester' }], ...extra,
  };
}
const mailsTo = (addr) => mails.filter((m) => m.to.includes(addr));

before(async () => {
  db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '5']));
  sink = await startSink();
  smtpPort = sink.server.address().port;
  await serve();
  for (const who of ['docent', 'mentor', 'beheerder', 'clz']) tok[who] = must(cli(['token', 'create', who, '--db', db]));
  students = (await api('mentor', 'GET', '/students?class=2B')).data.items;
  assert.ok(students.length >= 6);
});
after(async () => {
  if (srv) assert.equal(await srv.stop(), 0, srv.log());
  await stopSink(sink);
});

test("a new case's owner gets a mail with a link to it, and no names", async () => {
  const r = await api('docent', 'POST', '/signals', signal(students[0], students[1]));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const id = r.data.case.id;
  const m = await until('the mentor\'s mail', () => mailsTo('mentor@example.nl').find((x) => x.raw.includes(`/casus/${id}`)));
  assert.equal(m.from, 'pestwijzer@lekpoort.example');
  assert.match(m.raw, /^Subject: Nieuwe casus in Pestwijzer\r$/m);
  assert.ok(m.raw.includes(`Er is een nieuwe casus voor je in Pestwijzer: ${PUBLIC}/casus/${id}\r\n`), m.raw);
  for (const s of [students[0], students[1]]) for (const part of s.name.split(' ').filter((p) => p.length > 2 && p[0] !== p[0].toLowerCase())) {
    assert.ok(!m.raw.includes(part), `the mail names ${part}`);
  }
  assert.ok(!m.raw.includes('uitgescholden') && !m.raw.includes('aula'));
  // The outbox shows it sent, to the beheerder (the sink has the mail a moment
  // before the sender has recorded that the server took it).
  const sent = await until('the row marked sent', async () => (await outbox('sent')).items.find((x) => x.body.includes(`/casus/${id}`)));
  assert.equal(sent.status, 'sent');
  assert.equal(sent.attempts, 1);
  assert.ok(sent.sent_at);
  // Only a beheerder reads the outbox.
  assert.equal((await api('mentor', 'GET', '/admin/outbox')).status, 403);
});

test('a refused address is failed for the beheerder, in the API and the CLI', async () => {
  const r = await api('docent', 'POST', '/signals', signal(students[2], students[3], { naar_clz: true }));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const row = await until('a failed row', async () => (await outbox('failed')).items.find((x) => x.recipient === 'clz@example.nl'));
  assert.match(row.last_error, /550/);
  assert.equal(row.attempts, 1);
  const out = must(cli(['outbox', 'list', '--status', 'failed', '--db', db]));
  assert.match(out, new RegExp(`^${row.id}\\tfailed\\t1\\tclz@example.nl\\t.*550`, 'm'));
  assert.equal((await api('beheerder', 'GET', '/admin/outbox?status=lost')).status, 400);
});

test('while the mail server is down a mail waits, across a restart, then goes after the back-off', async () => {
  await stopSink(sink);
  const r = await api('docent', 'POST', '/signals', signal(students[4], students[5]));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const id = r.data.case.id;
  const row = await until('a failed attempt', async () => (await outbox('pending')).items.find((x) => x.body.includes(`/casus/${id}`) && x.attempts >= 1));
  assert.ok(row.last_error, JSON.stringify(row));
  assert.equal(row.attempts, 1);
  // The next try is a minute after the first.
  assert.ok(Date.parse(row.next_attempt_at) - Date.parse(row.created_at) >= 59000, JSON.stringify(row));
  // A restart loses nothing.
  assert.equal(await srv.stop({ keep: true }), 0, srv.log());
  sink = await startSink(smtpPort);
  await serve();
  const again = (await outbox('pending')).items.find((x) => x.id === row.id);
  assert.ok(again, 'still pending after the restart');
  assert.ok(!mailsTo('mentor@example.nl').some((m) => m.raw.includes(`/casus/${id}`)));
  // Past the back-off, it is delivered and marked sent.
  await clock({ advance_ms: 2 * 60 * 1000 });
  await until('the delivered mail', () => mailsTo('mentor@example.nl').find((m) => m.raw.includes(`/casus/${id}\r\n`)));
  await until('the row marked sent', async () => (await outbox('sent')).items.find((x) => x.id === row.id));
});

test('the owner of overdue steps gets one digest a day, with case numbers and step names', async () => {
  const { now_ms: now } = await clock({ advance_ms: 0 });
  // 120 days on (past any holiday), at 04:00 UTC: before 07:00 in Amsterdam, summer (UTC+2) or winter (UTC+1).
  const day = Math.floor(now / 86400000) + 120;
  const digests = () => mailsTo('mentor@example.nl').filter((m) => /^Subject: Pestwijzer: \d+ stap/m.test(m.raw));
  const before = digests().length;
  await clock({ now_ms: day * 86400000 + 4 * 3600000 });
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(digests().length, before, `no digest before the hour: ${digests().map((m) => m.raw).join('\n----\n')}`);
  await clock({ now_ms: day * 86400000 + 6.5 * 3600000 }); // 07:30 or 08:30 there
  const d = await until('the digest', () => digests()[before]);
  assert.match(d.raw, /Stappen over de termijn:/);
  if (process.env.PW_SHOW_MAIL) console.log(d.raw);
  assert.match(d.raw, new RegExp(`- Casus \\d+: [^\\r]+ \\(termijn \\d\\d-\\d\\d-\\d{4}\\)\\r\\n  ${PUBLIC}/casus/\\d+`));
  for (const s of students.slice(0, 6)) for (const part of s.name.split(' ').filter((p) => p.length > 2 && p[0] !== p[0].toLowerCase())) {
    assert.ok(!d.raw.includes(part), `the digest names ${part}`);
  }
  // Later the same day: no second digest, also not after a restart.
  await clock({ advance_ms: 3 * 3600000 });
  assert.equal(await srv.stop({ keep: true }), 0, srv.log());
  await serve();
  await clock({ now_ms: day * 86400000 + 12 * 3600000 });
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(digests().length, before + 1);
  // The next day, the next one.
  await clock({ advance_ms: 24 * 3600000 });
  await until('the next day\'s digest', () => digests()[before + 1]);
  // Someone who wants none gets none.
  assert.equal((await api('mentor', 'POST', '/me/mail', { overdue: 'none' })).status, 200);
  assert.deepEqual((await api('mentor', 'GET', '/me/mail')).data, { notices: 'direct', overdue: 'none' });
  await clock({ advance_ms: 24 * 3600000 });
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(digests().length, before + 2);
});
