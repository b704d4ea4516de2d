// Reports by students and parents, the school's side in pages: a pupil
// reports anonymously, the anti-pestcoördinator answers and passes it to the
// CLZ, the pupil reads the answer with the receipt, the CLZ files it as a
// signal through Melden (the report's words already filled in), and a
// teacher enters a report heard by phone and hands over a receipt. The CLZ
// writes the parents a letter on the case. axe-core
// on every page at phone and desktop sizes; screenshots for the guide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir } from '../api/helpers.mjs';
import { PHONE, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';
const DESKTOP = { width: 1280, height: 800 };
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

let srv, browser, receipt, reportId, caseId;
const checked = [];

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  const r = cli(['demo', '--db', db, '--students', '300', '--years', '1', '--seed', '7']);
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

test('a pupil reports anonymously and gets a receipt', async () => {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'nl-NL' });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/melden-leerling`);
  await page.fill('#text', 'In de groepsapp van onze klas sturen ze elke avond nare berichten over mij.');
  await page.fill('#location', 'groepsapp');
  await page.click('button[type=submit]');
  receipt = (await page.locator('.receipt-code').textContent()).trim();
  assert.match(receipt, RECEIPT);
  await ctx.close();
});

test('the apc sees it on Mijn taken, answers it and passes it to the CLZ', async () => {
  const { ctx, page, errors } = await session('apc', PHONE);
  assert.match(await page.locator('#h-meldingen + p').textContent(), /1 nieuwe melding/);
  await page.locator('.notices a[href^="/meldingen/"]').first().click();
  reportId = Number(page.url().match(/\/meldingen\/(\d+)/)[1]);
  assert.match(await page.locator('.prewrap').first().textContent(), /groepsapp van onze klas/);
  await axeBoth(page, 'report (apc)', 'melding-apc');

  // An empty answer is refused at its field, nothing sent.
  await page.click('form[action$="/antwoord"] button[type=submit]');
  assert.equal(await page.locator('#antwoord-error').count(), 1);
  await axeCheck(page, 'report with an error', checked);
  await page.fill('#antwoord', 'Dank je dat je het vertelt. We gaan ermee aan de slag; kijk morgen weer met je bonnummer.');
  await page.click('form[action$="/antwoord"] button[type=submit]');
  assert.match(page.url(), /klaar=antwoord/);
  assert.match(await page.locator('.thread').textContent(), /We gaan ermee aan de slag/);

  // The apc passes it on; it cannot file it as a signal itself.
  assert.equal(await page.locator('a[href^="/melden?melding="]').count(), 0);
  await page.click('text=Doorgeven aan de CLZ');
  assert.match(await page.locator('.page-head').textContent(), /Doorgegeven aan de CLZ/);

  await page.goto(`${srv.base}/meldingen`);
  assert.equal(await page.locator('.report-list li').count(), 1);
  await axeBoth(page, 'reports list', 'meldingen');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the pupil reads the answer with the receipt', async () => {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'nl-NL' });
  const page = await ctx.newPage();
  await page.goto(`${srv.base}/mijn-melding`);
  await page.fill('#receipt', receipt.toLowerCase());
  await page.click('button[type=submit]');
  assert.match(await page.content(), /We gaan ermee aan de slag/);
  await ctx.close();
});

test('the CLZ files it as a signal from the Melden form, which the report fills', async () => {
  const { ctx, page, errors } = await session('clz', PHONE);
  await page.locator('.notices a[href="/meldingen/' + reportId + '"]').first().click();
  await page.click('a[href^="/melden?melding="]');
  assert.match(await page.inputValue('#description'), /groepsapp van onze klas/);
  assert.equal(await page.inputValue('#location'), 'groepsapp');
  await axeCheck(page, 'melden from a report', checked);
  // Sending without people: the form comes back with the report still attached.
  await page.check('#systematisch-ja');
  await page.click('button[value=verstuur]');
  assert.equal(await page.locator('input[name=melding]').getAttribute('value'), String(reportId));
  await page.fill('#zoek', '2B');
  await page.click('button[name=actie][value=zoek]');
  await page.locator('#zoek-resultaten button[value$=":gepeste"]').first().click();
  await page.waitForSelector('.people li');
  await page.check('#vorm-woorden_beelden');
  await page.check('#systematisch-ja');
  await page.click('button[value=verstuur]');
  await page.waitForURL(/\/melden\/\d+$/);

  await page.goto(`${srv.base}/meldingen/${reportId}`);
  assert.match(await page.locator('.page-head').textContent(), /Vastgelegd als signaal/);
  const caseLink = page.locator('a[href^="/casus/"]');
  assert.equal(await caseLink.count(), 1);
  await caseLink.click();
  caseId = Number(page.url().match(/\/casus\/(\d+)/)[1]);
  assert.match(await page.locator('.timeline').textContent(), /Melding toegevoegd/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the CLZ writes the parents a letter: reviewed, printed, and kept as a parent contact', async () => {
  const { ctx, page, errors } = await session('clz', PHONE);
  await page.goto(`${srv.base}/casus/${caseId}`);
  await page.click('#brieven a[href$="/brief"]');
  await page.selectOption('#sjabloon', 'informeren');
  await page.click('form[method=get] button[type=submit]');
  // Sending the parent step without a choice says so at the field.
  await page.click('#ouder ~ button[type=submit]');
  assert.equal(await page.locator('#ouder-error').count(), 1);
  await page.locator('#ouder input[type=radio]:not([disabled])').first().check();
  await page.click('#ouder ~ button[type=submit]');
  const text = await page.inputValue('#text');
  assert.match(text, /^Beste /);
  await axeBoth(page, 'letter to parents', 'brief-opstellen');
  await page.fill('#text', text + '\n\nPS: u kunt mij ook op dinsdag bellen.');
  // Paper: the option is #kanaal-brief beside mail, or alone when the parent has no e-mail address.
  await page.check((await page.locator('#kanaal-brief').count()) ? '#kanaal-brief' : '#kanaal-mail');
  await page.click('#brief button[type=submit]');
  await page.waitForURL(/\/brief\/\d+$/);
  assert.match(await page.locator('article').textContent(), /u kunt mij ook op dinsdag bellen/);
  await page.goto(`${srv.base}/casus/${caseId}`);
  assert.equal(await page.locator('#brieven li').count(), 1);
  assert.match(await page.locator('.timeline').textContent(), /Contact met ouders/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a teacher enters a report heard by phone and hands over a receipt; the list is not theirs', async () => {
  const { ctx, page, errors } = await session('docent', PHONE);
  await page.click('a[href="/meldingen/nieuw"]');
  await page.click('form[action="/meldingen/nieuw"] button[type=submit]');
  assert.equal(await page.locator('#text-error').count(), 1);
  await axeBoth(page, 'report entry with an error', null);
  await page.fill('#text', 'Een moeder belde: haar zoon wordt na de gymles uitgelachen in de kleedkamer.');
  await page.fill('#location', 'kleedkamer');
  await page.click('form[action="/meldingen/nieuw"] button[type=submit]');
  assert.match((await page.locator('.receipt-code').textContent()).trim(), RECEIPT);
  await axeBoth(page, 'report entered, receipt', 'melding-ingevoerd');
  const res = await page.goto(`${srv.base}/meldingen`);
  assert.equal(res.status(), 403);
  assert.deepEqual(errors, []);
  await ctx.close();
});
