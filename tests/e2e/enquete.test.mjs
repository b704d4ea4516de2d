// The surveys in a real browser: the apc makes a survey, opens it and
// prints code slips; a student on a phone (390 px) types a code, answers
// and sends, without a login; a second use of the code is refused in words;
// the monitor summary. axe-core on each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir, must } from '../api/helpers.mjs';
import { PHONE, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';
let srv, browser;
const checked = [];

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '200', '--years', '1', '--seed', '5']));
  srv = await startServer({ db });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

test('the apc makes a survey and codes; a student answers on a phone; a code works once', async () => {
  const { ctx, page, errors } = await openSession(browser, srv.base, 'apc', { width: 1100, height: 900 });
  await page.click('a[href="/enquetes"]');
  await axeCheck(page, 'enquetes', checked);
  await page.selectOption('#soort', 'veiligheid');
  await page.click('button:has-text("Enquête maken")');
  await page.waitForURL(/\/enquetes\/\d+$/);
  const url = page.url();
  await page.click('button:has-text("Enquête openen")');
  await page.waitForURL(url);
  assert.match(await page.textContent('.lead'), /Status: open/);
  await page.fill('#aantal', '6');
  await page.click('button[value=print]');
  const codes = await page.$$eval('.slip-code', (els) => els.map((e) => e.textContent));
  assert.equal(codes.length, 6);
  await axeCheck(page, 'slips', checked);
  await shot(page, 'enquete-codes');

  const kid = await browser.newContext({ viewport: PHONE, locale: 'nl-NL' });
  const p = await kid.newPage();
  await p.goto(`${srv.base}/enquete`);
  await axeCheck(p, 'enquete code', checked);
  await p.fill('#code', codes[0].toLowerCase());
  await p.click('button[type=submit]');
  assert.equal(new URL(p.url()).search, '', 'the code is never in the URL');
  await p.check('#v-veilig_school-veilig');
  await p.check('#v-gepest-een_twee_keer');
  await p.check('#v-gepest_waar-klas');
  await p.check('#v-gepest_waar-online');
  await axeCheck(p, 'enquete questions', checked);
  await shot(p, 'enquete-vragen');
  const wide = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= PHONE.width, `no sideways scrolling on a phone (${wide}px)`);
  await p.click('button:has-text("Versturen")');
  assert.match(await p.textContent('h1'), /Bedankt/);
  await p.goto(`${srv.base}/enquete`);
  await p.fill('#code', codes[0]);
  await p.click('button[type=submit]');
  assert.match(await p.textContent('.error-summary'), /al gebruikt/);
  await kid.close();

  await page.goto(`${srv.base}/enquetes/monitor`);
  assert.match(await page.textContent('h1'), /Monitor/);
  await axeCheck(page, 'monitor', checked);
  assert.deepEqual(errors, []);
  await ctx.close();
});
