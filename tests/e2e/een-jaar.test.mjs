// Een jaar: a coordinator's work from an empty store, in the real app, by the
// labels a person sees (issue 14). Read this file first: it is the whole
// path through the app, step by step.
//
//  1. a caregivers spreadsheet imported (a bad row refused, then fixed) and the
//     municipalities' budgets imported;
//  2. a provider added, with availability and a helper;
//  3. one caregiver registered by hand;
//  4. matched and a weekly series planned with that helper;
//  5. the provider's statement: it names the hand-registered caregiver by dossier
//     number and an imported one by their number, has one unplanned line and one
//     line dated next year (refused, then left out);
//  6. the review queue cleared;
//  7. the cap counter and the budget moved;
//  8. the period exported, its totals equal to what the screens showed.
//
// Sessions are reported delivered only once they have started, so the series
// lies in the weeks before today (in the first weeks of January, that is last
// year and the dashboard's figures for this year stay empty).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By, until } from 'selenium-webdriver';
import { tempStore, useApp } from './app.mjs';

const db = tempStore();
const dir = mkdtempSync(join(tmpdir(), 'respijt-e2e-een-jaar-'));
const ctx = useApp(db);

const pad = (n) => String(n).padStart(2, '0');
const dutch = (d) => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
const plusDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const today = new Date();
const thisMonday = plusDays(today, -((today.getDay() + 6) % 7));
// Three Monday mornings: three, two and one week back.
const MONDAYS = [-21, -14, -7].map((n) => plusDays(thisMonday, n));
const WEDNESDAY = plusDays(MONDAYS[1], 2);
const NEXT_YEAR = new Date(today.getFullYear() + 1, 0, 15);
const YEAR = today.getFullYear();

/** "€ 1.140,00" → 114000. */
function cents(text) {
  const m = /€ (-?[\d.]+),(\d{2})/.exec(text);
  assert.ok(m, `no amount in "${text}"`);
  return Number(m[1].replaceAll('.', '')) * 100 + Number(m[2]);
}

async function openFile(path) {
  await ctx.app.session.executeScript('window.__RESPIJT_OPEN_PATH__ = arguments[0];', path);
}

async function choose(label, optionStart) {
  const select = await ctx.app.field(label);
  const option = await select.findElement(By.xpath(`./option[starts-with(normalize-space(.), '${optionStart}')]`));
  await option.click();
  await ctx.app.session.wait(async () => (await option.isSelected()) === true, 5000, `"${optionStart}" not chosen in ${label}`);
}

async function openDossier(name) {
  await ctx.app.press('Mantelzorgers');
  await ctx.app.fill('Zoeken', name);
  const link = await ctx.app.session.wait(
    until.elementLocated(By.xpath(`//tbody//*[self::a or self::button][contains(., '${name.split(' ').at(-1)}')]`)),
    15000,
  );
  await link.click();
}

const CAREGIVERS = 'extern_id;voornaam;achternaam;geboortedatum;postcode;huisnummer;telefoon;verzekeraar;aanvullend;naaste_voornaam;naaste_achternaam;naaste_geboortedatum;relatie';
const rows = [
  'MEE-1;Jan;Smit;14-06-1955;3312 AB;3;+31 6 12345678;VGZ;ja;Els;Smit;01-01-1950;partner',
  'MEE-2;Kees;Bakker;02-05-1961;3311 SA;4;06-23456789;CZ;nee;Truus;Bakker;02-02-1931;moeder',
  'MEE-3;Fatma;Yilmaz;20-10-1970;3331 AB;7;;VGZ;ja;Ayse;Yilmaz;03-03-1940;moeder',
];
let dossierNumber = '';

test('1. the caregivers spreadsheet: a bad row refused, fixed, imported; then the budgets', async () => {
  const { app } = ctx;
  const file = join(dir, 'mantelzorgers.csv');
  writeFileSync(file, `${CAREGIVERS}\n${rows.join('\n')}\n`);
  await app.press('Importeren');
  await app.heading('Importeren uit een spreadsheet');
  await openFile(file);
  await app.press('Bestand kiezen');
  await app.see('Er wordt niets ingelezen');
  await app.see('Postcodes met de letters SA bestaan niet in Nederland');

  writeFileSync(file, `${CAREGIVERS}\n${rows.map((r) => r.replace('3311 SA', '3311 AC')).join('\n')}\n`);
  await app.press('Opnieuw controleren');
  await app.see('Bij inlezen: 3 nieuw, 0 bijgewerkt');
  await app.press('Inlezen bevestigen');
  await app.see('Opgeslagen.');

  const budgets = join(dir, 'budgetten.csv');
  writeFileSync(budgets, `gemeente;jaar;budget\nDordrecht;${YEAR};10.000,00\n`);
  await app.check('budgetten van de gemeenten');
  await openFile(budgets);
  await app.press('Bestand kiezen');
  await app.see('Bij inlezen: 1 nieuw, 0 bijgewerkt');
  await app.press('Inlezen bevestigen');
  await app.see('Opgeslagen.');
});

test('2. a provider with availability on Monday mornings and a helper', async () => {
  const { app } = ctx;
  await app.press('Aanbieders');
  await app.heading('Aanbieders');
  await app.press('Nieuwe aanbieder');
  await app.heading('Nieuwe aanbieder');
  await app.fill('Naam', 'Respijt Rivierenland');
  await app.fill('Eigen code van de aanbieder', 'RR');
  await choose('Soort aanbieder', 'professionele organisatie');
  await choose('Vorm (dienst 1)', 'respijt thuis');
  await choose('Eenheid (dienst 1)', 'uur');
  await app.fill('Tarief in euro per eenheid (dienst 1)', '40,00');
  await app.fill('Tarief geldig vanaf (dienst 1)', `01-01-${YEAR - 1}`);
  const monday = await app.session.findElement(By.id('provider-availability-ma-ochtend'));
  await app.session.executeScript("arguments[0].scrollIntoView({ block: 'center' })", monday);
  await monday.click();
  await app.check('Dordrecht');
  await app.fill('Postcode vestiging (4 cijfers)', '3311');
  await app.fill('Grootste afstand in km', '25');
  await app.pressInView('Hulp toevoegen');
  await app.fill('Naam (hulp 1)', 'Anna Bakker');
  await app.pressInView('Aanbieder opslaan');
  await app.see('Respijt Rivierenland is opgeslagen.');
});

test('3. one caregiver registered by hand, with a dossier number', async () => {
  const { app } = ctx;
  await app.press('Mantelzorgers');
  await app.registerRiaWithPiet();
  const number = /Dossiernummer (\d+)/.exec(await app.textOf('.dossier-number'));
  assert.ok(number, 'the dossier shows its number');
  dossierNumber = number[1];
});

test('4. matched and a weekly series planned with the helper', async () => {
  const { app } = ctx;
  await app.press('Respijt plannen');
  await app.heading('Respijt plannen voor Ria de Vries');
  await app.fill('Uren per week', '3');
  await app.check('maandag');
  await app.check('ochtend');
  await app.fill('Eerste datum', dutch(MONDAYS[0]));
  await app.pressInView('Zoek aanbieders');
  await app.press('Plan bij Respijt Rivierenland');
  await app.heading('Reeks plannen bij Respijt Rivierenland');
  await app.fill('Aantal keer', '3');
  await choose('Hulp', 'Anna Bakker');
  await app.pressInView('Reeks plannen');
  await app.see('3 inzetten gepland');
  await app.press('Naar het dossier');
  await app.heading('Ria de Vries');
});

test('5. the statement: a line dated next year is refused; without it the lines find their people', async () => {
  const { app } = ctx;
  const header = 'extern_id;mantelzorger_id;dossiernummer;aanbieder_id;dienst;datum;start;eind;status';
  const lines = [
    `RR-1;;${dossierNumber};RR;thuis;${dutch(MONDAYS[0])};09:00;12:00;uitgevoerd`,
    `RR-2;;${dossierNumber};RR;thuis;${dutch(MONDAYS[1])};09:00;11:00;uitgevoerd`,
    `RR-3;MEE-2;;RR;thuis;${dutch(WEDNESDAY)};13:00;16:00;uitgevoerd`,
    `RR-4;;${dossierNumber};RR;thuis;${dutch(NEXT_YEAR)};09:00;12:00;uitgevoerd`,
  ];
  const file = join(dir, 'overzicht.csv');
  writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
  await app.press('Aanbieders');
  await app.heading('Aanbieders');
  await openFile(file);
  await app.pressInView('Overzicht kiezen en controleren');
  await app.see('Er is niets ingelezen.');
  await app.see('Regel 4, kolom datum');

  writeFileSync(file, `${header}\n${lines.slice(0, 3).join('\n')}\n`);
  await app.pressInView('Overzicht kiezen en controleren');
  await app.see('Gecontroleerd, nog niets ingelezen: 3 regels in orde.');
  await app.pressInView('Dit overzicht inlezen');
  await app.see('3 regels ingelezen.');
  await app.see('1 niet gepland: als nieuwe inzet vastgelegd, om na te kijken');
  await app.see('1 met een andere duur dan gepland');
  const found = (await app.rows()).join('\n');
  assert.match(found, /Ria de Vries\s*\d+\s*dossiernummer/, 'Ria found by her dossier number');
  assert.match(found, /Kees Bakker\s*\d+\s*nummer bij aanbieder of gemeente/, 'Kees found by his number');
});

test('6. the review queue: every session waiting is settled, and the queue is empty', async () => {
  const { app } = ctx;
  // The different duration, the unplanned line and last Monday's session without a statement.
  await app.see('3 inzetten wachten op beoordeling');
  for (let left = 3; left > 0; left--) {
    await app.pressInView('Beoordelen');
    await app.check('accepteren als uitgevoerd');
    await app.fill('Reden', 'Nagebeld met de aanbieder');
    await app.pressInView('Beoordeling opslaan');
    await app.see('is beoordeeld');
    if (left > 1) await app.see(left - 1 === 1 ? '1 inzet wacht op beoordeling' : `${left - 1} inzetten wachten op beoordeling`);
  }
  await app.see('Niets na te kijken: elke inzet in het verleden is verantwoord.');
});

test('7. the cap counter and the budget moved', async () => {
  const { app } = ctx;
  // Ria (VGZ, supplementary policy): three days of respite, VGZ pays them.
  await openDossier('Ria de Vries');
  await app.heading('Ria de Vries');
  if (MONDAYS[0].getFullYear() === YEAR) await app.see('VGZ: 3 van 14 dagen gebruikt, 11 over');
  // Kees (CZ, no supplementary policy): three hours at € 40, from Dordrecht's budget.
  await app.press('Financiering');
  await app.heading('Financiering');
  await app.session.wait(async () => (await app.funderCell('GM0505', 'budget')) === '€ 10.000,00', 15000, 'budget not shown');
  await app.session.wait(async () => (await app.funderCell('GM0505', 'delivered')).startsWith('€ 120,00'), 15000, 'Dordrecht did not pay');
  assert.match(await app.funderCell('GM0505', 'left'), /^€ 9\.880,00/);
  // 3 + 2 + 3 hours at € 40 for Ria.
  assert.equal(cents(await app.funderCell('VGZ', 'delivered')), 32000);
});

test('8. the period exported: its totals are what the screens showed', async () => {
  const { app } = ctx;
  await app.press('Export');
  await app.heading('Export voor financiers');
  const quarter = (d) => Math.floor(d.getMonth() / 3) + 1;
  if (quarter(MONDAYS[0]) === quarter(today) && MONDAYS[0].getFullYear() === YEAR) {
    await choose('Soort periode', 'Kwartaal');
    await choose('Jaar', String(YEAR));
    await choose('Kwartaal', `${quarter(today)}e kwartaal`);
  } else {
    await choose('Soort periode', 'Twee datums');
    await app.fill('Van', dutch(MONDAYS[0]));
    await app.fill('Tot en met', dutch(today));
  }
  await choose('Financier', 'Alle (gedetailleerd)');
  await choose('Formaat', 'CSV (Excel)');
  const totals = await app.textOf('[data-testid="export-totals"]');
  // Ria's 8 hours paid by VGZ and Kees's 3 paid by Dordrecht: € 440,00 in all.
  assert.equal(cents(totals), 44000, totals);
  const saved = join(dir, 'export.csv');
  await app.session.executeScript('window.__RESPIJT_SAVE_PATH__ = arguments[0];', saved);
  await app.press('Opslaan…');
  await app.heading('Opgeslagen');
  const text = readFileSync(saved).subarray(3).toString('utf8');
  const [head, ...data] = text.split(/\r?\n/);
  const bedrag = head.split(';').indexOf('bedrag');
  const entries = data.slice(0, data.indexOf(''));
  const sum = entries.reduce((acc, line) => {
    const m = /^(-?)(\d+),(\d{2})$/.exec(line.split(';')[bedrag]);
    return acc + (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
  }, 0);
  assert.equal(sum, 44000, 'the file adds up to what the app showed');
});
