// Evidence of cyberbullying (PROTOCOL.md, cyber.bewijs_bewaren): uploads
// judged by content, stored sealed, downloaded byte for byte by those who read
// the case in full, every download audited; no upload at all where the
// definition forbids keeping evidence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { readFileSync, statSync } from 'node:fs';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
const UPLOAD_MAX = 200000;
let srv;
const tok = {};
const today = new Date().toISOString().slice(0, 10);
const sha = (b) => createHash('sha256').update(b).digest('hex');

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

async function upload(who, id, bytes, filename, description = 'schermafdruk van het groepsgesprek') {
  const fd = new FormData();
  fd.append('description', description);
  fd.append('file', new Blob([bytes], { type: 'application/octet-stream' }), filename);
  const res = await fetch(`${srv.base}/api/v1/cases/${id}/evidence`, {
    method: 'POST', headers: { Authorization: `Bearer ${tok[who]}` }, body: fd,
  });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, data };
}

async function download(who, id, eid) {
  const res = await fetch(`${srv.base}/api/v1/cases/${id}/evidence/${eid}`, { headers: { Authorization: `Bearer ${tok[who]}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

// A valid 2x2 PNG, made here; a tEXt chunk carries a marker to look for.
const MARKER = 'pestwijzer-bewijs-klaartekst-7f3a9c';
function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8 bits, RGB
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${MARKER}`, 'latin1')), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
  + '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% bewijs-pdf-klaartekst-41c2\n'
  + 'trailer << /Root 1 0 R >>\n%%EOF\n');

let students; // of class 2B, in no open case yet
let caseId;   // a cyber case (pestmail) owned by the mentor of 2B
let forbidden; // a case with cyber kind intieme_beelden
const uploaded = [];
let downloads = 0;

function signal(target, bully, cyber) {
  return {
    occurred_on: today, location: 'online', description: 'Berichten in de klassenapp',
    systematisch: 'ja', vormen: ['woorden_beelden'], cyber, naar_clz: false,
    betrokkenen: [{ student: target.id, rol: 'gepeste' }, { student: bully.id, rol: 'pester' }],
  };
}

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '5']));
  srv = await startServer({ db, args: ['--upload-max', String(UPLOAD_MAX)] });
  for (const who of ['docent', 'mentor', 'clz', 'mt']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  students = (await api('mentor', 'GET', '/students?class=2B')).data.items.filter((s) => s.attention === null);
  assert.ok(students.length >= 4);
  let r = await api('docent', 'POST', '/signals', signal(students[0], students[1], { soorten: ['pestmail'], platforms: ['whatsapp'] }));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  caseId = r.data.case.id;
  r = await api('docent', 'POST', '/signals', signal(students[2], students[3], { soorten: ['intieme_beelden'], platforms: ['snapchat'] }));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  forbidden = r.data.case.id;
  assert.notEqual(forbidden, caseId);
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

test('a PNG and a PDF are accepted by content, with their hash and size', async () => {
  for (const [bytes, name, type] of [[png(), 'chat.png', 'image/png'], [PDF, 'verslag.pdf', 'application/pdf']]) {
    const r = await upload('mentor', caseId, bytes, name);
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.sha256, sha(bytes));
    assert.equal(r.data.size, bytes.length);
    assert.equal(r.data.type, type);
    uploaded.push({ id: r.data.id, bytes, type });
  }
  // The type is the content's, not the name's: a PNG called .pdf is a PNG.
  const r = await upload('mentor', caseId, png(), 'misleidend.pdf');
  assert.equal(r.status, 201);
  assert.equal(r.data.type, 'image/png');
  uploaded.push({ id: r.data.id, bytes: png(), type: 'image/png' });
  // The server's key was made beside the database, for its owner only.
  assert.equal(statSync(`${srv.db}.key`).mode & 0o777, 0o600);
  assert.equal(statSync(`${srv.db}.key`).size, 32);
});

test('the case and the list show the evidence to those who read it in full', async () => {
  const c = (await api('mentor', 'GET', `/cases/${caseId}`)).data;
  assert.equal(c.evidence.length, uploaded.length);
  const me = (await api('mentor', 'GET', '/me')).data;
  const first = c.evidence[0];
  assert.equal(first.id, uploaded[0].id);
  assert.equal(first.sha256, sha(uploaded[0].bytes));
  assert.equal(first.by, me.id);
  assert.equal(first.description, 'schermafdruk van het groepsgesprek');
  assert.match(first.at, /^\d{4}-\d\d-\d\dT/);
  const l = await api('clz', 'GET', `/cases/${caseId}/evidence`);
  assert.equal(l.status, 200);
  assert.deepEqual(l.data.items.map((e) => e.id), uploaded.map((u) => u.id));
  // The reporter's reduced view has no evidence at all.
  const d = (await api('docent', 'GET', `/cases/${caseId}`)).data;
  assert.equal(d.view, 'reduced');
  assert.equal(d.evidence, undefined);
  assert.equal((await api('docent', 'GET', `/cases/${caseId}/evidence`)).status, 404);
});

test('downloads are the original byte for byte, as attachments never cached', async () => {
  for (const who of ['mentor', 'clz', 'mt']) {
    for (const u of uploaded) {
      const r = await download(who, caseId, u.id);
      downloads++;
      assert.equal(r.status, 200);
      assert.equal(sha(r.body), sha(u.bytes));
      assert.equal(r.headers.get('content-type'), u.type);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.match(r.headers.get('content-disposition'), /^attachment; filename="bewijs-\d+-\d+\.(png|pdf)"$/);
    }
  }
  // Another case's evidence, or none: as if it did not exist.
  assert.equal((await download('mentor', forbidden, uploaded[0].id)).status, 404);
  assert.equal((await download('mentor', caseId, 999999)).status, 404);
  assert.equal((await download('mentor', caseId, 'x')).status, 404);
});

test('a reporter with the reduced view gets 404 on a download', async () => {
  const r = await download('docent', caseId, uploaded[0].id);
  assert.equal(r.status, 404);
  assert.ok(!r.body.includes(Buffer.from(MARKER)));
  // Nor may they upload.
  assert.notEqual((await upload('docent', caseId, png(), 'x.png')).status, 201);
});

test('a text file renamed .png is refused (415) saying which types are accepted', async () => {
  const r = await upload('mentor', caseId, Buffer.from('Dit is gewoon tekst, geen plaatje.\n'), 'foto.png');
  assert.equal(r.status, 415);
  assert.equal(r.data.error.code, 'unsupported_type');
  assert.match(r.data.error.message, /PNG, JPEG, GIF, WebP, HEIC, PDF/);
  // Half a signature is not an image either.
  assert.equal((await upload('mentor', caseId, Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'half.png')).status, 415);
  // No file at all.
  const fd = new FormData();
  fd.append('description', 'zonder bestand');
  const res = await fetch(`${srv.base}/api/v1/cases/${caseId}/evidence`, { method: 'POST', headers: { Authorization: `Bearer ${tok.mentor}` }, body: fd });
  assert.equal(res.status, 400);
  assert.equal((await api('mentor', 'GET', `/cases/${caseId}/evidence`)).data.items.length, uploaded.length);
});

test('a file over --upload-max is refused (413)', async () => {
  const big = Buffer.concat([png(), Buffer.alloc(UPLOAD_MAX)]);
  const r = await upload('mentor', caseId, big, 'groot.png');
  assert.equal(r.status, 413);
  assert.equal((await api('mentor', 'GET', `/cases/${caseId}/evidence`)).data.items.length, uploaded.length);
});

test('no upload at all on a case with intieme_beelden (409), with the guidance', async () => {
  const r = await upload('mentor', forbidden, png(), 'beeld.png');
  assert.equal(r.status, 409, JSON.stringify(r.data));
  assert.equal(r.data.error.code, 'protocol');
  assert.match(r.data.error.message, /Kopieer de beelden niet/);
  assert.match(r.data.error.message, /politie/);
  assert.match(r.data.error.message, /police/);
  // Refused whatever the content: a text file too.
  assert.equal((await upload('mentor', forbidden, Buffer.from('tekst'), 'a.txt')).status, 409);
  const c = (await api('mentor', 'GET', `/cases/${forbidden}`)).data;
  assert.equal(c.evidence_allowed, false);
  assert.deepEqual(c.evidence, []);
});

test('every download is in the audit log, for mt', async () => {
  assert.ok(downloads > 0);
  const r = await api('mt', 'GET', `/audit?case=${caseId}&limit=500`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const dl = r.data.items.filter((i) => i.action === 'download');
  assert.equal(dl.length, downloads);
  for (const u of uploaded) assert.ok(dl.some((i) => i.detail === `evidence ${u.id}`));
  assert.deepEqual([...new Set(dl.map((i) => i.login))].sort(), ['clz', 'mentor', 'mt']);
  assert.equal((await api('mentor', 'GET', `/audit?case=${caseId}`)).status, 403);
});

test('the stored bytes are not the plaintext: a backup holds neither file', async () => {
  const copy = `${srv.dir}/evidence-backup.db`;
  must(cli(['backup', '--db', srv.db, copy]));
  const b = readFileSync(copy);
  assert.ok(b.length > 0);
  for (const u of uploaded) assert.equal(b.indexOf(u.bytes), -1);
  assert.equal(b.indexOf(Buffer.from(MARKER)), -1);
  assert.equal(b.indexOf(Buffer.from('bewijs-pdf-klaartekst-41c2')), -1);
  // The hashes are there (the record), the key is not.
  assert.notEqual(b.indexOf(Buffer.from(sha(uploaded[0].bytes))), -1);
  assert.equal(b.indexOf(readFileSync(`${srv.db}.key`)), -1);
});
