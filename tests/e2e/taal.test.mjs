// English in a real browser (issue 6): the CLZ switches the language in the
// header at phone size; Mijn taken and a case page come in English, with
// axe-core clean, and the choice holds on the next page. A student's report
// page in English by the browser's language. Screenshots for the guide:
// docs/guide/img/*-en-telefoon.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir } from '../api/helpers.mjs';
import { PHONE, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';

let srv, browser;
const checked = [];

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  const r = cli(['demo', '--db', db, '--years', '1', '--cases']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

test('the CLZ switches to English: Mijn taken and a case page in English at phone size', async () => {
  const { ctx, page, errors } = await openSession(browser, srv.base, 'clz', PHONE);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForURL(`${srv.base}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('heading', { level: 1, name: 'My tasks' }).waitFor();
  await page.getByRole('heading', { name: 'Steps for you' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Nederlands' }).count(), 1);
  await axeCheck(page, 'My tasks in English (phone)', checked);
  await shot(page, 'taken-en-telefoon');

  await page.locator('.task-list a').first().click();
  await page.waitForURL(/\/casus\/\d+/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('heading', { name: 'Steps of the protocol' }).waitFor();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  const main = await page.locator('main').innerText();
  assert.doesNotMatch(main, /Stappen van het protocol|Markeer als afgerond|Overslaan|Meer acties/);
  await axeCheck(page, 'a case in English (phone)', checked);
  await shot(page, 'casus-en-telefoon');

  // Back to Dutch from the case page: it stays on the case.
  const url = page.url().replace(/#.*/, ''); // the server never sees the fragment
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await page.waitForURL(url);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.getByRole('heading', { name: 'Stappen van het protocol' }).waitFor();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a student whose browser asks for English gets the report page in English', async () => {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/melden-leerling`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('heading', { level: 1, name: 'Report bullying' }).waitFor();
  await page.getByLabel('What happened?').waitFor();
  await axeCheck(page, 'the student report page in English (phone)', checked);
  await shot(page, 'melden-leerling-en-telefoon');
  await ctx.close();
});
