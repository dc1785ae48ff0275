// A consultant's intake end to end: a caregiver with a care recipient, the
// step-by-step intake with the EDIZ-plus filled in so the caregiver is
// overloaded, the live score and band, completing the intake, and finding
// the caregiver on the start screen's "Aandacht" list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { By, until } from 'selenium-webdriver';
import { tempStore, useApp } from './app.mjs';

const db = tempStore();
const ctx = useApp(db);

/** Today as dd-mm-jjjj (the app's own clock decides "today" too). */
function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
}

async function click(id) {
  const el = await ctx.app.session.wait(until.elementLocated(By.id(id)), 15000);
  await el.click();
}

async function step(n) {
  await ctx.app.see(`Stap ${n} van 5`);
}

test('a caregiver with a care recipient', async () => {
  await ctx.app.heading('Aandacht');
  await ctx.app.see('Niets dat aandacht vraagt.');
  await ctx.app.press('Nieuwe mantelzorger');
  await ctx.app.fill('Voornaam', 'Joke');
  await ctx.app.fill('Achternaam', 'Smit');
  await ctx.app.fill('Geboortedatum', '02-02-1960');
  await ctx.app.fill('Postcode', '3311ab');
  await ctx.app.fill('Huisnummer', '7');
  await ctx.app.press('Opslaan');
  await ctx.app.heading('Joke Smit');
  await ctx.app.heading('Intakes');
  await ctx.app.see('Nog geen intakes.');
  await ctx.app.fill('Voornaam', 'Henk');
  await ctx.app.fill('Achternaam', 'Smit');
  await ctx.app.fill('Geboortedatum', '03-03-1955');
  await ctx.app.fill('Relatie', 'partner');
  await ctx.app.press('Naaste opslaan');
  await ctx.app.session.wait(until.elementLocated(By.xpath("//h3[normalize-space(.)='Henk Smit']")), 15000);
});

test('the intake, step by step, with the live score', async () => {
  await ctx.app.press('Nieuwe intake');
  await ctx.app.heading('Intake voor Joke Smit');
  await step(1);
  await ctx.app.fill('Naam consulent', 'Sanne Jansen');
  await ctx.app.fill('Organisatie consulent', 'MEE Waardenland');
  await ctx.app.fill('Zorguren per week', '30');
  await ctx.app.fill('Zorgt sinds', '01-01-2020');
  await click('recipientSituation-dementie');
  await ctx.app.press('Volgende');

  await step(2);
  await ctx.app.see('Concept opgeslagen');
  // Eleven times "ja", four times "nee": 11 of 15, overloaded from 9.
  for (let i = 0; i < 15; i++) {
    await click(`q${i}-${i < 11 ? 1 : 0}`);
    if (i === 13) assert.equal((await ctx.app.session.findElements(By.id('burden-score'))).length, 0, 'no score before the last item');
  }
  const score = await ctx.app.textOf('#burden-score');
  assert.match(score, /Score 11 van 15/);
  assert.match(score, /zwaar/);
  assert.match(score, /overbelast/);
  await ctx.app.press('Volgende');

  await step(3);
  await click('respiteForms-dagopvang');
  await ctx.app.fill('Uren respijt per week', '8');
  await click('urgency-binnenkort');
  await ctx.app.press('Volgende');

  await step(4);
  await ctx.app.fill('Taal', 'Nederlands');
  await ctx.app.press('Volgende');

  await step(5);
  await ctx.app.press('Intake afronden');
  // Not complete yet: the consent fields are refused next to themselves.
  const message = await ctx.app.textOf('#consentDate-error');
  assert.match(message, /toestemming/i);
  assert.equal(await (await ctx.app.field('Datum toestemming')).getAttribute('aria-invalid'), 'true');

  await click('consentGiven');
  await ctx.app.fill('Datum toestemming', today());
  await click('consentProviders');
  await ctx.app.fill('Toestemming vastgelegd door', 'Sanne Jansen');
  await ctx.app.press('Intake afronden');
  await ctx.app.heading('Joke Smit');
  await ctx.app.see('Belasting door de tijd');
  await ctx.app.session.wait(
    async () => (await ctx.app.rows()).some((r) => r.includes('afgerond') && r.includes('11, zwaar')),
    15000,
    'the completed intake with its score is not in the dossier',
  );
});

test('the caregiver is on the attention list on the start screen', async () => {
  await ctx.app.press('Terug naar lijst');
  await ctx.app.heading('Aandacht');
  const item = await ctx.app.session.wait(
    until.elementLocated(By.xpath("//section[.//h2[normalize-space(.)='Aandacht']]//li[.//button[normalize-space(.)='Joke Smit']]")),
    15000,
    'Joke Smit is not on the attention list',
  );
  const text = await item.getText();
  assert.match(text, /Overbelast: score 11 \(zwaar\)/);
  assert.match(text, /binnenkort/);
  writeFileSync('/tmp/respijt-attention.png', await ctx.app.session.takeScreenshot(), 'base64');
  await item.findElement(By.xpath(".//button[normalize-space(.)='Joke Smit']")).click();
  await ctx.app.heading('Joke Smit');
});
