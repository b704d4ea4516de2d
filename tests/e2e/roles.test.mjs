// The second pass of the pages in a real browser, with axe-core on every new
// page at phone and desktop sizes: a mentor opens a case from suspicions in one
// step, the CLZ applies a talk and proposes a one-day suspension, `mt` decides
// it, the Klas page, and the beheerder's page (an account, an import's dry run
// then applied). Screenshots for the guide go to docs/guide/img/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir } from '../api/helpers.mjs';
import { PHONE, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';
const DESKTOP = { width: 1280, height: 800 };

let srv, browser, caseId;
const checked = [];

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  const r = cli(['demo', '--db', db, '--students', '300', '--years', '1', '--seed', '5']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db });
  const beh = cli(['token', 'create', 'beheerder', '--db', db]).stdout.trim();
  const years = await (await fetch(`${srv.base}/api/v1/admin/schoolyears`, { headers: { Authorization: `Bearer ${beh}` } })).json();
  holidays = years.items.flatMap((y) => y.holidays);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

const session = (login, viewport) => openSession(browser, srv.base, login, viewport);

const axe = (page, what) => axeCheck(page, what, checked);

// axe at both sizes, the screenshot at the size given last.
async function axeBoth(page, what, name) {
  for (const [vp, label] of [[PHONE, 'phone'], [DESKTOP, 'desktop']]) {
    await page.setViewportSize(vp);
    await axe(page, `${what} (${label})`);
    if (name) await shot(page, `${name}-${label === 'phone' ? 'telefoon' : 'desktop'}`);
  }
}

// The next school day after today (the server's clock is the machine's):
// a weekday outside the demo school's holidays, read from the beheerder's API,
// so the test also passes when it runs just before a holiday.
let holidays = [];
function nextSchoolDay() {
  const d = new Date();
  const inHoliday = (iso) => holidays.some((h) => iso >= h.start_on && iso <= h.end_on);
  do d.setDate(d.getDate() + 1);
  while (d.getDay() === 0 || d.getDay() === 6 || inHoliday(d.toISOString().slice(0, 10)));
  return d.toISOString().slice(0, 10);
}

async function suspicion(page, text) {
  await page.goto(`${srv.base}/melden?zoek=2B`);
  await page.locator('#zoek-resultaten button[value$=":gepeste"]').first().click();
  await page.waitForSelector('.people li');
  await page.fill('#zoek', '2B');
  await page.click('button[name=actie][value=zoek]');
  await page.locator('#zoek-resultaten button[value$=":pester"]').nth(1).click();
  await page.waitForFunction(() => document.querySelectorAll('.people li').length === 2);
  await page.fill('#description', text);
  await page.check('#systematisch-nee');
  await page.click('button[value=verstuur]');
  await page.waitForURL(/\/melden\/\d+$/);
}

test('the mentor opens a case from two suspicions in one step', async () => {
  const d = await session('docent', PHONE);
  await suspicion(d.page, 'Opmerkingen over kleding in de gang.');
  await suspicion(d.page, 'Weer iets over kleding, nu in de kantine.');
  assert.deepEqual(d.errors, []);
  await d.ctx.close();

  const { ctx, page, errors } = await session('mentor', PHONE);
  assert.equal(await page.locator('#verdenkingen input[name=verdenking]').count(), 2);
  // Nothing ticked: the error sits at the list.
  await page.click('#verdenkingen button[type=submit]');
  await page.waitForSelector('#fouten');
  assert.match(await page.locator('#fouten').innerText(), /ten minste één/);
  await axeBoth(page, 'Mijn taken with suspicions, error', null);
  await page.setViewportSize(PHONE);
  await page.locator('#verdenkingen input[name=verdenking]').nth(0).check();
  await page.locator('#verdenkingen input[name=verdenking]').nth(1).check();
  await shot(page, 'mentor-verdenkingen');
  await page.click('#verdenkingen button[type=submit]');
  await page.waitForURL(/\/casus\/\d+\?klaar=1/);
  caseId = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(caseId > 0);
  assert.match(await page.locator('#h-betrokkenen').locator('..').innerText(), /2B/);
  await page.goto(`${srv.base}/`);
  assert.equal(await page.locator('#verdenkingen').count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the CLZ applies a talk and proposes a one-day suspension', async () => {
  const { ctx, page, errors } = await session('clz', DESKTOP);
  await page.goto(`${srv.base}/casus/${caseId}`);
  const pester = await page.locator('#sanctie-student option').nth(1).getAttribute('value');
  // The first rung: a talk with agreements, applied at once.
  await page.click('#sanctie > summary');
  await page.selectOption('#sanctie-student', pester);
  await page.selectOption('#sanctie-kind', 'gesprek');
  await page.fill('#sanctie-reason', 'Afspraken gemaakt over opmerkingen.');
  await page.click('#sanctie-form button[type=submit]');
  await page.waitForURL(/klaar=1/);
  assert.match(await page.locator('#sancties').innerText(), /Toegepast/);
  // The suspension without a reason: the error at its field, the choices kept.
  const day = nextSchoolDay();
  await page.click('#sanctie > summary');
  await page.selectOption('#sanctie-student', pester);
  await page.selectOption('#sanctie-kind', 'schorsing_kort');
  await page.fill('#sanctie-start_on', day);
  await page.fill('#sanctie-end_on', day);
  await page.click('#sanctie-form button[type=submit]');
  await page.waitForSelector('#fouten');
  assert.equal(await page.locator('#sanctie-reason').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.inputValue('#sanctie-kind'), 'schorsing_kort');
  assert.equal(await page.inputValue('#sanctie-start_on'), day);
  await axeBoth(page, 'Casus, sanction form with an error', 'casus-sanctie-fout');
  await page.fill('#sanctie-reason', 'Opnieuw opmerkingen, ondanks de afspraken.');
  await page.click('#sanctie-form button[type=submit]');
  await page.waitForURL(/klaar=1/);
  assert.match(await page.locator('#sancties').innerText(), /Voorgesteld/);
  await page.locator('#sancties').scrollIntoViewIfNeeded();
  await shot(page, 'clz-sanctie');
  // Referral and the colleague to consult are offered too.
  assert.equal(await page.locator('#doorverwijzen-form').count(), 1);
  assert.ok(await page.locator('#opschalen-user option').count() >= 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('mt sees the proposal on Mijn taken and approves it', async () => {
  const { ctx, page, errors } = await session('mt', PHONE);
  assert.match(await page.locator('#h-besluiten').locator('..').innerText(), /Schorsing van een dag/);
  await axeBoth(page, 'Mijn taken (mt)', 'mt-taken');
  await page.click('#h-besluiten ~ ul a');
  await page.waitForURL(new RegExp(`/casus/${caseId}`));
  const form = page.locator('form[id^="besluit-"]');
  const id = (await form.getAttribute('id')).replace(/-form$/, '');
  await page.click(`#${id} > summary`);
  await page.fill(`#${id}-reason`, 'Past bij de ladder; ouders zijn gebeld.');
  await page.click(`#${id}-form button[type=submit]`);
  await page.waitForSelector('#fouten');
  assert.equal(await page.inputValue(`#${id}-reason`), 'Past bij de ladder; ouders zijn gebeld.');
  await axeBoth(page, 'Casus, decision form with an error', null);
  await page.check(`#${id}-decision-ja`);
  await page.fill(`#${id}-notice_sent_on`, new Date().toISOString().slice(0, 10));
  await page.click(`#${id}-form button[type=submit]`);
  await page.waitForLoadState();
  if (!/klaar=1/.test(page.url())) assert.fail(await page.locator('main').innerText());
  const text = await page.locator('#sancties').innerText();
  assert.match(text, /Schorsing van een dag[\s\S]*Toegepast/);
  assert.match(text, /Besluit door/);
  await page.locator('#sancties').scrollIntoViewIfNeeded();
  await shot(page, 'mt-besluit');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('Klas: the mentor sees the class; a vakdocent gets 404', async () => {
  const { ctx, page, errors } = await session('mentor', DESKTOP);
  await page.click('#h-klassen ~ ul a');
  await page.waitForURL(/\/klas\/2B$/);
  const main = await page.locator('main').innerText();
  assert.match(main, /Leerlingen/);
  assert.match(main, /Let op: neem contact op met/);
  assert.match(main, new RegExp(`Casus ${caseId}`));
  await axeBoth(page, 'Klas (mentor)', 'klas');
  assert.deepEqual(errors, []);
  await ctx.close();
  const d = await session('docent', PHONE);
  const res = await d.page.goto(`${srv.base}/klas/2B`);
  assert.equal(res.status(), 404);
  await d.ctx.close();
});

test('the beheerder adds an account, runs an import dry run and applies it', async () => {
  const { ctx, page, errors } = await session('beheerder', DESKTOP);
  await page.click('a[href="/beheer"]');
  await page.waitForURL(/\/beheer$/);
  await axeBoth(page, 'Beheer', 'beheer');
  await page.setViewportSize(DESKTOP);
  // An account without functies: the error at the field, what was typed kept.
  await page.click('#account > summary');
  await page.fill('#account-login', 'j.devries');
  await page.fill('#account-name', 'Jan de Vries');
  await page.click('#account-form button[type=submit]');
  await page.waitForSelector('#fouten');
  assert.equal(await page.inputValue('#account-login'), 'j.devries');
  assert.match(await page.locator('#account-functies').innerText(), /Kies ten minste één functie/);
  await axeBoth(page, 'Beheer with an error', null);
  await page.setViewportSize(DESKTOP);
  await page.check('#account-functies-mentor');
  await page.click('#account-form button[type=submit]');
  await page.waitForURL(/klaar=1/);
  assert.match(await page.locator('#account-j\\.devries').innerText(), /Jan de Vries\tMentor\t/);
  // The new colleague becomes mentor of a new class, by import: the dry run first.
  await page.selectOption('#import-kind', 'klassen');
  await page.setInputFiles('#import-file', {
    name: 'klassen.csv', mimeType: 'text/csv',
    buffer: Buffer.from('klas;leerjaar;afdeling;mentor1;mentor2\n1Z;1;;j.devries;\n'),
  });
  await page.click('#import-form button[type=submit]');
  await page.waitForLoadState();
  if (!(await page.locator('#proefrun').count())) assert.fail(await page.locator('main').innerText());
  assert.match(await page.locator('#proefrun').innerText(), /1 nieuw[\s\S]*niets opgeslagen[\s\S]*1Z/);
  await axeBoth(page, 'Beheer, import dry run', 'beheer-proefrun');
  await page.setViewportSize(DESKTOP);
  await page.click('#toepassen-form button[type=submit]');
  await page.waitForSelector('main .notice-box');
  assert.match(await page.locator('main .notice-box').first().innerText(), /Geïmporteerd: 1 nieuw/);
  assert.match(await page.locator('#klassen').innerText(), /1Z[\s\S]*Jan de Vries/);
  // An API token: shown once.
  await page.click('#token > summary');
  await page.fill('#token-login', 'beheerder');
  await page.fill('#token-name', 'Roosterkoppeling');
  await page.click('#token-form button[type=submit]');
  await page.waitForSelector('#nieuw-token code');
  assert.ok((await page.locator('#nieuw-token code').innerText()).length > 20);
  await page.goto(`${srv.base}/beheer`);
  assert.equal(await page.locator('#nieuw-token').count(), 0);
  assert.match(await page.locator('#tokens').innerText(), /Roosterkoppeling/);
  assert.deepEqual(errors, []);
  await ctx.close();
  // Others may not.
  const m = await session('mentor', PHONE);
  const res = await m.page.goto(`${srv.base}/beheer`);
  assert.equal(res.status(), 403);
  await m.ctx.close();
});

test('the beheerder changes an account\'s functies and a school year\'s holidays', async () => {
  const { ctx, page, errors } = await session('beheerder', DESKTOP);
  await page.goto(`${srv.base}/beheer`);
  // j.devries (made above) becomes CLZ as well.
  await page.click('#account-j\\.devries a[href*="account="]');
  await page.waitForSelector('#account-edit');
  assert.equal(await page.isChecked('#account-edit-functies-mentor'), true);
  await page.check('#account-edit-functies-clz');
  await page.fill('#account-edit-name', 'Jan de Vries-Bakker');
  await axeBoth(page, 'Beheer, account edit', 'beheer-account-wijzigen');
  await page.click('#account-edit-form button[type=submit]');
  await page.waitForURL(/klaar=1/);
  assert.match(await page.locator('#account-j\\.devries').innerText(), /Jan de Vries-Bakker\t(Coördinator leerlingzaken \(CLZ\), Mentor|Mentor, Coördinator leerlingzaken \(CLZ\))\t/);
  // The beheerder cannot take away their own functie beheerder.
  await page.click('#account-beheerder a[href*="account="]');
  await page.uncheck('#account-edit-functies-beheerder');
  await page.click('#account-edit-form button[type=submit]');
  assert.match(await page.locator('#account-edit-functies').innerText(), /eigen functie beheerder/);

  // A study day added to this school year's holidays; a bad row is refused, nothing written.
  await page.goto(`${srv.base}/beheer`);
  await page.locator('#schooljaren a[href*="vakanties="]').first().click();
  await page.waitForSelector('#vakanties');
  const rows = await page.locator('#vakanties fieldset').count();
  const n = (await page.locator('#vakanties input[id$="_name"]').evaluateAll((v) => v.filter((i) => i.value).length));
  const free = n + 1;
  await page.fill(`#vakanties-h${free}_name`, 'Studiedag');
  await page.fill(`#vakanties-h${free}_start`, '2030-01-01');
  await page.fill(`#vakanties-h${free}_end`, '2030-01-01');
  await page.click('#vakanties-form button[type=submit]');
  await page.waitForSelector('#fouten');
  assert.equal(await page.inputValue(`#vakanties-h${free}_name`), 'Studiedag');
  await axeCheck(page, 'Beheer, holidays with an error', checked);
  const day = nextSchoolDay();
  await page.fill(`#vakanties-h${free}_start`, day);
  await page.fill(`#vakanties-h${free}_end`, day);
  await page.click('#vakanties-form button[type=submit]');
  await page.waitForURL(/klaar=1/);
  assert.match(await page.locator('#schooljaren').innerText(), new RegExp(`Studiedag \\(${day}`));
  assert.ok(rows >= n + 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});
