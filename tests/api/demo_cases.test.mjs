// `pestwijzer demo --cases` leaves cases at every stage of the protocol, made
// through the engine's own operations: this checks each stage is there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
let mt;
let apc;
let cases;

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  const r = cli(['demo', '--cases', '--db', db, '--students', '600', '--years', '2']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /casussen in elke fase/);
  mt = cli(['token', 'create', 'mt', '--db', db]).stdout.trim();
  apc = cli(['token', 'create', 'apc', '--db', db]).stdout.trim();
  srv = await startServer({ db });
  const list = await (await fetch(`${srv.base}/api/v1/cases`, { headers: { Authorization: `Bearer ${mt}` } })).json();
  cases = [];
  for (const item of list.items) {
    const res = await fetch(`${srv.base}/api/v1/cases/${item.id}`, { headers: { Authorization: `Bearer ${mt}` } });
    cases.push(await res.json());
  }
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

const some = (pred, what) => assert.ok(cases.some(pred), `no case ${what}`);
const step = (c, key) => c.steps.find((s) => s.key === key);

test('every stage of the protocol is there', () => {
  some((c) => c.status === 'open' && c.level === 'mentor' && c.steps.every((s) => s.status !== 'done'), 'new');
  some((c) => step(c, 'mentor.gesprek_gepeste')?.status === 'done' && step(c, 'mentor.gesprek_pester')?.status === 'open', 'with talks half done');
  some((c) => c.status === 'open' && c.agreements.some((a) => a.open && a.evaluation === null), 'with agreements due');
  some((c) => c.level === 'clz' && c.agreements.some((a) => a.evaluation === 'doorgegaan'), 'escalated to the CLZ');
  some((c) => c.consult, 'consulted');
  some((c) => c.mt_betrokken, 'with management brought in');
  some((c) => c.sanctions.some((s) => s.status === 'applied') && c.sanctions.some((s) => s.status === 'proposed'), 'with sanctions decided and proposed');
  some((c) => c.deviation, 'with a deviation');
  some((c) => c.cyber.length > 0 && step(c, 'cyber.blokkeren')?.status === 'done', 'of cyberbullying');
  some((c) => c.status === 'closed', 'closed');
  some((c) => c.timeline.some((e) => e.kind === 'reopened'), 'reopened');
  some((c) => c.steps.some((s) => s.overdue), 'with overdue steps');
});

test('signals that stayed suspicions', async () => {
  const res = await fetch(`${srv.base}/api/v1/signals?status=verdenking`, { headers: { Authorization: `Bearer ${mt}` } });
  const s = await res.json();
  assert.ok(s.total >= 3);
  assert.ok(s.items.every((i) => i.systematisch !== 'ja'));
});

// The yearly evaluation needs a history to compare with (issue 8): the
// earlier school year has its own signals, cases worked to the end and a
// prevention calendar that was kept, all made the way this year's are.
test('the earlier school year has signals, closed cases and prevention', async () => {
  const res = await fetch(`${srv.base}/api/v1/stats`, { headers: { Authorization: `Bearer ${apc}` } });
  assert.equal(res.status, 200);
  const now = await res.json();
  assert.equal(now.earlier.length, 1, 'two school years: this one and one before');
  const last = now.earlier[0];
  assert.notEqual(last.schoolyear, now.schoolyear);
  // Counts under 5 are suppressed as "<5": the history is bigger than that.
  for (const k of ['signals', 'cases']) {
    assert.equal(typeof last[k], 'number', `${k}: ${last[k]}`);
    assert.ok(last[k] >= 10, `${k}: ${last[k]}`);
  }
  assert.ok(Object.values(last['cases.level']).some((v) => v !== 0), 'cases at some level');
  assert.ok(last.signals > last.cases, 'some signals stayed suspicions');
  assert.equal(last['cases.status'].closed, last.cases, 'every case of a past year was closed');
  const prev = last['prevention.status'];
  assert.equal(typeof prev.done, 'number');
  assert.ok(prev.done > prev.behind + prev.open, JSON.stringify(prev));
  // A whole past year has more signals than this one so far (the demo's today is weeks into it at most).
  assert.ok(last.signals > (typeof now.signals === 'number' ? now.signals : 4));
});
