// Evidence previews (issue #7): made at upload in a worker process, without
// any metadata; read exactly by those who read the original, each read
// audited as "preview"; a file that does not decode still uploads, without
// a preview. And the upload's entry on the timeline, in the full view only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
const today = new Date().toISOString().slice(0, 10);
const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

async function upload(who, id, bytes, filename, description) {
  const fd = new FormData();
  fd.append('description', description);
  fd.append('file', new Blob([bytes]), filename);
  const res = await fetch(`${srv.base}/api/v1/cases/${id}/evidence`, {
    method: 'POST', headers: { Authorization: `Bearer ${tok[who]}` }, body: fd,
  });
  return { status: res.status, data: await res.json() };
}

async function preview(who, id, eid) {
  const res = await fetch(`${srv.base}/api/v1/cases/${id}/evidence/${eid}/preview`, { headers: { Authorization: `Bearer ${tok[who]}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

// ---- fixtures ----

// A 64x32 JPEG (red left, blue right) with an EXIF block (Orientation 6,
// GPSLatitude 52 5 12.34 N) and a comment "GPS secret comment" (made by
// tests/unit/test_preview.c's helpers).
const JPEG = readFileSync(new URL('./fixtures/bewijs-exif-gps.jpg', import.meta.url));

const MARKER = 'bewijs-tekst-in-png-5e1d';
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
// A 3x2 RGB PNG with a tEXt chunk.
function png() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(3, 0); ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; ihdr[9] = 2;
  const row = [0, 255, 0, 0, 0, 255, 0, 0, 0, 255];
  const raw = Buffer.from([...row, ...row]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${MARKER}`, 'latin1')), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
// A one-page PDF of 200x100 points, red on the left.
function pdf() {
  const content = '1 0 0 rg 0 0 100 100 re f\n';
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`];
  let s = '%PDF-1.4\n';
  const offs = [];
  objs.forEach((o, i) => { offs.push(s.length); s += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = s.length;
  s += 'xref\n0 5\n0000000000 65535 f \n' + offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  s += `trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(s, 'latin1');
}

// The size in a JPEG's SOF segment, and the markers it holds.
function jpegInfo(b) {
  assert.equal(b.readUInt16BE(0), 0xffd8);
  const markers = [];
  let i = 2, size = null;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const m = b[i + 1];
    markers.push(m);
    if (m === 0xda) break;
    const len = b.readUInt16BE(i + 2);
    if (m >= 0xc0 && m <= 0xc3) size = { h: b.readUInt16BE(i + 5), w: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return { size, markers };
}
function pngChunks(b) {
  const out = [];
  for (let i = 8; i + 8 <= b.length;) { const n = b.readUInt32BE(i); out.push(b.toString('ascii', i + 4, i + 8)); i += 12 + n; }
  return out;
}

let caseId;
const ev = {};
let previewReads = 0;

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '7']));
  srv = await startServer({ db });
  for (const who of ['docent', 'mentor', 'clz', 'mt', 'beheerder']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  const students = (await api('mentor', 'GET', '/students?class=2B')).data.items.filter((s) => s.attention === null);
  const r = await api('docent', 'POST', '/signals', {
    occurred_on: today, location: 'online', description: 'Berichten in de klassenapp', systematisch: 'ja',
    vormen: ['woorden_beelden'], cyber: { soorten: ['pestmail'], platforms: ['whatsapp'] }, naar_clz: false,
    betrokkenen: [{ student: students[0].id, rol: 'gepeste' }, { student: students[1].id, rol: 'pester' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  caseId = r.data.case.id;
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

test('a JPEG with EXIF and GPS gets an upright preview with none of it', async () => {
  assert.ok(JPEG.includes(Buffer.from('Exif')) && JPEG.includes(Buffer.from('GPS secret')));
  const r = await upload('mentor', caseId, JPEG, 'foto.jpg', 'foto van het scherm');
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.preview, true);
  ev.jpeg = r.data.id;
  const p = await preview('mentor', caseId, ev.jpeg);
  previewReads++;
  assert.equal(p.status, 200);
  assert.equal(p.headers.get('content-type'), 'image/jpeg');
  assert.equal(p.headers.get('cache-control'), 'no-store');
  assert.notDeepEqual(p.body, JPEG);
  const info = jpegInfo(p.body);
  assert.deepEqual(info.size, { w: 32, h: 64 }); // orientation 6 applied
  assert.ok(!info.markers.includes(0xe1), 'no APP1 (EXIF, XMP)');
  assert.ok(!info.markers.includes(0xe2), 'no APP2 (ICC)');
  assert.ok(!info.markers.includes(0xfe), 'no comment');
  assert.equal(p.body.indexOf(Buffer.from('Exif')), -1);
  assert.equal(p.body.indexOf(Buffer.from('GPS')), -1);
});

test('a PNG loses its text chunk; a PDF page becomes a PNG', async () => {
  let r = await upload('mentor', caseId, png(), 'chat.png', 'schermafdruk');
  assert.equal(r.status, 201);
  assert.equal(r.data.preview, true);
  ev.png = r.data.id;
  let p = await preview('mentor', caseId, ev.png);
  previewReads++;
  assert.equal(p.status, 200);
  assert.equal(p.headers.get('content-type'), 'image/png');
  const chunks = pngChunks(p.body);
  assert.equal(chunks[0], 'IHDR');
  assert.equal(p.body.readUInt32BE(16), 3); // not scaled up
  for (const c of ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'iCCP', 'tIME']) assert.ok(!chunks.includes(c), c);
  assert.equal(p.body.indexOf(Buffer.from(MARKER)), -1);

  r = await upload('mentor', caseId, pdf(), 'verslag.pdf', 'verslag van de chat');
  assert.equal(r.status, 201);
  assert.equal(r.data.preview, true);
  ev.pdf = r.data.id;
  p = await preview('clz', caseId, ev.pdf);
  previewReads++;
  assert.equal(p.status, 200);
  assert.equal(p.headers.get('content-type'), 'image/png');
  assert.equal(p.body.readUInt32BE(16), 1600);
  assert.equal(p.body.readUInt32BE(20), 800);
});

test('a file that does not decode is kept without a preview', async () => {
  // A JPEG header, then noise; a PDF without pages.
  const bad = Buffer.concat([JPEG.subarray(0, 200), Buffer.alloc(300, 0x41)]);
  const r = await upload('mentor', caseId, bad, 'kapot.jpg', 'beschadigd');
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.preview, false);
  ev.bad = r.data.id;
  assert.equal((await preview('mentor', caseId, ev.bad)).status, 404);
  // The original is there, byte for byte.
  const res = await fetch(`${srv.base}/api/v1/cases/${caseId}/evidence/${ev.bad}`, { headers: { Authorization: `Bearer ${tok.mentor}` } });
  assert.equal(res.status, 200);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), bad);
  const l = await api('mentor', 'GET', `/cases/${caseId}/evidence`);
  const by = Object.fromEntries(l.data.items.map((i) => [i.id, i.preview]));
  assert.deepEqual(by, { [ev.jpeg]: true, [ev.png]: true, [ev.pdf]: true, [ev.bad]: false });
});

test('the preview is read by exactly those who read the original', async () => {
  for (const who of ['clz', 'mt']) {
    const p = await preview(who, caseId, ev.png);
    previewReads++;
    assert.equal(p.status, 200, who);
  }
  // The reporter's reduced view, and an account that does not read the case.
  for (const who of ['docent', 'beheerder']) {
    const p = await preview(who, caseId, ev.png);
    assert.equal(p.status, 404, who);
    assert.ok(!pngChunks(p.body).includes('IDAT'));
    const o = await fetch(`${srv.base}/api/v1/cases/${caseId}/evidence/${ev.png}`, { headers: { Authorization: `Bearer ${tok[who]}` } });
    assert.equal(o.status, 404, who);
  }
  assert.equal((await preview('mentor', caseId, 999999)).status, 404);
  assert.equal((await preview('mentor', caseId, 'x')).status, 404);
});

test('every preview read is in the audit log as "preview"', async () => {
  const r = await api('mt', 'GET', `/audit?case=${caseId}&limit=500`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const pv = r.data.items.filter((i) => i.action === 'preview');
  assert.equal(pv.length, previewReads);
  assert.ok(pv.some((i) => i.detail === `evidence ${ev.pdf}` && i.login === 'clz'));
  assert.deepEqual([...new Set(pv.map((i) => i.login))].sort(), ['clz', 'mentor', 'mt']);
  // Refused reads are not reads.
  assert.ok(!pv.some((i) => i.login === 'docent' || i.login === 'beheerder'));
});

test('an upload is on the timeline in the full view only', async () => {
  const c = (await api('mentor', 'GET', `/cases/${caseId}`)).data;
  const entries = c.timeline.filter((e) => e.kind === 'evidence');
  assert.equal(entries.length, 4);
  const jpeg = entries.find((e) => e.text.includes('foto van het scherm'));
  assert.ok(jpeg, JSON.stringify(entries));
  assert.match(jpeg.text, /^Bewijs toegevoegd \(JPEG, \d+ bytes\): foto van het scherm$/);
  assert.match(entries.find((e) => e.text.includes('verslag')).text, /PDF/);
  const me = (await api('mentor', 'GET', '/me')).data;
  assert.equal(jpeg.by, me.id);
  assert.match(jpeg.at, /^\d{4}-\d\d-\d\dT/);
  // The reporter's reduced view shows no evidence, not even that there is some.
  const d = (await api('docent', 'GET', `/cases/${caseId}`)).data;
  assert.equal(d.view, 'reduced');
  assert.equal(d.timeline.filter((e) => e.kind === 'evidence').length, 0);
  assert.ok(!JSON.stringify(d).includes('foto van het scherm'));
});
