// A whole case in a real browser (Debian's chromium driven by playwright-core),
// with axe-core checking every page it visits: a vakdocent files a signal on a
// phone, the mentor leads it through the talks and the parents, a second signal
// makes it a recurrence, and the CLZ takes over. Screenshots for the user guide
// go to docs/guide/img/ at stable names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir } from '../api/helpers.mjs';
import { PHONE, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';
const DESKTOP = { width: 1280, height: 900 };

let srv, browser;
const checked = [];

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  const r = cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '3']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

const session = (login, viewport) => openSession(browser, srv.base, login, viewport);

const axe = (page, what) => axeCheck(page, what, checked);

let caseId;

test('a vakdocent files a signal about two 2B students on a phone', async () => {
  const { ctx, page, errors } = await session('docent', PHONE);
  await axe(page, 'Mijn taken (docent, phone)');
  await page.click('text=Pesten melden');
  await page.waitForURL(/\/melden$/);
  await axe(page, 'Melden (phone)');
  // Without waiting for the live search: the plain form search works too.
  await page.fill('#zoek', '2B');
  await page.click('button[name=actie][value=zoek]');
  await page.waitForSelector('#zoek-resultaten .result-list');
  await shot(page, 'melden-zoeken');
  await page.locator('#zoek-resultaten button[value$=":gepeste"]').first().click();
  await page.waitForSelector('.people li');
  await page.fill('#zoek', '2B');
  await page.click('button[name=actie][value=zoek]');
  await page.locator('#zoek-resultaten button[value$=":pester"]').nth(1).click();
  await page.waitForFunction(() => document.querySelectorAll('.people li').length === 2);
  await page.fill('#location', 'aula');
  await page.fill('#description', 'Wordt al weken uitgescholden in de pauze.');
  await page.check('#vorm-woorden_beelden');
  // Forgetting the judgement: the form comes back with the error at the field, what was typed kept.
  await page.click('button[value=verstuur]');
  await page.waitForSelector('#fouten');
  assert.match(await page.locator('#fouten').innerText(), /systematisch/);
  assert.equal(await page.inputValue('#description'), 'Wordt al weken uitgescholden in de pauze.');
  assert.equal(await page.locator('.people li').count(), 2);
  assert.equal(await page.locator('#systematisch-ja').getAttribute('aria-describedby'), 'systematisch-ja-hint');
  await axe(page, 'Melden with an error (phone)');
  await shot(page, 'melden-fout');
  await page.check('#systematisch-ja');
  await page.click('button[value=verstuur]');
  await page.waitForURL(/\/melden\/\d+$/);
  assert.match(await page.locator('main').innerText(), /nieuwe casus/);
  await axe(page, 'Melding opgeslagen (phone)');
  await shot(page, 'melden-klaar');
  caseId = Number((await page.locator('a[href^="/casus/"]').first().getAttribute('href')).split('/').pop());
  assert.ok(caseId > 0);
  // The reporter sees the reduced view.
  await page.goto(`${srv.base}/casus/${caseId}`);
  assert.match(await page.locator('main').innerText(), /als melder/);
  assert.equal(await page.locator('#h-stappen').count(), 0);
  await axe(page, 'Casus, reduced view (phone)');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the mentor sees it on Mijn taken and holds the talks and the parent contacts', async () => {
  const { ctx, page, errors } = await session('mentor', DESKTOP);
  assert.match(await page.locator('#h-taken + ul').innerText(), /Gesprek met de gepeste leerling/);
  await axe(page, 'Mijn taken (mentor, desktop)');
  await shot(page, 'mentor-taken');
  await page.click(`a[href="/casus/${caseId}#stap-mentor.gesprek_gepeste"]`);
  await page.waitForURL(new RegExp(`/casus/${caseId}`));
  await axe(page, 'Casus (mentor, desktop)');
  await shot(page, 'casus-stappen');
  // The talk with the target, with the guide's questions beside the answers.
  await page.click('#gesprek-gepeste > summary');
  await page.fill('#gesprek-gepeste-a_door_wie', 'Door Jade en een vriendin.');
  await page.fill('#gesprek-gepeste-a_wat_wil_je', 'Dat het stopt.');
  await axe(page, 'Casus, talk form open (desktop)');
  await shot(page, 'casus-gesprek');
  await page.click('#gesprek-gepeste-form button[type=submit]');
  await page.waitForURL(/klaar=1/);
  assert.match(await page.locator('#stap-mentor\\.gesprek_gepeste').innerText(), /Afgerond/);
  await page.click('#gesprek-pester > summary');
  await page.click('#gesprek-pester-form button[type=submit]');
  await page.waitForURL(/klaar=1/);
  await page.click('#gesprek-samen > summary');
  await page.fill('#gesprek-samen-afspraak_1', 'Jade laat Jurre met rust in de pauzes.');
  await page.click('#gesprek-samen-form button[type=submit]');
  await page.waitForURL(/klaar=1/);
  assert.match(await page.locator('#h-afspraken').locator('..').innerText(), /Jade laat Jurre met rust/);
  // Parents of both.
  for (const [i, channel] of [[0, 'telefoon'], [1, 'mail']]) {
    await page.selectOption('#ouders-student', { index: i });
    await page.selectOption('#ouders-channel', channel);
    await page.fill('#ouders-summary', i ? 'Mail gestuurd' : 'Moeder gebeld');
    await page.click('#ouders-form button[type=submit]');
    await page.waitForURL(/klaar=1/);
  }
  assert.match(await page.locator('#stap-mentor\\.ouders_informeren').innerText(), /Afgerond/);
  // Skipping without a reason: the error sits at the reason field.
  await page.click('#stap-mentor\\.klasgesprek details:has(#stap-mentor\\.klasgesprek-note) > summary');
  await page.click('#stap-mentor\\.klasgesprek-form button[type=submit]');
  await page.waitForSelector('#fouten');
  assert.equal(await page.locator('#stap-mentor\\.klasgesprek-note').getAttribute('aria-invalid'), 'true');
  await axe(page, 'Casus with an error (desktop)');
  await page.fill('#stap-mentor\\.klasgesprek-note', 'Speelt buiten de klas.');
  await page.click('#stap-mentor\\.klasgesprek-form button[type=submit]');
  await page.waitForURL(/klaar=1/);
  await shot(page, 'casus-afspraken');
  // The same page on a phone.
  await page.setViewportSize(PHONE);
  await axe(page, 'Casus (mentor, phone)');
  await shot(page, 'casus-telefoon');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a new signal about the same pair escalates it; the CLZ takes over', async () => {
  const d = await session('docent', PHONE);
  await d.page.goto(`${srv.base}/melden?zoek=2B`); // the search as a plain GET
  await d.page.locator('#zoek-resultaten button[value$=":gepeste"]').first().click();
  await d.page.waitForSelector('.people li');
  await d.page.fill('#zoek', '2B');
  await d.page.click('button[name=actie][value=zoek]');
  await d.page.locator('#zoek-resultaten button[value$=":pester"]').nth(1).click();
  await d.page.waitForFunction(() => document.querySelectorAll('.people li').length === 2);
  await d.page.fill('#description', 'Weer uitgescholden, ondanks de afspraak.');
  await d.page.check('#systematisch-ja');
  await d.page.click('button[value=verstuur]');
  await d.page.waitForURL(/\/melden\/\d+$/);
  assert.match(await d.page.locator('main').innerText(), /herhaling/);
  assert.deepEqual(d.errors, []);
  await d.ctx.close();

  const { ctx, page, errors } = await session('clz', DESKTOP);
  assert.match(await page.locator('main').innerText(), /Een casus is bij jou gekomen|De CLZ neemt de casus over/);
  await axe(page, 'Mijn taken (clz, desktop)');
  await shot(page, 'clz-taken');
  await page.goto(`${srv.base}/casus/${caseId}`);
  await page.click('#stap-clz\\.overname-klaar button[type=submit]');
  await page.waitForURL(/klaar=1/);
  assert.match(await page.locator('#stap-clz\\.overname').innerText(), /Afgerond/);
  assert.match(await page.locator('#stap-clz\\.gesprek_pester').innerText(), /Open/);
  await axe(page, 'Casus at the CLZ (desktop)');
  await shot(page, 'clz-casus');
  // The student page: the 'let op' notice names the owner.
  await page.click('a[href^="/leerling/"]');
  assert.match(await page.locator('.notice-box').innerText(), /Let op: neem contact op met/);
  await axe(page, 'Leerling (desktop)');
  await shot(page, 'leerling');
  await page.goto(`${srv.base}/protocol`);
  assert.match(await page.title(), /Anti-pestprotocol/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('every page visited was checked by axe-core', () => {
  assert.ok(checked.length >= 12, checked.join('\n'));
});
