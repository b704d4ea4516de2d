// Test harness: a real pestwijzer server on a free port with a fresh database.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.PW_BIN || new URL('../../build-asan/pestwijzer', import.meta.url).pathname;

export function tmpDir() {
  return mkdtempSync(join(tmpdir(), 'pw-api-'));
}

// Runs a CLI command; returns {status, stdout, stderr}.
export function cli(args, opts = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', ...opts });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The stdout of a CLI command that must succeed (trimmed).
export function must(r) {
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// One call of the JSON API with a bearer token: {status, data (the JSON, or
// null when the body is not JSON, such as a CSV or a printable letter), text,
// type}.
export async function callApi(base, token, method, path, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method, headers: { Authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, data, text, type: res.headers.get('content-type') };
}

// Starts a server. Returns {base, port, db, dir, log(), stop()}; stop() sends
// SIGTERM and resolves with the exit code (ASan leak reports make it non-zero).
export async function startServer({ args = [], db = null, init = true } = {}) {
  const dir = tmpDir();
  const dbPath = db || join(dir, 'test.db');
  if (init && !db) {
    const r = cli(['init', '--db', dbPath]);
    if (r.status !== 0) throw new Error(`init failed: ${r.stderr}`);
  }
  const child = spawn(BIN, ['serve', '--db', dbPath, '--listen', '127.0.0.1:0', '--test-clock', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 20000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/listening on http:\/\/[^:]+:(\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig)));
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    db: dbPath,
    dir,
    child,
    log: () => stderr,
    async stop({ keep = false } = {}) {
      child.kill('SIGTERM');
      const code = await exited;
      if (!keep) rmSync(dir, { recursive: true, force: true });
      return code;
    },
    exited,
  };
}

export async function json(res) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 300)}`);
  }
}

// A browser's session without a browser: logs in through the login form
// (password demo) and keeps the cookies, for API tests that read a page.
export async function pageSession(base, login, password = 'demo') {
  const cookies = new Map();
  const go = async (path, { method = 'GET', form = null } = {}) => {
    const h = {};
    if (cookies.size) h.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) h['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${base}${path}`, { method, redirect: 'manual', headers: h, body: form ? new URLSearchParams(form).toString() : undefined });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      if (kv.slice(i + 1) === '' || /Max-Age=0/.test(c)) cookies.delete(kv.slice(0, i)); else cookies.set(kv.slice(0, i), kv.slice(i + 1));
    }
    return res;
  };
  const html = await (await go('/login')).text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const res = await go('/login', { method: 'POST', form: { csrf, login, password } });
  if (res.status !== 303) throw new Error(`login ${login}: ${res.status}`);
  return { fetch: go };
}
