// docs/api.md is kept true: every example exchange in it (a ```http request
// block followed by a ```json answer block that starts with `// STATUS`) is
// replayed, in document order, against a fresh demo school, and the real answer
// must have the documented status and every top-level field the documented
// answer shows (values may differ: ids, timestamps, due dates).
//
// The examples were recorded on DOC_TODAY. The server's clock is set to that
// weekday in the current week, and every date in a request moves by the same
// number of weeks, so "not in the future" and "not in the past" stay true.
//
// A request block whose Content-Type is multipart/form-data carries its body as
// text (the evidence uploads): it is sent as written, with CRLF line ends, so
// its file must be text too (the examples upload a small PDF). Answers that are
// not JSON (a download, format=csv) cannot be replayed: docs/api.md shows them
// as curl commands outside the ```http blocks, and they are not checked here.
//
// Receipts of reports are random: a documented receipt stands for the one the
// server gave in this run, like an id.
//
// PW_DOCS_RECORD=1 rewrites the answer blocks of docs/api.md with the real
// answers (blocks marked "(shortened)" are cut to their first items).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { startServer, cli, tmpDir } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
const DOC = new URL('../../docs/api.md', import.meta.url).pathname;
const DOC_TODAY = '2026-11-25'; // a Wednesday; "recorded on" in docs/api.md
const DAY = 86400000;

let srv;
const tokens = {};

// ---- the document ----

// The example exchanges: [{line, method, path, headers, body, status, expect, block}].
export function examples(text) {
  const fences = [];
  const re = /^```(\w*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  let m;
  while ((m = re.exec(text))) {
    fences.push({ lang: m[1], content: m[2], start: m.index, end: re.lastIndex, line: text.slice(0, m.index).split('\n').length });
  }
  const out = [];
  for (let i = 0; i < fences.length; i++) {
    const f = fences[i];
    if (f.lang !== 'http') continue;
    const next = fences[i + 1];
    if (!next || next.lang !== 'json' || !/^\/\/ \d{3}/.test(next.content)) {
      throw new Error(`docs/api.md line ${f.line}: an http example must be followed by a json answer starting with "// STATUS"`);
    }
    const lines = f.content.split('\n');
    const [method, path] = lines[0].trim().split(/\s+/);
    const headers = {};
    let k = 1;
    for (; k < lines.length && lines[k].trim() !== ''; k++) {
      const c = lines[k].indexOf(':');
      headers[lines[k].slice(0, c).trim()] = lines[k].slice(c + 1).trim();
    }
    const raw = lines.slice(k + 1).join('\n').trim();
    const multipart = Object.entries(headers).some(([h, v]) => /^content-type$/i.test(h) && /^multipart\/form-data/i.test(v));
    const [first, ...rest] = next.content.split('\n');
    const answer = rest.join('\n').trim();
    let body;
    let expect;
    try {
      body = multipart ? `${raw.replace(/\r?\n/g, '\r\n')}\r\n` : raw ? JSON.parse(raw) : undefined;
      expect = answer ? JSON.parse(answer) : null;
    } catch (e) {
      throw new Error(`docs/api.md line ${f.line}: ${e.message}`);
    }
    out.push({
      line: f.line, method, path, headers, body, status: Number(first.slice(3, 6)), note: first, expect, block: next,
    });
  }
  return out;
}

// ---- dates and ids from the document to this run ----

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (s) => Date.parse(`${s}T00:00:00Z`);
const todayMs = dayMs(isoDay(Date.now()));
const shift = Math.floor((todayMs - dayMs(DOC_TODAY)) / (7 * DAY)) * 7 * DAY;
const ids = new Map();   // a documented id -> the id in this run
const names = new Map(); // a documented school-year name -> the name in this run
const receipts = new Map(); // a documented receipt -> the receipt in this run

// A receipt however it is typed ("k7qm 2xwp …": case, spaces and dashes do not matter).
function receipt(s) {
  const plain = (x) => x.toUpperCase().replace(/[\s-]/g, '');
  for (const [doc, real] of receipts) if (plain(doc) === plain(s)) return real;
  return undefined;
}

function moveDate(s) {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(dayMs(s)) ? isoDay(dayMs(s) + shift) : s;
}

const ID_FIELDS = new Set(['student', 'user', 'also', 'students', 'shared_with', 'case', 'id']);

// A request body as it is sent in this run.
function adapt(v, key = '') {
  if (Array.isArray(v)) return v.map((x) => adapt(x, key));
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = adapt(x, k);
    // A school year is named after the calendar year it starts in.
    if (typeof o.name === 'string' && /^\d{4}-\d{4}$/.test(o.name) && typeof o.start_on === 'string') {
      const y = Number(o.start_on.slice(0, 4));
      names.set(v.name, `${y}-${y + 1}`);
      o.name = `${y}-${y + 1}`;
    }
    return o;
  }
  if (typeof v === 'number' && ID_FIELDS.has(key) && ids.has(v)) return ids.get(v);
  if (typeof v === 'string') return receipt(v) ?? names.get(v) ?? moveDate(v);
  return v;
}

function adaptPath(p) {
  const [path, query] = p.split('?');
  const segs = path.split('/').map((s) => (/^\d+$/.test(s) && ids.has(Number(s)) ? String(ids.get(Number(s))) : s));
  if (!query) return segs.join('/');
  const q = new URLSearchParams(query);
  for (const [k, v] of [...q]) {
    if (/^\d+$/.test(v) && ID_FIELDS.has(k) && ids.has(Number(v))) q.set(k, String(ids.get(Number(v))));
    else q.set(k, names.get(v) ?? moveDate(v));
  }
  return `${segs.join('/')}?${q.toString().replace(/%2C/g, ',')}`;
}

// Learns which documented ids stand for which real ones (when a run differs).
function learn(doc, real, key = '') {
  if (Array.isArray(doc) && Array.isArray(real)) {
    // Documented lists may be shortened or filtered: pair items by their text or key.
    for (const d of doc) {
      const same = (f) => d && typeof d[f] === 'string' && real.find((r) => r && r[f] === d[f]);
      const r = same('text') || same('key');
      if (r) learn(d, r, key);
    }
  } else if (doc && real && typeof doc === 'object' && typeof real === 'object') {
    for (const k of Object.keys(doc)) learn(doc[k], real[k], k);
  } else if (Number.isInteger(doc) && Number.isInteger(real) && ID_FIELDS.has(key) && doc !== real && !ids.has(doc)) {
    ids.set(doc, real);
  } else if (key === 'receipt' && typeof doc === 'string' && typeof real === 'string' && doc !== real) {
    receipts.set(doc, real);
  }
}

// ---- recording (PW_DOCS_RECORD=1) ----

const STATUS = { 200: 'OK', 201: 'Created', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests' };

// "(shortened)" cuts lists of objects to their first items, and long texts; "(shortened: a b=x,y)"
// also keeps only the top-level fields a and b, and of b's items those whose key,
// kind or id is x or y.
function shorten(v, depth = 0) {
  if (Array.isArray(v)) {
    const keep = v.some((x) => x && typeof x === 'object') ? v.slice(0, depth < 2 ? 2 : 1) : v; // lists of keys stay whole
    return keep.map((x) => shorten(x, depth + 1));
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shorten(x, depth + 1)]));
  if (typeof v === 'string' && v.length > 90) return `${v.slice(0, 80).trimEnd()}…`;
  return v;
}

function cut(data, note) {
  const m = note.match(/\(shortened(?::([^)]*))?\)/);
  if (!m) return data;
  if (!m[1] || !data || typeof data !== 'object') return shorten(data);
  const out = {};
  for (const spec of m[1].trim().split(/\s+/)) {
    const [k, only] = spec.split('=');
    if (!(k in data)) continue;
    let v = data[k];
    if (only && Array.isArray(v)) {
      const want = only.split(',');
      v = v.filter((x) => [x.key, x.kind, String(x.id)].some((y) => want.includes(y)));
      out[k] = v.map((x) => shorten(x, 2));
    } else {
      out[k] = shorten(v, 1);
    }
  }
  return out;
}

function pretty(v, indent = '') {
  const flat = JSON.stringify(v);
  if (flat === undefined) return 'null';
  if (flat.length + indent.length <= 100 || v === null || typeof v !== 'object') return flat.replace(/,"/g, ', "').replace(/":/g, '": ');
  const inner = `${indent}  `;
  if (Array.isArray(v)) return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
  return `{\n${Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
}

// ---- the run ----

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  const r = cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '3']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db });
  const now = dayMs(DOC_TODAY) + shift + 9.5 * 3600 * 1000; // 10:30 in Amsterdam
  const res = await fetch(`${srv.base}/api/v1/__test/clock`, { method: 'POST', body: JSON.stringify({ now_ms: now }) });
  assert.equal(res.status, 200);
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

function token(login) {
  if (!tokens[login]) {
    const r = cli(['token', 'create', login, '--db', srv.db]);
    assert.equal(r.status, 0, r.stderr);
    tokens[login] = r.stdout.trim();
  }
  return tokens[login];
}

test('every example of docs/api.md answers as documented', async () => {
  const text = readFileSync(DOC, 'utf8');
  const list = examples(text);
  assert.ok(list.length >= 40, `only ${list.length} examples found`);
  const recorded = [];
  for (const ex of list) {
    const headers = {};
    for (const [k, v] of Object.entries(ex.headers)) {
      const t = v.match(/^Bearer <token:([a-z0-9._-]+)>$/);
      headers[k] = t ? `Bearer ${token(t[1])}` : v;
    }
    const path = adaptPath(ex.path);
    const res = await fetch(`${srv.base}${path}`, {
      method: ex.method,
      headers,
      body: ex.body === undefined ? undefined : typeof ex.body === 'string' ? ex.body : JSON.stringify(adapt(ex.body)),
    });
    const raw = await res.text();
    let data = null;
    try { data = raw ? JSON.parse(raw) : null; } catch { /* checked below */ }
    const where = `docs/api.md line ${ex.line}: ${ex.method} ${ex.path}`;
    if (process.env.PW_DOCS_RECORD && res.status !== ex.status) {
      console.log(`${where}: ${res.status}, documented ${ex.status}: ${raw.slice(0, 300)}`);
      ex.status = res.status;
      recorded.push({ ex, data });
      continue;
    }
    assert.equal(res.status, ex.status, `${where}: ${raw.slice(0, 500)}`);
    assert.match(res.headers.get('content-type') || '', /^application\/json/, where);
    assert.ok(data !== null, `${where}: not JSON: ${raw.slice(0, 200)}`);
    if (ex.expect && typeof ex.expect === 'object') {
      for (const k of Object.keys(ex.expect)) assert.ok(k in data, `${where}: no field "${k}" in ${raw.slice(0, 500)}`);
      if (ex.expect.error) assert.equal(data.error.code, ex.expect.error.code, where);
      learn(ex.expect, data);
    }
    recorded.push({ ex, data });
  }
  if (process.env.PW_DOCS_RECORD) {
    let out = '';
    let at = 0;
    for (const { ex, data } of recorded) {
      const kept = ex.note.match(/\(shortened[^)]*\)/);
      const note = `// ${ex.status} ${STATUS[ex.status] || ''}${kept ? ` ${kept[0]}` : ''}`;
      const value = cut(data, ex.note);
      // A receipt keeps its documented form: the requests after it use that one.
      if (value && typeof value.receipt === 'string' && typeof ex.expect?.receipt === 'string') value.receipt = ex.expect.receipt;
      out += text.slice(at, ex.block.start) + '```json\n' + `${note}\n${pretty(value)}\n` + '```';
      at = ex.block.end;
    }
    writeFileSync(DOC, out + text.slice(at));
  }
});
