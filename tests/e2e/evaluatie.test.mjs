// The evaluation page in a real browser (issue 8): the apc of the demo school
// with its cases reads the key figures and the charts at phone and desktop
// sizes with axe-core on both, nothing wider than the phone, every chart an
// image with a name and a description; the page's downloads come with the
// session cookie; a docent is refused and has no link on the home page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tmpDir } from '../api/helpers.mjs';
import { PHONE, launchBrowser, openSession, axeCheck, shot } from './browser.mjs';

process.env.PW_ARGON2 = 'min';
const DESKTOP = { width: 1280, height: 800 };
const SHOTS = process.env.PW_SHOTS; // a directory for full-page screenshots, to look at

let srv, browser;
const checked = [];

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  const r = cli(['demo', '--cases', '--db', db, '--students', '300', '--years', '2', '--seed', '5']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  assert.equal(await srv.stop(), 0, srv.log());
});

test('the apc reads the evaluation at 390 px and on a desktop, and downloads it', async () => {
  const { ctx: context, page } = await openSession(browser, srv.base, 'apc', PHONE);
  try {
    await page.goto(`${srv.base}/`);
    await page.getByRole('link', { name: /Jaarevaluatie/ }).click();
    await page.waitForURL(/\/evaluatie$/);
    const h1 = await page.locator('h1').innerText();
    assert.match(h1, /^Jaarevaluatie \d{4}-\d{4}$/);
    const year = h1.split(' ')[1];
    const charts = page.locator('svg.chart[role=img]');
    assert.ok(await charts.count() >= 5);
    for (const svg of await charts.all()) {
      assert.ok((await svg.locator('title').textContent()).length > 3);
      assert.match(await svg.locator('desc').textContent(), /^Staafdiagram, /);
    }
    const signals = page.locator('table.figures').first().locator('tbody tr').first();
    assert.match(await signals.innerText(), /^Meldingen\s+(\d+|<5)/);
    for (const [vp, label] of [[PHONE, 'phone'], [DESKTOP, 'desktop']]) {
      await page.setViewportSize(vp);
      await axeCheck(page, `evaluatie (${label})`, checked);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= vp.width, `${label}: the page is ${wide} px wide`);
      await shot(page, `evaluatie-${label === 'phone' ? 'telefoon' : 'desktop'}`);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/evaluatie-${label}.png`, fullPage: true });
    }
    // Another year through the form, without script.
    await page.selectOption('#schoolyear', { index: 1 });
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/schoolyear=/);
    assert.notEqual(await page.locator('h1').innerText(), h1);
    // The downloads, with the session cookie.
    for (const [fmt, type] of [['pdf', 'application/pdf'], ['xlsx', 'spreadsheetml'], ['csv', 'text/csv']]) {
      const res = await page.request.get(`${srv.base}/evaluatie/export?schoolyear=${year}&format=${fmt}`);
      assert.equal(res.status(), 200, fmt);
      assert.ok(res.headers()['content-type'].includes(type), fmt);
      assert.equal(res.headers()['content-disposition'], `attachment; filename="pestwijzer-cijfers-${year}.${fmt}"`);
    }
    const bad = await page.request.get(`${srv.base}/evaluatie/export?schoolyear=${year}&format=doc`);
    assert.equal(bad.status(), 400);
  } finally {
    await context.close();
  }
});

test('a docent has no link and is refused', async () => {
  const { ctx: context, page } = await openSession(browser, srv.base, 'docent', PHONE);
  try {
    await page.goto(`${srv.base}/`);
    assert.equal(await page.getByRole('link', { name: /Jaarevaluatie/ }).count(), 0);
    const res = await page.goto(`${srv.base}/evaluatie`);
    assert.equal(res.status(), 403);
    const exp = await page.request.get(`${srv.base}/evaluatie/export?format=pdf`);
    assert.equal(exp.status(), 403);
  } finally {
    await context.close();
  }
});
