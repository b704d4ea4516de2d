// What every browser test needs: Debian's chromium through playwright-core,
// a logged-in session per role, axe-core on the page as it stands, and
// screenshots for the user guide at stable names.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = new URL('../../', import.meta.url).pathname;
export const IMG = join(ROOT, 'docs/guide/img');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
export const PHONE = { width: 390, height: 844 };

// playwright-core gives every launch a fresh, temporary user-data-dir.
export async function launchBrowser() {
  mkdirSync(IMG, { recursive: true });
  return chromium.launch({
    executablePath: process.env.PW_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

// A fresh context logged in as login (password demo) at viewport.
export async function openSession(browser, base, login, viewport) {
  const ctx = await browser.newContext({ viewport, locale: 'nl-NL' });
  const page = await ctx.newPage();
  const errors = [];
  // Script errors only: a form sent back with errors answers 400, which the
  // console reports as a failed load, and there is no favicon.
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/login`);
  await page.fill('#login', login);
  await page.fill('#password', 'demo');
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/`);
  return { ctx, page, errors };
}

// axe-core on the page as it stands: WCAG 2.0/2.1 A and AA rules, no violations.
// Evaluated through the DevTools protocol, which the page's CSP (no inline
// script) does not govern; addScriptTag would be an inline script.
export async function axeCheck(page, what, checked) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  checked.push(what);
  assert.deepEqual(res, [], `${what}: axe-core found violations`);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(IMG, `${name}.png`), fullPage: false });
}
