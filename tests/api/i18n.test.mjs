// The pages in Dutch or English (issue 6): the language switch in the header,
// kept with the account (surviving logout and login) or, without a login, in
// the pw_lang cookie, else the browser's Accept-Language; Dutch by default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { startServer, cli, json, tmpDir, must } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';

const dir = tmpDir();
const db = join(dir, 'demo.db');
let srv;

before(async () => {
  const r = cli(['demo', '--db', db, '--years', '1', '--cases']);
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer({ db });
});

after(async () => {
  const code = await srv.stop({ keep: true });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(code, 0, srv.log());
});

// A browser: a cookie jar that follows no redirects by itself.
class Browser {
  constructor(headers = {}) {
    this.cookies = new Map();
    this.headers = headers;
  }
  async fetch(path, { method = 'GET', form = null, headers = {} } = {}) {
    const h = { ...this.headers, ...headers };
    if (this.cookies.size) h.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) h['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${srv.base}${path}`, {
      method, redirect: 'manual', headers: h, body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const k = kv.slice(0, i), v = kv.slice(i + 1);
      if (v === '' || /Max-Age=0/.test(c)) this.cookies.delete(k); else this.cookies.set(k, v);
    }
    return res;
  }
  async page(path, opts) {
    const res = await this.fetch(path, opts);
    return { res, html: await res.text() };
  }
  async login(login) {
    const { html } = await this.page('/login');
    const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
    const res = await this.fetch('/login', { method: 'POST', form: { csrf, login, password: 'demo' } });
    assert.equal(res.status, 303);
  }
  // The CSRF token of the logged-in user, from any page's header.
  async csrf() {
    const { html } = await this.page('/');
    return html.match(/name="csrf" value="([^"]+)"/)[1];
  }
}

const lang = (html) => html.match(/<html lang="([a-z]+)">/)[1];

test('Dutch by default; Accept-Language asks for English on the login page', async () => {
  const nl = await new Browser().page('/login');
  assert.equal(lang(nl.html), 'nl');
  assert.match(nl.html, /<h1>Inloggen<\/h1>/);
  assert.match(nl.html, /<button class="link" lang="en">English<\/button>/);

  const en = await new Browser({ 'Accept-Language': 'en-GB,en;q=0.9,nl;q=0.5' }).page('/login');
  assert.equal(lang(en.html), 'en');
  assert.match(en.html, /<h1>Log in<\/h1>/);
  assert.match(en.html, /<label for="password">Password<\/label>/);
  assert.match(en.html, /lang="nl">Nederlands<\/button>/);

  const prefersNl = await new Browser({ 'Accept-Language': 'de, nl;q=0.9, en;q=0.8' }).page('/login');
  assert.equal(lang(prefersNl.html), 'nl');
});

test('anonymous pages honour the pw_lang cookie over Accept-Language', async () => {
  const b = new Browser({ 'Accept-Language': 'nl' });
  const res = await b.fetch('/taal', { method: 'POST', form: { lang: 'en', terug: '/melden-leerling' } });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/melden-leerling');
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pw_lang='));
  assert.match(cookie, /^pw_lang=en; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);

  const report = await b.page('/melden-leerling');
  assert.equal(lang(report.html), 'en');
  assert.match(report.html, /<h1>Report bullying<\/h1>/);
  assert.match(report.html, /What happened\?/);
  assert.match(report.html, /Call 112/);
  const mine = await b.page('/mijn-melding');
  assert.match(mine.html, /<h1>My report<\/h1>/);
  const survey = await b.page('/enquete');
  assert.equal(lang(survey.html), 'en');
  assert.match(survey.html, /Your code/);

  // A report sent in English still arrives, and the receipt page is English.
  const csrf = (await b.page('/melden-leerling')).html.match(/name="csrf" value="([^"]+)"/)[1];
  const sent = await b.page('/melden-leerling', { method: 'POST', form: { csrf, text: 'They push me in the corridor.' } });
  assert.equal(sent.res.status, 201, sent.html);
  assert.match(sent.html, /Your report has been sent/);

  // Back to Dutch with the same switch.
  await b.fetch('/taal', { method: 'POST', form: { lang: 'nl', terug: '/mijn-melding' } });
  const nl = await b.page('/mijn-melding');
  assert.equal(lang(nl.html), 'nl');
  assert.match(nl.html, /<h1>Mijn melding<\/h1>/);
});

test('the switch goes back to this site only, and refuses what it does not know', async () => {
  const b = new Browser();
  for (const terug of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'melden', '/a b', '/x\r\nSet-Cookie: a=b', '']) {
    const res = await b.fetch('/taal', { method: 'POST', form: { lang: 'en', terug } });
    assert.equal(res.status, 303, terug);
    assert.equal(res.headers.get('location'), '/', `terug=${JSON.stringify(terug)}`);
  }
  const ok = await b.fetch('/taal', { method: 'POST', form: { lang: 'en', terug: '/mijn-melding' } });
  assert.equal(ok.headers.get('location'), '/mijn-melding');
  const bad = await b.fetch('/taal', { method: 'POST', form: { lang: 'de', terug: '/' } });
  assert.equal(bad.status, 400);
  // A form posted from another site is refused (there is no session to carry a token).
  const cross = await b.fetch('/taal', {
    method: 'POST', form: { lang: 'nl', terug: '/' }, headers: { Origin: 'https://evil.example' },
  });
  assert.equal(cross.status, 400);
  assert.equal(b.cookies.get('pw_lang'), 'en');
  const same = await b.fetch('/taal', { method: 'POST', form: { lang: 'nl', terug: '/' }, headers: { Origin: srv.base } });
  assert.equal(same.status, 303);
  assert.equal(b.cookies.get('pw_lang'), 'nl');
});

test('a user switches to English: pages in English, kept with the account across logout and login', async () => {
  const b = new Browser();
  await b.login('mentor');
  let home = await b.page('/');
  assert.equal(lang(home.html), 'nl');
  assert.match(home.html, /<h1>Mijn taken<\/h1>/);

  // Without the CSRF token the switch is refused and nothing changes.
  const forged = await b.fetch('/taal', { method: 'POST', form: { lang: 'en', terug: '/' } });
  assert.equal(forged.status, 403);
  assert.equal(lang((await b.page('/')).html), 'nl');

  const csrf = await b.csrf();
  const res = await b.fetch('/taal', { method: 'POST', form: { csrf, lang: 'en', terug: '/' } });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  home = await b.page('/');
  assert.equal(lang(home.html), 'en');
  assert.match(home.html, /<title>My tasks · Pestwijzer<\/title>/);
  assert.match(home.html, />Log out<\/button>/);
  assert.match(home.html, />Skip to content<\/a>/);
  assert.match(home.html, /lang="nl">Nederlands<\/button>/);
  assert.doesNotMatch(home.html, /Uitloggen|Stappen voor jou|Mijn taken/);

  // A case page of theirs, in English, with English dates.
  const id = home.html.match(/href="\/casus\/(\d+)/)?.[1];
  assert.ok(id, 'the mentor has a case on Mijn taken');
  const casus = await b.page(`/casus/${id}`);
  assert.equal(casus.res.status, 200);
  assert.equal(lang(casus.html), 'en');
  assert.match(casus.html, new RegExp(`Case ${id}`));
  assert.match(casus.html, /Timeline/);
  assert.match(casus.html, /(January|February|March|April|May|June|July|August|September|October|November|December)/);
  assert.doesNotMatch(casus.html, /Tijdlijn|Stappen van het protocol/);

  // The API tells the language too.
  const token = must(cli(['token', 'create', 'mentor', '--db', db]));
  const me = await json(await fetch(`${srv.base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } }));
  assert.equal(me.lang, 'en');

  // Logging out leaves the login page in English; a fresh browser logging in gets English too.
  const out = await b.fetch('/logout', { method: 'POST', form: { csrf: await b.csrf() } });
  assert.equal(out.status, 303);
  assert.equal(lang((await b.page('/login')).html), 'en');
  const other = new Browser({ 'Accept-Language': 'nl' });
  assert.equal(lang((await other.page('/login')).html), 'nl');
  await other.login('mentor');
  const again = await other.page('/');
  assert.equal(lang(again.html), 'en');
  assert.match(again.html, /<h1>My tasks<\/h1>/);

  // Another user is not affected: Dutch stays the default.
  const clz = new Browser({ 'Accept-Language': 'en' });
  await clz.login('clz');
  assert.equal(lang((await clz.page('/')).html), 'nl');

  // And back to Dutch, from a case page: the switch returns there.
  const back = await other.fetch('/taal', { method: 'POST', form: { csrf: await other.csrf(), lang: 'nl', terug: `/casus/${id}` } });
  assert.equal(back.headers.get('location'), `/casus/${id}`);
  const nl = await other.page(`/casus/${id}`);
  assert.equal(lang(nl.html), 'nl');
  assert.match(nl.html, /Tijdlijn/);
});

// An English user of their own (the switch is kept with the account).
async function englishUser(login) {
  const b = new Browser();
  await b.login(login);
  const res = await b.fetch('/taal', { method: 'POST', form: { csrf: await b.csrf(), lang: 'en', terug: '/' } });
  assert.equal(res.status, 303);
  return b;
}

test('a case timeline reads in English for an English user, in Dutch for a Dutch one', async () => {
  const nl = new Browser();
  await nl.login('clz');
  const token = must(cli(['token', 'create', 'clz', '--db', db]));
  const list = await json(await fetch(`${srv.base}/api/v1/cases`, { headers: { Authorization: `Bearer ${token}` } }));
  const ids = list.items.map((c) => c.id);
  assert.ok(ids.length > 2, 'the demo has cases');
  const timeline = (html) => html.match(/<ol class="timeline">([\s\S]*?)<\/ol>/)[1];
  let nlAll = '', enAll = '';
  for (const id of ids) nlAll += timeline((await nl.page(`/casus/${id}`)).html);
  // The language is kept with the account: switch, read, and switch back.
  const en = await englishUser('clz');
  for (const id of ids) enAll += timeline((await en.page(`/casus/${id}`)).html);
  await en.fetch('/taal', { method: 'POST', form: { csrf: await en.csrf(), lang: 'nl', terug: '/' } });
  assert.match(nlAll, /Casus geopend: /);
  assert.match(enAll, /Case opened: /);
  // The sentences the timeline makes are all English (what staff wrote stays as written).
  for (const nlWords of [/Casus geopend/, /Melding toegevoegd/, /Betrokkene toegevoegd/, /: afgerond/, /Afspraak: /,
    /Contact met ouders/, /Doorverwezen naar/, /Casus gesloten/, /Sanctie .* voor /, /Eigenaar toegewezen/]) {
    assert.doesNotMatch(enAll, nlWords);
  }
  assert.match(enAll, /: done[. ]/);
  assert.match(enAll, /Contact with parents \(phone\): /);
});

// The PDF's text, through poppler.
function pdfText(file) {
  const txt = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.equal(txt.status, 0, txt.stderr);
  return txt.stdout;
}

const dutchEvaluation = /Jaarevaluatie|Kerncijfer|Meldingen per|Casussen per|pagina \d|Gemaakt op|Over kleine aantallen|Staafdiagram|gekozen jaar/;

test('the yearly evaluation: page, PDF and workbook in English for an English user, and from the CLI with --lang en', async () => {
  const b = await englishUser('apc');
  const page = await b.page('/evaluatie');
  assert.equal(page.res.status, 200, page.html);
  assert.equal(lang(page.html), 'en');
  const year = page.html.match(/<h1>Yearly evaluation (\d{4}-\d{4})<\/h1>/)[1];
  assert.match(page.html, /<h2 id="h-kern">Key figures<\/h2>/);
  assert.match(page.html, /<th scope="row">Reports of systematic bullying<\/th>/);
  assert.match(page.html, /Reports by form of bullying/);
  assert.match(page.html, /nobody is nobody/);
  assert.match(page.html, /Bar chart, /);
  assert.doesNotMatch(page.html, dutchEvaluation);

  const res = await b.fetch(`/evaluatie/export?schoolyear=${year}&format=pdf`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = join(dir, 'en.pdf');
  writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
  const t = pdfText(pdf);
  assert.match(t, /Yearly evaluation of the anti-bullying protocol/);
  assert.match(t, new RegExp(`School year ${year}`));
  assert.match(t, /Made on \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
  assert.match(t, /page 1 of \d+/);
  assert.match(t, /About small numbers/);
  assert.match(t, /^\s*Key figure\s/m);
  assert.match(t, /Reports by form of bullying/);
  assert.doesNotMatch(t, dutchEvaluation);

  const xres = await b.fetch(`/evaluatie/export?schoolyear=${year}&format=xlsx`);
  assert.equal(xres.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await xres.arrayBuffer()));
  const overview = wb.getWorksheet('Overview');
  assert.ok(overview, 'the first sheet is the Overview');
  assert.equal(overview.getCell('A1').value, 'Yearly evaluation of the anti-bullying protocol');
  assert.equal(overview.getCell('A4').value, 'School year');
  assert.equal(overview.getCell('A8').value, 'Key figures');

  // Back to Dutch: the same export is Dutch again.
  await b.fetch('/taal', { method: 'POST', form: { csrf: await b.csrf(), lang: 'nl', terug: '/' } });
  const nlRes = await b.fetch(`/evaluatie/export?schoolyear=${year}&format=pdf`);
  const nlPdf = join(dir, 'nl.pdf');
  writeFileSync(nlPdf, Buffer.from(await nlRes.arrayBuffer()));
  const nt = pdfText(nlPdf);
  assert.match(nt, /Jaarevaluatie pestprotocol/);
  assert.match(nt, /Meldingen per vorm van pesten/);

  // The command line: Dutch by default, English when asked; another language is refused.
  const cliPdf = join(dir, 'cli-en.pdf');
  must(cli(['report', '--db', db, '--schoolyear', year, '--format', 'pdf', '--lang', 'en', '--output', cliPdf]));
  const ct = pdfText(cliPdf);
  assert.match(ct, /Yearly evaluation of the anti-bullying protocol/);
  assert.doesNotMatch(ct, dutchEvaluation);
  const cliNl = join(dir, 'cli-nl.pdf');
  must(cli(['report', '--db', db, '--schoolyear', year, '--format', 'pdf', '--output', cliNl]));
  assert.match(pdfText(cliNl), /Jaarevaluatie pestprotocol/);
  const bad = cli(['report', '--db', db, '--schoolyear', year, '--lang', 'de']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /nl of en/);
});

test('roles and functies are shown by their title, never their key; in English by title_en', async () => {
  const nl = new Browser();
  await nl.login('beheerder');
  const beheer = (await nl.page('/beheer')).html;
  assert.match(beheer, /<td>Mentor, Vakdocent<\/td>/);
  assert.doesNotMatch(beheer, /<td>(mentor, )?vakdocent<\/td>|<td>mentor, /);
  const en = await englishUser('beheerder');
  const beheerEn = (await en.page('/beheer')).html;
  assert.match(beheerEn, /<td>Class mentor, Subject teacher<\/td>/);
  await en.fetch('/taal', { method: 'POST', form: { csrf: await en.csrf(), lang: 'nl', terug: '/' } });

  // A student's cases name the student's role in each: Dutch title, English title_en.
  const m = new Browser();
  await m.login('mentor');
  const home = (await m.page('/')).html;
  const id = home.match(/href="\/casus\/(\d+)/)[1];
  const casus = (await m.page(`/casus/${id}`)).html;
  const student = casus.match(/href="\/leerling\/(\d+)"/)[1];
  const leerling = (await m.page(`/leerling/${student}`)).html;
  assert.match(leerling, /class="meta">(De gepeste leerling|De pester|De meeloper[^·]*|Het publiek|De verdediger[^·]*) · /);
  assert.doesNotMatch(leerling, /class="meta">(gepeste|pester) · /);
  const me = await englishUser('mentor');
  const leerlingEn = (await me.page(`/leerling/${student}`)).html;
  assert.match(leerlingEn, /class="meta">(Target|Bully|[A-Z][a-z]+( [a-z]+)*) · /);
  assert.doesNotMatch(leerlingEn, /class="meta">(De |gepeste|pester)/);

  // The channel of a contact with parents, and the printed letter's line for staff.
  const ids = [...new Set([...home.matchAll(/href="\/casus\/(\d+)/g)].map((x) => x[1]))];
  let parents = '';
  for (const c of ids) parents += (await me.page(`/casus/${c}`)).html.match(/<section class="card" id="ouders"[\s\S]*?<\/section>/)?.[0] ?? '';
  assert.match(parents, / · (phone|email|meeting|letter): /);
  assert.doesNotMatch(parents, / · (telefoon|mail|gesprek|brief): /);
  await me.fetch('/taal', { method: 'POST', form: { csrf: await me.csrf(), lang: 'nl', terug: '/' } });
});

test('the protocol document stays the school\'s Dutch text; an English reader is told so', async () => {
  const nl = new Browser();
  await nl.login('docent');
  const doc = (await nl.page('/protocol')).html;
  assert.equal(lang(doc), 'nl');
  assert.doesNotMatch(doc, /lang="en"/);
  const en = await englishUser('docent');
  const docEn = (await en.page('/protocol')).html;
  assert.equal(lang(docEn), 'nl');
  assert.match(docEn, /<body>\n<p class="note" lang="en">This is the school&#39;s anti-bullying protocol as the school adopted it, in Dutch\. <a href="\/">Back to Pestwijzer<\/a><\/p>\n<header>/);
  await en.fetch('/taal', { method: 'POST', form: { csrf: await en.csrf(), lang: 'nl', terug: '/' } });
});
