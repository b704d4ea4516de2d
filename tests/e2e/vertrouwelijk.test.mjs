// The vertrouwenspersoon on the case page: after a referral they write a
// confidential entry (an empty one comes back with its message), which the
// mentor cannot see until the student agrees and the vertrouwenspersoon
// records that consent; mt reads the case's audit log in a page, which shows
// every read of the case but not that a confidential entry exists. axe-core at phone and desktop sizes; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir, must, callApi } from '../api/helpers.mjs';
import { PHONE, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';
const DESKTOP = { width: 1280, height: 800 };
const VP_PASSWORD = 'paarse olifanten dansen';

let srv, browser, db, caseId, vp;
const checked = [];

before(async () => {
  db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '300', '--years', '1', '--seed', '13']));
  // The demo's vertrouwenspersoon, with a password to log in with.
  vp = must(cli(['user', 'list', '--db', db])).split('\n').find((l) => /vertrouwenspersoon/.test(l)).split(/\s+/)[0];
  must(cli(['user', 'password', vp, '--stdin', '--db', db], { input: `${VP_PASSWORD}\n` }));
  srv = await startServer({ db });
  const tok = { docent: must(cli(['token', 'create', 'docent', '--db', db])), mentor: must(cli(['token', 'create', 'mentor', '--db', db])) };
  const students = (await callApi(srv.base, tok.mentor, 'GET', '/students?class=2B')).data.items;
  const r = await callApi(srv.base, tok.docent, 'POST', '/signals', {
    occurred_on: new Date().toISOString().slice(0, 10), systematisch: 'ja', vormen: ['uitsluiting'],
    description: 'Buitengesloten bij groepswerk',
    betrokkenen: [{ student: students[0].id, rol: 'gepeste' }, { student: students[1].id, rol: 'pester' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  caseId = r.data.case.id;
  const ref = await callApi(srv.base, tok.mentor, 'POST', `/cases/${caseId}/referrals`, { student: students[0].id, to: 'vertrouwenspersoon' });
  assert.equal(ref.status, 201, JSON.stringify(ref.data));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

test('the vertrouwenspersoon writes an entry and shares it with the mentor when the student agrees', async () => {
  // The demo logins share the password demo; this one was given its own.
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'nl-NL' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${srv.base}/login`);
  await page.fill('#login', vp);
  await page.fill('#password', VP_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${srv.base}/`);
  await page.goto(`${srv.base}/casus/${caseId}`);
  await page.click('#vertrouwelijk summary:has-text("Aantekening toevoegen")');
  await page.click('form[action$="/vertrouwelijk"] button');
  assert.equal(await page.locator('#vt-text-error').count(), 1);
  await axeCheck(page, 'confidential entry with an error', checked);
  await page.selectOption('#vt-student', { index: 1 });
  await page.fill('#vt-text', 'Vertelt dat het thuis ook moeilijk is; wil niet dat de klas het weet.');
  await page.click('form[action$="/vertrouwelijk"] button');
  assert.match(page.url(), /klaar=vertrouwelijk/);
  assert.match(await page.locator('#vertrouwelijk .entry').textContent(), /thuis ook moeilijk/);
  for (const [vp2, label] of [[PHONE, 'telefoon'], [DESKTOP, 'desktop']]) {
    await page.setViewportSize(vp2);
    await axeCheck(page, `confidential (${label})`, checked);
    await page.locator('#vertrouwelijk').screenshot({ path: new URL(`../../docs/guide/img/vertrouwelijk-${label}.png`, import.meta.url).pathname });
  }

  // The mentor does not see it yet.
  const m = await openSession(browser, srv.base, 'mentor', PHONE);
  await m.page.goto(`${srv.base}/casus/${caseId}`);
  assert.doesNotMatch(await m.page.content(), /thuis ook moeilijk/);

  // Consent without anyone ticked is refused; then shared with the mentor.
  await page.click('#vertrouwelijk summary:has-text("Delen met toestemming")');
  await page.click('form[action*="/vertrouwelijk/"] button');
  assert.match(await page.locator('#vertrouwelijk .error-summary').textContent(), /ten minste één collega/);
  await page.click('#vertrouwelijk summary:has-text("Delen met toestemming")');
  await page.locator('form[action*="/vertrouwelijk/"] input[type=checkbox]').first().check();
  await page.click('form[action*="/vertrouwelijk/"] button');
  assert.match(page.url(), /klaar=vertrouwelijk/);
  await m.page.goto(`${srv.base}/casus/${caseId}`);
  assert.match(await m.page.locator('#vertrouwelijk').textContent(), /thuis ook moeilijk/);
  assert.equal(await m.page.locator('form[action$="/vertrouwelijk"]').count(), 0, 'only the vertrouwenspersoon writes');
  await axeCheck(m.page, 'a shared confidential entry', checked);
  await m.ctx.close();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('mt reads the case\'s audit log; others are refused', async () => {
  const { ctx, page, errors } = await openSession(browser, srv.base, 'mt', DESKTOP);
  await page.goto(`${srv.base}/casus/${caseId}`);
  await page.click(`a[href="/casus/${caseId}/inzage"]`);
  const rows = await page.locator('tbody tr').allTextContents();
  assert.ok(rows.some((t) => t.includes(vp) && /read/.test(t)), 'the vertrouwenspersoon\'s reads are on record');
  // Confidential entries keep their own audit rows: the case's log does not betray that one exists.
  assert.ok(!rows.some((t) => /confidential|consent/.test(t)));
  await axeCheck(page, 'audit log', checked);
  await shot(page, 'inzage-desktop');
  const m = await openSession(browser, srv.base, 'mentor', PHONE);
  assert.equal((await m.page.goto(`${srv.base}/casus/${caseId}/inzage`)).status(), 403);
  await m.ctx.close();
  assert.deepEqual(errors, []);
  await ctx.close();
});
