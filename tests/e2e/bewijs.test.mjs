// Evidence on the case page, in a real browser: the CLZ adds a photo through
// the form (no script needed), sees its re-encoded preview and the facts of
// the file, a wrong type comes back at its field with nothing stored, and a
// case about intimate images has no form but the protocol's guidance.
// axe-core at phone and desktop sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, cli, tmpDir } from '../api/helpers.mjs';
import { PHONE, IMG, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';
const DESKTOP = { width: 1280, height: 800 };
const JPEG = new URL('../api/fixtures/bewijs-exif-gps.jpg', import.meta.url).pathname;
const today = new Date().toISOString().slice(0, 10);

let srv, browser, caseId, forbidden;
const checked = [];

async function signal(tok, target, bully, soorten) {
  const res = await fetch(`${srv.base}/api/v1/signals`, {
    method: 'POST', headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      occurred_on: today, location: 'online', description: 'Berichten in de klassenapp', systematisch: 'ja',
      vormen: ['woorden_beelden'], cyber: { soorten, platforms: ['whatsapp'] }, naar_clz: true,
      betrokkenen: [{ student: target.id, rol: 'gepeste' }, { student: bully.id, rol: 'pester' }],
    }),
  });
  const data = await res.json();
  assert.equal(res.status, 201, JSON.stringify(data));
  return data.case.id;
}

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  const r = cli(['demo', '--db', db, '--students', '300', '--years', '1', '--seed', '5']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db, args: ['--upload-max', '200000'] });
  const tok = cli(['token', 'create', 'docent', '--db', db]).stdout.trim();
  const students = (await (await fetch(`${srv.base}/api/v1/students?class=2B`, { headers: { Authorization: `Bearer ${tok}` } })).json())
    .items.filter((s) => s.attention === null);
  caseId = await signal(tok, students[0], students[1], ['pestmail']);
  forbidden = await signal(tok, students[2], students[3], ['intieme_beelden']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

async function axeBoth(page, what, name) {
  for (const [vp, label] of [[PHONE, 'telefoon'], [DESKTOP, 'desktop']]) {
    await page.setViewportSize(vp);
    await axeCheck(page, `${what} (${label})`, checked);
    // The section's picture, for the user guide (docs/guide/img).
    if (name) await page.locator('#bewijs').screenshot({ path: `${IMG}/${name}-${label}.png` });
  }
}

test('the CLZ adds a photo through the form and sees its preview', async () => {
  const { ctx, page, errors } = await openSession(browser, srv.base, 'clz', PHONE);
  await page.goto(`${srv.base}/casus/${caseId}`);
  await assert.doesNotReject(page.locator('#bewijs').getByText('Nog geen bewijs').waitFor());
  // A wrong type: back at its field, nothing stored.
  await page.setInputFiles('#bewijs-file', { name: 'chat.png', mimeType: 'image/png', buffer: Buffer.from('gewoon tekst') });
  await page.click('#bewijs button[type=submit]');
  await page.locator('#bewijs-file-error').waitFor();
  assert.match(await page.locator('#bewijs-file-error').innerText(), /PNG, JPEG, GIF, WebP, HEIC, PDF/);
  assert.equal(await page.getAttribute('#bewijs-file', 'aria-invalid'), 'true');
  await axeBoth(page, 'bewijs: fout bij het bestand', 'bewijs-fout');
  await page.setViewportSize(PHONE);
  // Over the upload limit: the HTTP layer keeps no body, the page still
  // answers at the field.
  await page.setInputFiles('#bewijs-file', { name: 'groot.png', mimeType: 'image/png', buffer: Buffer.alloc(300000, 1) });
  await page.click('#bewijs button[type=submit]');
  await page.locator('#bewijs-file-error').getByText(/te groot/).waitFor();

  await page.setInputFiles('#bewijs-file', JPEG);
  await page.fill('#bewijs-description', 'Foto van het scherm, klassenapp');
  await page.click('#bewijs button[type=submit]');
  await page.waitForURL(/\/casus\/\d+\?klaar=1#bewijs-\d+$/);
  const item = page.locator('#bewijs .evidence-item');
  assert.equal(await item.count(), 1);
  const img = item.locator('img.evidence-preview');
  await img.waitFor();
  // The preview is loaded and upright (the photo is 64x32 with orientation 6).
  await page.waitForFunction(() => document.querySelector('img.evidence-preview')?.complete);
  const size = await img.evaluate((i) => [i.naturalWidth, i.naturalHeight]);
  assert.deepEqual(size, [32, 64]);
  assert.match(await img.getAttribute('src'), new RegExp(`^/casus/${caseId}/bewijs/\\d+/voorbeeld$`));
  const text = await item.innerText();
  assert.match(text, /Foto van het scherm, klassenapp/);
  assert.match(text, /JPEG/);
  assert.match(text, /797 bytes/);
  assert.match(text, /[0-9a-f]{64}/);
  // The original downloads as an attachment, byte for byte.
  const [dl] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: /Origineel downloaden/ }).click()]);
  assert.match(dl.suggestedFilename(), /^bewijs-\d+-\d+\.jpg$/);
  assert.deepEqual(readFileSync(await dl.path()), readFileSync(JPEG));
  // And the upload is on the timeline.
  assert.match(await page.locator('#h-tijdlijn + ol').innerText(), /Bewijs toegevoegd \(JPEG, 797 bytes\): Foto van het scherm/);
  await axeBoth(page, 'bewijs: met voorbeeld', 'bewijs');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a case about intimate images has the guidance, no form', async () => {
  const { ctx, page, errors } = await openSession(browser, srv.base, 'clz', PHONE);
  await page.goto(`${srv.base}/casus/${forbidden}`);
  const box = page.locator('#bewijs-verboden');
  await box.waitFor();
  assert.match(await box.innerText(), /Kopieer de beelden niet/);
  assert.equal(await page.locator('#bewijs form').count(), 0);
  await axeBoth(page, 'bewijs: niet bewaren', 'bewijs-verboden');
  assert.deepEqual(errors, []);
  await ctx.close();
});
