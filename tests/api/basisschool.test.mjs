// The engine is the definition's: a primary school installs its own protocol
// (leerkracht, then ib, then directie) and the same code leads its cases, with
// its own keys and no trace of Lekpoort's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { startServer, cli, must, callApi } from './helpers.mjs';

process.env.PW_ARGON2 = 'min';
let srv;
const tok = {};
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 8 ? 1 : 0);
const syName = `${year}-${year + 1}`;

const api = (who, method, path, body) => callApi(srv.base, tok[who], method, path, body);

before(async () => {
  srv = await startServer();
  const db = srv.db;
  const f = (name, text) => { const p = `${srv.dir}/${name}`; writeFileSync(p, text); return p; };
  must(cli(['school', 'add', 'regenboog', 'Basisschool De Regenboog', '--db', db]));
  must(cli(['protocol', 'install', 'protocols/basisschool.yaml', '--school', 'regenboog', '--db', db]));
  must(cli(['schoolyear', 'add', '--school', 'regenboog', syName, '--start', `${year}-08-24`, '--end', `${year + 1}-07-09`, '--db', db]));
  must(cli(['import', 'staff', f('staff.csv', [
    'personeelsnummer;login;naam;email;functies',
    'R1;anna;Anna Smit;;leerkracht', 'R2;bram;Bram Kok;;leerkracht', 'R3;ineke;Ineke Vos;;ib',
    'R4;dirk;Dirk Mol;;directeur', 'R5;olga;Olga Post;;onderwijsassistent',
  ].join('\n')), '--school', 'regenboog', '--db', db]));
  must(cli(['import', 'classes', f('classes.csv', ['klas;leerjaar;afdeling;mentor1;mentor2', '5a;5;;anna;', '6b;6;;bram;'].join('\n')),
    '--school', 'regenboog', '--schoolyear', syName, '--db', db]));
  must(cli(['import', 'students', f('students.csv', [
    'leerlingnummer;roepnaam;tussenvoegsel;achternaam;geboortedatum;klas',
    '501;Lotte;;Bos;2016-03-01;5a', '502;Milan;;Ruiter;2016-07-12;5a', '503;Fenna;de;Wit;2015-01-20;6b',
  ].join('\n')), '--school', 'regenboog', '--schoolyear', syName, '--db', db]));
  for (const who of ['anna', 'ineke', 'dirk', 'olga']) tok[who] = must(cli(['token', 'create', who, '--db', db]));
});
after(async () => { assert.equal(await srv.stop(), 0, srv.log()); });

const ids = {};
async function student(name) {
  if (!ids[name]) ids[name] = (await api('anna', 'GET', `/students?q=${name}`)).data.items[0].id;
  return ids[name];
}

test('the school\'s own protocol is in force', async () => {
  const p = (await api('anna', 'GET', '/protocol')).data;
  assert.equal(p.id, 'regenboog');
  assert.ok(p.installed_version > 0);
});

test('a signal opens a case at the leerkracht of the target\'s group, with the primary school\'s steps', async () => {
  const r = await api('olga', 'POST', '/signals', {
    occurred_on: today, systematisch: 'ja', vormen: [], description: 'Op het schoolplein uitgelachen',
    betrokkenen: [{ student: await student('Lotte'), rol: 'gepeste' }, { student: await student('Milan'), rol: 'pester' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.case.level, 'leerkracht');
  const anna = (await api('anna', 'GET', '/me')).data;
  assert.equal(r.data.case.owner, anna.id);
  const c = (await api('anna', 'GET', `/cases/${r.data.case.id}`)).data;
  const keys = c.steps.map((s) => s.key);
  assert.ok(keys.includes('leerkracht.gesprek_gepeste'));
  assert.ok(!keys.some((k) => k.startsWith('mentor.') || k.startsWith('clz.')));
  // Its own order and its own words.
  assert.equal(c.steps.find((s) => s.key === 'leerkracht.gesprek_pester').status, 'blocked');
  let s = await api('anna', 'POST', `/cases/${c.id}/conversations`, { kind: 'gepeste', students: [await student('Lotte')] });
  assert.equal(s.status, 201);
  assert.equal(s.data.steps.find((x) => x.key === 'leerkracht.gesprek_gepeste').status, 'done');
  // Lekpoort's kinds and escalations do not exist here.
  s = await api('anna', 'POST', `/cases/${c.id}/conversations`, { kind: 'samen', students: [await student('Lotte'), await student('Milan')] });
  assert.equal(s.status, 400);
  s = await api('anna', 'POST', `/cases/${c.id}/escalations`, { to: 'clz', reason: 'x' });
  assert.equal(s.status, 400);
  // The leerkracht brings in the ib: the ib owns it now.
  s = await api('anna', 'POST', `/cases/${c.id}/escalations`, { to: 'ib', reason: 'Het gaat door buiten de klas' });
  assert.equal(s.status, 201, JSON.stringify(s.data));
  assert.equal(s.data.level, 'ib');
  const ineke = (await api('ineke', 'GET', '/me')).data;
  assert.equal(s.data.owner, ineke.id);
  assert.ok(s.data.steps.some((x) => x.key === 'ib.overleg_leerkracht'));
});

test('across groups the case starts at the ib; the assistant sees only the reduced view', async () => {
  const r = await api('olga', 'POST', '/signals', {
    occurred_on: today, systematisch: 'ja', description: 'Bedreigd bij het hek',
    betrokkenen: [{ student: await student('Fenna'), rol: 'gepeste' }, { student: await student('Milan'), rol: 'pester' }],
  });
  assert.equal(r.data.case.level, 'ib');
  assert.equal((await api('olga', 'GET', `/cases/${r.data.case.id}`)).data.view, 'reduced');
  assert.equal((await api('dirk', 'GET', `/cases/${r.data.case.id}`)).data.view, 'full');
  assert.equal((await api('dirk', 'GET', `/audit?case=${r.data.case.id}`)).status, 200);
});
