// A colleague's own settings and the beheerder's view of the mail: a mentor
// chooses a daily digest and makes a calendar address (shown once, it serves
// the feed; revoked, it does not); a mail the SMTP server refuses is listed
// for the beheerder, who puts it back in the queue. A real SMTP sink (the npm
// smtp-server). axe-core at phone and desktop sizes; screenshots for the guide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { startServer, cli, tmpDir, must, callApi } from '../api/helpers.mjs';
import { PHONE, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';
const DESKTOP = { width: 1280, height: 800 };

let srv, browser, sink, db;
const checked = [];

before(async () => {
  db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '300', '--years', '1', '--seed', '11']));
  // Every address is accepted but the CLZ's, which is refused for good.
  sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onRcptTo(addr, session, cb) {
      if (addr.address.startsWith('clz@')) {
        const e = new Error('No such user here'); e.responseCode = 550; return cb(e);
      }
      cb();
    },
    onData(stream, session, cb) { stream.resume(); stream.on('end', () => cb()); },
  });
  await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
  srv = await startServer({ db, args: ['--smtp', `smtp://127.0.0.1:${sink.server.address().port}`, '--mail-from', 'pestwijzer@lekpoort.example'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
  await new Promise((resolve) => sink.close(resolve));
});

async function axeBoth(page, what, name) {
  for (const [vp, label] of [[PHONE, 'phone'], [DESKTOP, 'desktop']]) {
    await page.setViewportSize(vp);
    await axeCheck(page, `${what} (${label})`, checked);
    if (name) await shot(page, `${name}-${label === 'phone' ? 'telefoon' : 'desktop'}`);
  }
}

test('a mentor chooses a daily digest and makes, uses and revokes a calendar address', async () => {
  const { ctx, page, errors } = await openSession(browser, srv.base, 'mentor', PHONE);
  // The name in the header leads to one's settings.
  await page.click('header a.who');
  await page.waitForURL(/\/instellingen$/);
  await page.check('#notices-digest');
  await page.click('form[action="/instellingen/mail"] button');
  assert.match(page.url(), /klaar=1/);
  assert.equal(await page.isChecked('#notices-digest'), true);
  await axeBoth(page, 'settings', 'instellingen');

  await page.click('form[action="/instellingen/agenda"] button');
  const url = (await page.locator('#agenda-adres code').textContent()).trim();
  assert.match(url, /\/agenda\/[^/]+\.ics$/);
  assert.doesNotMatch(page.url(), /agenda\//, 'the secret address is never in the page\'s own URL');
  const feed = await fetch(url.replace(/^https?:\/\/[^/]+/, srv.base));
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /text\/calendar/);
  assert.match(await feed.text(), /BEGIN:VCALENDAR/);
  // Shown once: a fresh load of the page does not show it again.
  await page.goto(`${srv.base}/instellingen`);
  assert.equal(await page.locator('#agenda-adres').count(), 0);
  await page.click('form[action="/instellingen/agenda-intrekken"] button');
  assert.match(page.url(), /klaar=ingetrokken/);
  assert.equal((await fetch(url.replace(/^https?:\/\/[^/]+/, srv.base))).status, 404);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a refused mail is listed for the beheerder, who puts it back in the queue', async () => {
  const tok = must(cli(['token', 'create', 'docent', '--db', db])).trim();
  const st = await callApi(srv.base, tok, 'GET', '/students?class=2B');
  const [a, b] = st.data.items;
  const r = await callApi(srv.base, tok, 'POST', '/signals', {
    occurred_on: new Date().toISOString().slice(0, 10), description: 'In de aula uitgescholden.', systematisch: 'ja',
    vormen: ['woorden_beelden'], naar_clz: true,
    betrokkenen: [{ student: a.id, rol: 'gepeste' }, { student: b.id, rol: 'pester' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));

  const { ctx, page, errors } = await openSession(browser, srv.base, 'beheerder', DESKTOP);
  const end = Date.now() + 15000;
  await page.goto(`${srv.base}/beheer`);
  await page.click('a[href="/beheer/mail"]');
  for (;;) {
    await page.goto(`${srv.base}/beheer/mail`);
    if (await page.locator('section[aria-labelledby="h-mislukt"] tbody tr').count()) break;
    if (Date.now() > end) assert.fail('no failed mail listed');
    await new Promise((res) => setTimeout(res, 200));
  }
  const row = page.locator('section[aria-labelledby="h-mislukt"] tbody tr').first();
  assert.match(await row.textContent(), /clz@[\s\S]*550/);
  await axeBoth(page, 'Beheer, e-mail', 'beheer-mail');
  await row.locator('button').click();
  assert.match(page.url(), /klaar=1/);
  assert.match(await page.locator('main .notice-box').textContent(), /weer in de wachtrij/);
  // Others may not.
  const m = await openSession(browser, srv.base, 'mentor', PHONE);
  assert.equal((await m.page.goto(`${srv.base}/beheer/mail`)).status(), 403);
  await m.ctx.close();
  assert.deepEqual(errors, []);
  await ctx.close();
});
