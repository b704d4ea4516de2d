// Letters to parents (issue 7) on the demo school: a template filled from
// the case, the recipients as the school's records say, sending by letter
// (printable) or mail (the outbox), each recorded as a parent contact; and
// every refusal with nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cli, tmpDir, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
const today = new Date().toISOString().slice(0, 10);

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

let students; // class 2B: the demo mentor's class
let lotte, mark; // imported into 2B: Lotte's parents as the records can have them; Mark is 18
let caseId;
const recipients = new Map(); // student id -> recipients answer
const step = (c, key) => c.steps.find((s) => s.key === key);

before(async () => {
  const db = `${tmpDir()}/demo.db`;
  must(cli(['demo', '--db', db, '--students', '600', '--years', '2', '--seed', '3']));
  // Two students of our own in 2B, with parents as the records can have them:
  // custody and an address, a contact restriction, no custody; and a student of 18.
  const dir = tmpDir();
  const adult = `${new Date().getFullYear() - 19}-01-15`;
  writeFileSync(join(dir, 'leerlingen.csv'), `leerlingnummer,roepnaam,tussenvoegsel,achternaam,geboortedatum,klas
990001,Quirina,de,Zwaneveld,2013-04-02,2B
990002,Mark,,Zwaneveld,${adult},2B
`);
  writeFileSync(join(dir, 'ouders.csv'), `ouder_id;naam;email;telefoon;leerlingnummer;relatie;gezag;contactbeperking
O990001;Ria de Zwaneveld;ria@example.nl;;990001;moeder;ja;
O990002;Kees de Zwaneveld;kees@example.nl;;990001;vader;ja;"Geen contact met deze ouder; zie dossier"
O990003;Piet Zwaneveld;;;990001;vader;nee;
O990004;Els Zwaneveld;els@example.nl;;990002;moeder;ja;
`);
  const now = new Date();
  const y = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1; // school years start in August
  must(cli(['import', 'students', join(dir, 'leerlingen.csv'), '--school', 'lekpoort', '--schoolyear', `${y}-${y + 1}`, '--db', db]));
  must(cli(['import', 'parents', join(dir, 'ouders.csv'), '--school', 'lekpoort', '--db', db]));
  srv = await startServer({ db });
  for (const who of ['docent', 'mentor', 'clz', 'beheerder']) tok[who] = must(cli(['token', 'create', who, '--db', srv.db]));
  students = (await api('mentor', 'GET', '/students?class=2B&limit=500')).data.items;
  lotte = students.find((s) => s.name === 'Quirina de Zwaneveld');
  mark = students.find((s) => s.name === 'Mark Zwaneveld');
  assert.ok(lotte && mark, 'the imported students are in 2B');
  students = students.filter((s) => s !== lotte && s !== mark);
  assert.ok(students.length >= 6);
  // A case about 2B: a target, a bully, and the rest of the class as bystanders, so
  // the class's parents (one with a contact restriction among them) can be asked about.
  const [t, b] = students;
  let r = await api('docent', 'POST', '/signals', {
    occurred_on: today, location: 'aula', description: 'Wordt al weken uitgescholden', systematisch: 'ja',
    vormen: ['woorden_beelden'], cyber: null, naar_clz: false,
    betrokkenen: [{ student: t.id, rol: 'gepeste' }, { student: b.id, rol: 'pester' },
      { student: lotte.id, rol: 'publiek' }, { student: mark.id, rol: 'verdediger' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  caseId = r.data.case.id;
  for (const [kind, ids, agreements] of [['gepeste', [t.id]], ['pester', [b.id]],
    ['samen', [t.id, b.id], [{ text: `De pester laat de ander met rust in de pauzes` }]]]) {
    r = await api('mentor', 'POST', `/cases/${caseId}/conversations`, { kind, students: ids, agreements });
    assert.equal(r.status, 201, JSON.stringify(r.data));
  }
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

async function recipientsOf(student) {
  if (!recipients.has(student.id)) {
    const r = await api('mentor', 'GET', `/cases/${caseId}/letters/recipients?student=${student.id}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    recipients.set(student.id, r.data);
  }
  return recipients.get(student.id);
}
const allowedParent = async (s) => (await recipientsOf(s)).items.find((p) => p.allowed && p.custody);

test('the recipients: parents with custody, restriction and e-mail, and whether a letter may go', async () => {
  const r = await recipientsOf(students[0]);
  assert.equal(r.student, students[0].id);
  assert.equal(r.consent_needed, false); // a second-year student is far from 18
  assert.ok(r.items.length >= 1);
  for (const p of r.items) {
    assert.equal(typeof p.custody, 'boolean');
    assert.equal(typeof p.allowed, 'boolean');
    if (!p.allowed) assert.ok(p.reason);
  }
  assert.ok(await allowedParent(students[0]));
  // Not a student of the case: refused with the field.
  const other = (await api('mentor', 'GET', '/students?limit=500')).data.items.find((s) => !students.some((x) => x.id === s.id));
  const bad = await api('mentor', 'GET', `/cases/${caseId}/letters/recipients?student=${other.id}`);
  assert.equal(bad.status, 400);
  assert.ok(bad.data.error.fields.student);
});

test('preview fills the names, the school and the agreements; the sanction template needs a sanction', async () => {
  const t = students[0];
  const p = await allowedParent(t);
  let r = await api('mentor', 'POST', `/cases/${caseId}/letters/preview`, { template: 'afspraken', student: t.id, parent: p.parent });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.match(r.data.text, new RegExp(`^Beste ${p.name},`));
  assert.ok(r.data.text.includes(t.name), r.data.text);
  assert.match(r.data.text, /laat de ander met rust in de pauzes/);
  assert.doesNotMatch(r.data.text, /\{(ouder|leerling|school|datum|afspraken|sanctie|afzender)\}/);
  assert.ok(r.data.subject.includes(t.name));
  r = await api('mentor', 'POST', `/cases/${caseId}/letters/preview`, { template: 'informeren', student: t.id, parent: p.parent });
  assert.equal(r.status, 200);
  const me = (await api('mentor', 'GET', '/me')).data;
  assert.ok(r.data.text.includes(me.name), 'the sender signs');
  r = await api('mentor', 'POST', `/cases/${caseId}/letters/preview`, { template: 'sanctie', student: t.id, parent: p.parent });
  assert.equal(r.status, 409);
  // After a sanction for the bully, the sanction letter names its rung.
  const b = students[1];
  const pb = await allowedParent(b);
  r = await api('mentor', 'POST', `/cases/${caseId}/sanctions`, { student: b.id, kind: 'gesprek', reason: 'Na overleg met de CLZ' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  r = await api('mentor', 'POST', `/cases/${caseId}/letters/preview`, { template: 'sanctie', student: b.id, parent: pb.parent });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.match(r.data.text, /de volgende maatregel is opgelegd: [^{]+\./);
});

test('a letter on paper is a parent contact and prints; a mail goes to the outbox; the parents step moves', async () => {
  const [t, b] = students;
  const p = await allowedParent(t);
  const pv = (await api('mentor', 'POST', `/cases/${caseId}/letters/preview`, { template: 'afspraken', student: t.id, parent: p.parent })).data;
  const text = `${pv.text}\n\nPS: nagelezen <en> aangepast.`;
  let r = await api('mentor', 'POST', `/cases/${caseId}/letters`, { student: t.id, parent: p.parent, subject: pv.subject, text, channel: 'brief' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.channel, 'brief');
  let c = (await api('mentor', 'GET', `/cases/${caseId}`)).data;
  const pc = c.parent_contacts.filter((x) => x.student === t.id);
  assert.equal(pc.length, 1);
  assert.equal(pc[0].channel, 'brief');
  assert.equal(step(c, 'mentor.ouders_informeren').status, 'open'); // the bully's parents are still to hear
  // The letter prints: the school, the date, the text as sent (escaped), a signature line.
  const page = await api('mentor', 'GET', r.data.print_url.replace('/api/v1', ''));
  assert.equal(page.status, 200);
  assert.match(page.type, /text\/html/);
  assert.match(page.text, /brief\.css/);
  assert.ok(page.text.includes(p.name));
  assert.ok(page.text.includes('nagelezen &lt;en&gt; aangepast'));
  assert.match(page.text, /class="handtekening"/);
  const css = await fetch(`${srv.base}/static/brief.css`);
  assert.equal(css.status, 200);
  assert.match(await css.text(), /@media print/);
  // The bully's parent by mail (when the records have an address), else on paper too.
  const pb = await allowedParent(b);
  const channel = pb.email ? 'mail' : 'brief';
  r = await api('mentor', 'POST', `/cases/${caseId}/letters`, { student: b.id, parent: pb.parent, subject: 'Afspraken', text: 'Beste ouder, ...', channel });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  if (channel === 'mail') {
    assert.ok(r.data.outbox_id);
    const out = must(cli(['outbox', 'list', '--db', srv.db]));
    assert.ok(out.split('\n').some((l) => l.startsWith(`${r.data.outbox_id}\t`) && l.includes(pb.email) && l.includes('Afspraken')), out);
  }
  c = (await api('mentor', 'GET', `/cases/${caseId}`)).data;
  assert.equal(step(c, 'mentor.ouders_informeren').status, 'done');
  const list = (await api('mentor', 'GET', `/cases/${caseId}/letters`)).data;
  assert.equal(list.total, 2);
  assert.equal(list.items[0].text, undefined); // the list names letters; the text is in the letter itself
});

test('the records decide: a contact restriction refuses with its text, no custody refuses, 18+ needs consent', async () => {
  const r = await recipientsOf(lotte);
  const by = (name) => r.items.find((p) => p.name === name);
  assert.equal(r.items.length, 3, JSON.stringify(r));
  assert.equal(by('Ria de Zwaneveld').allowed, true);
  assert.equal(by('Ria de Zwaneveld').email, 'ria@example.nl');
  const kees = by('Kees de Zwaneveld');
  assert.equal(kees.allowed, false);
  assert.equal(kees.custody, true);
  assert.equal(kees.reason, 'Geen contact met deze ouder; zie dossier');
  const piet = by('Piet Zwaneveld');
  assert.equal(piet.allowed, false);
  assert.equal(piet.custody, false);
  assert.match(piet.reason, /geen gezag/);
  const count = async () => [(await api('mentor', 'GET', `/cases/${caseId}/letters`)).data.total,
    (await api('mentor', 'GET', `/cases/${caseId}`)).data.parent_contacts.length];
  const before = await count();
  const send = (student, parent, extra = {}) => api('mentor', 'POST', `/cases/${caseId}/letters`, {
    student, parent, subject: 'Over uw kind', text: 'Beste ouder', channel: 'brief', ...extra,
  });
  let s = await send(lotte.id, kees.parent);
  assert.equal(s.status, 409, JSON.stringify(s.data));
  assert.ok(s.data.error.fields.parent);
  assert.ok(s.data.error.message.includes('Geen contact met deze ouder; zie dossier'));
  s = await send(lotte.id, piet.parent);
  assert.equal(s.status, 409);
  // Mark is 18: his parents hear only with his consent.
  const m = await recipientsOf(mark);
  assert.equal(m.consent_needed, true);
  assert.ok(m.age >= 18);
  const els = m.items[0];
  s = await send(mark.id, els.parent);
  assert.equal(s.status, 409);
  assert.ok(s.data.error.fields.consent);
  assert.deepEqual(await count(), before);
  s = await send(mark.id, els.parent, { consent: true });
  assert.equal(s.status, 201, JSON.stringify(s.data));
});

test('a vakdocent may not write letters (403); the beheerder does not see the case (404)', async () => {
  const t = students[0];
  const p = await allowedParent(t);
  assert.equal((await api('docent', 'GET', `/cases/${caseId}/letters/recipients?student=${t.id}`)).status, 403);
  assert.equal((await api('docent', 'POST', `/cases/${caseId}/letters/preview`, { template: 'informeren', student: t.id, parent: p.parent })).status, 403);
  assert.equal((await api('docent', 'POST', `/cases/${caseId}/letters`, { student: t.id, parent: p.parent, subject: 'x', text: 'x', channel: 'brief' })).status, 403);
  assert.equal((await api('docent', 'GET', `/cases/${caseId}/letters/1`)).status, 403);
  assert.equal((await api('beheerder', 'GET', `/cases/${caseId}/letters`)).status, 404);
});

test('bad input: 400 with the field, and nothing written', async () => {
  const t = students[0];
  const p = await allowedParent(t);
  const ok = { student: t.id, parent: p.parent, subject: 'Onderwerp', text: 'Tekst', channel: 'brief' };
  const contacts = async () => (await api('mentor', 'GET', `/cases/${caseId}`)).data.parent_contacts.length;
  const [nc, nl] = [await contacts(), (await api('mentor', 'GET', `/cases/${caseId}/letters`)).data.total];
  const cases = [
    [{ ...ok, channel: 'fax' }, 'channel'],
    [{ ...ok, subject: '' }, 'subject'],
    [{ ...ok, text: undefined }, 'text'],
    [{ ...ok, student: 'x' }, 'student'],
    [{ ...ok, parent: 999999 }, 'parent'],
    [{ ...ok, student: students[1].id }, 'parent'], // a parent of someone else
    [{ ...ok, consent: 'ja' }, 'consent'],
  ];
  for (const [body, field] of cases) {
    const r = await api('mentor', 'POST', `/cases/${caseId}/letters`, body);
    assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.data)}`);
    assert.ok(r.data.error.fields[field], `${field}: ${JSON.stringify(r.data.error)}`);
  }
  let r = await api('mentor', 'POST', `/cases/${caseId}/letters/preview`, { template: 'dreigbrief', student: t.id, parent: p.parent });
  assert.equal(r.status, 400);
  assert.ok(r.data.error.fields.template);
  r = await api('mentor', 'POST', `/cases/${caseId}/letters/preview`, { template: 'informeren', student: t.id });
  assert.equal(r.status, 400);
  assert.ok(r.data.error.fields.parent);
  const raw = await fetch(`${srv.base}/api/v1/cases/${caseId}/letters`, { method: 'POST', headers: { Authorization: `Bearer ${tok.mentor}` }, body: '{"a":' });
  assert.equal(raw.status, 400);
  assert.equal((await api('mentor', 'GET', `/cases/${caseId}/letters/999999`)).status, 404);
  assert.equal(await contacts(), nc);
  assert.equal((await api('mentor', 'GET', `/cases/${caseId}/letters`)).data.total, nl);
});
