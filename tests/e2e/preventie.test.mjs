// Prevention in the pages: a mentor records the class's protocol lesson on
// the Klas page (a skip without its reason comes back with what was typed),
// the apc's overview no longer lists the class as behind for it, and a
// teacher confirms the protocol version from Mijn taken. axe-core on each
// page at phone and desktop sizes; screenshots for the guide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir } from '../api/helpers.mjs';
import { PHONE, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';
const DESKTOP = { width: 1280, height: 800 };

let srv, browser, klas;
const checked = [];

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  const r = cli(['demo', '--db', db, '--students', '300', '--years', '1', '--seed', '9']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

const session = (login, viewport) => openSession(browser, srv.base, login, viewport);

async function axeBoth(page, what, name) {
  for (const [vp, label] of [[PHONE, 'phone'], [DESKTOP, 'desktop']]) {
    await page.setViewportSize(vp);
    await axeCheck(page, `${what} (${label})`, checked);
    if (name) await shot(page, `${name}-${label === 'phone' ? 'telefoon' : 'desktop'}`);
  }
}

test('the mentor records the protocol lesson on the Klas page', async () => {
  const { ctx, page, errors } = await session('mentor', PHONE);
  const link = page.locator('a[href^="/klas/"]').first();
  klas = (await link.getAttribute('href')).slice('/klas/'.length);
  await link.click();
  const item = page.locator('li#preventie-protocol_les');
  assert.equal(await item.count(), 1, 'the protocol lesson is a task of a class above year 1');
  await item.locator('summary:has-text("Vastleggen")').click();
  await axeBoth(page, 'Klas with prevention', 'klas-preventie');

  // Not held, without a reason: refused at the field, the choice kept.
  await item.locator('input[value=skipped]').check();
  await item.locator('button[type=submit]').click();
  const again = page.locator('li#preventie-protocol_les');
  assert.equal(await again.locator('#prev-protocol_les-note-error').count(), 1);
  assert.equal(await again.locator('input[value=skipped]').isChecked(), true);
  await axeCheck(page, 'prevention form with an error', checked);

  await again.locator('input[value=done]').check();
  await again.locator('#prev-protocol_les-note').fill('Met de klas het protocol doorgelopen; vragen over groepsapps.');
  await again.locator('button[type=submit]').click();
  assert.match(page.url(), /klaar=preventie/);
  assert.match(await page.locator('li#preventie-protocol_les .task-status').textContent(), /Gedaan op/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the apc sees which classes are behind, and no longer this one for the lesson', async () => {
  const { ctx, page, errors } = await session('apc', PHONE);
  await page.click('a[href="/preventie"]');
  const row = page.locator('tr', { has: page.locator(`a[href="/klas/${klas}#preventie"]`) });
  if (await row.count()) assert.doesNotMatch(await row.textContent(), /anti-pestprotocol in een mentorles/);
  assert.match(await page.locator('#h-collegas + p').textContent(), /nog niet/);
  await axeBoth(page, 'prevention overview', 'preventie-overzicht');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a teacher confirms knowing the protocol version from Mijn taken', async () => {
  const { ctx, page, errors } = await session('docent', PHONE);
  assert.equal(await page.locator('#h-bevestig').count(), 1);
  await axeCheck(page, 'Mijn taken with the protocol reminder', checked);
  await page.click('form[action="/protocol/bevestig"] button');
  assert.match(page.url(), /klaar=bevestigd/);
  assert.equal(await page.locator('#h-bevestig').count(), 0);
  const res = await page.goto(`${srv.base}/preventie`);
  assert.equal(res.status(), 403, 'the overview is for those who read the figures');
  assert.deepEqual(errors, []);
  await ctx.close();
});
