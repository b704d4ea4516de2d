// The skeleton: health, headers, static assets, limits, keep-alive, logging,
// graceful shutdown, backup and restore, through real HTTP and the real CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cli, json, tmpDir } from './helpers.mjs';

let srv;
before(async () => { srv = await startServer({ args: ['--body-max', '4096', '--request-timeout', '1'] }); });
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

// Sends raw bytes on one connection and collects what comes back until close or ms.
function raw(port, chunks, { gapMs = 0, waitMs = 3000 } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let out = '';
    sock.on('data', (d) => { out += d; });
    sock.on('close', () => resolve(out));
    sock.on('error', () => resolve(out));
    (async () => {
      for (const c of chunks) {
        sock.write(c);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
      setTimeout(() => { sock.destroy(); }, waitMs);
    })();
  });
}

test('healthz answers when the store does', async () => {
  const res = await fetch(`${srv.base}/healthz`);
  assert.equal(res.status, 200);
  assert.deepEqual(await json(res), { status: 'ok' });
});

test('every response carries the security headers; pages are not cached', async () => {
  const res = await fetch(`${srv.base}/`);
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.match(res.headers.get('content-type'), /text\/html; charset=utf-8/);
});

test('static assets come from the binary with a validator', async () => {
  const res = await fetch(`${srv.base}/static/app.css`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/css/);
  assert.match(res.headers.get('cache-control'), /max-age=\d+/);
  const etag = res.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  assert.match(await res.text(), /--brand/);
  const again = await fetch(`${srv.base}/static/app.css`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(`${srv.base}/static/nope.css`)).status, 404);
});

test('unknown paths: JSON under /api, a page elsewhere; wrong method is 405', async () => {
  const api = await fetch(`${srv.base}/api/v1/nope`);
  assert.equal(api.status, 404);
  assert.equal((await json(api)).error.code, 'not_found');
  const page = await fetch(`${srv.base}/nope`);
  assert.equal(page.status, 404);
  assert.match(await page.text(), /<h1>/);
  assert.equal((await fetch(`${srv.base}/healthz`, { method: 'DELETE' })).status, 405);
});

test('a body over the limit is refused with 413, declared or not', async () => {
  const big = JSON.stringify({ advance_ms: 0, pad: 'x'.repeat(10000) });
  const res = await fetch(`${srv.base}/api/v1/__test/clock`, { method: 'POST', body: big });
  assert.equal(res.status, 413);
  assert.equal((await json(res)).error.code, 'too_large');
  // Chunked: no Content-Length to go by.
  const out = await raw(srv.port, [
    'POST /api/v1/__test/clock HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
    `2710\r\n${'y'.repeat(10000)}\r\n`, '0\r\n\r\n',
  ]);
  assert.match(out, /^HTTP\/1\.1 413/);
});

test('oversized headers are refused', async () => {
  const out = await raw(srv.port, [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40000)}\r\n\r\n`]);
  assert.match(out, /^HTTP\/1\.1 (413|431)/);
});

test('a body that trickles in past the request time limit gets 408', async () => {
  const body = JSON.stringify({ advance_ms: 0 });
  const out = await raw(srv.port, [
    `POST /api/v1/__test/clock HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n`,
    body.slice(0, 3), body.slice(3, 6), body.slice(6),
  ], { gapMs: 700 });
  assert.match(out, /^HTTP\/1\.1 408/);
});

test('keep-alive holds across requests', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ports = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve, reject) => {
      http.get(`${srv.base}/healthz`, { agent }, (res) => {
        assert.notEqual(res.headers.connection, 'close');
        ports.push(res.socket.localPort);
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });
  }
  agent.destroy();
  assert.equal(new Set(ports).size, 1, 'all three requests used one connection');
});

test('the access log has one line per request, without the query string or, on anonymous routes, the address', async () => {
  await fetch(`${srv.base}/healthz?token=geheim123`);
  await fetch(`${srv.base}/?q=geheim456`);
  await new Promise((r) => setTimeout(r, 100));
  const log = srv.log().split('\n');
  const health = log.filter((l) => / GET \/healthz /.test(l));
  const home = log.filter((l) => / GET \/ \d{3} /.test(l));
  assert.ok(health.length >= 1 && home.length >= 1);
  assert.doesNotMatch(srv.log(), /geheim123|geheim456/);
  for (const l of health) assert.doesNotMatch(l, /127\.0\.0\.1/); // anonymous route
  assert.match(home[home.length - 1], /127\.0\.0\.1$/);
});

test('the clock can be set in test mode', async () => {
  const res = await fetch(`${srv.base}/api/v1/__test/clock`, { method: 'POST', body: '{"now_ms": 1764403200000}' });
  assert.equal((await json(res)).now_ms, 1764403200000);
  const adv = await fetch(`${srv.base}/api/v1/__test/clock`, { method: 'POST', body: '{"advance_ms": 1000}' });
  assert.equal((await json(adv)).now_ms, 1764403201000);
  await fetch(`${srv.base}/api/v1/__test/clock`, { method: 'POST', body: '{"real": true}' });
});

test('SIGTERM lets a request in flight finish, then the server exits cleanly', async () => {
  const s = await startServer();
  const body = JSON.stringify({ advance_ms: 0 });
  const sock = net.connect(s.port, '127.0.0.1');
  let out = '';
  sock.on('data', (d) => { out += d; });
  await new Promise((r) => sock.on('connect', r));
  sock.write(`POST /api/v1/__test/clock HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 4)}`);
  await new Promise((r) => setTimeout(r, 200));
  s.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  sock.write(body.slice(4));
  const code = await s.exited;
  sock.destroy();
  assert.match(out, /^HTTP\/1\.1 200/);
  assert.equal(code, 0, s.log());
  assert.match(s.log(), /stopped/);
});

test('backup of a live database restores after the server stops', async () => {
  const s = await startServer();
  const dir = tmpDir();
  const backup = join(dir, 'backup.db');
  let r = cli(['backup', '--db', s.db, backup]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(backup));
  r = cli(['backup', '--db', s.db, backup]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /already exists/);
  // Restore refuses while the server runs ...
  r = cli(['restore', '--db', s.db, backup]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Stop it first/);
  assert.equal(await s.stop({ keep: true }), 0);
  // ... and works once it is stopped; the server starts on the result.
  r = cli(['restore', '--db', s.db, backup]);
  assert.equal(r.status, 0, r.stderr);
  const s2 = await startServer({ db: s.db });
  assert.equal((await fetch(`${s2.base}/healthz`)).status, 200);
  assert.equal(await s2.stop(), 0);
});

test('the CLI explains its mistakes', () => {
  let r = cli(['--version']);
  assert.match(r.stdout, /^pestwijzer \d+\.\d+\.\d+/);
  r = cli(['nonsense']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command/);
  r = cli(['serve', '--db', '/nonexistent/x.db']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /pestwijzer init/);
  r = cli(['serve', '--threads', 'many']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--threads wants a number/);
  for (const c of ['serve', 'init', 'backup', 'restore']) {
    r = cli([c, '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage: pestwijzer/);
  }
});
