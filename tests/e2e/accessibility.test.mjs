// Issue 16, part 9: every main screen of the real WebKit window scanned with
// axe-core against the WCAG 2.1 A/AA rules, starting from an empty store and
// reaching each screen the way a person does. No violation may be serious or
// critical; each scan prints its counts by impact (see axe.mjs).
import { test, after } from 'node:test';
import { By, until } from 'selenium-webdriver';
import { PASSPHRASE, tempStore, useApp } from './app.mjs';
import { findings, scan, scanned } from './axe.mjs';
import assert from 'node:assert/strict';

const db = tempStore();
const ctx = useApp(db, { locked: true });

const pad = (n) => String(n).padStart(2, '0');
const dutch = (d) => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
const today = new Date();
// Last Monday: its session has started, so the panel offers to report it delivered.
const lastMonday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7) - 7);

/** Waits until no "… worden geladen…" text is left, so a scan sees the loaded screen. */
async function loaded() {
  await ctx.app.session.wait(
    async () => (await ctx.app.session.findElements(By.xpath("//*[contains(., 'geladen…') and not(*)]"))).length === 0,
    15000,
    'the screen kept loading',
  );
}

after(() => {
  console.log(`axe summary: ${scanned.length} screens scanned`);
  for (const { screen, counts } of scanned) {
    console.log(`  ${screen}: ${counts.critical} critical, ${counts.serious} serious, ${counts.moderate} moderate, ${counts.minor} minor`);
  }
});

test('the scan finds what it must in this window: a nameless button, grey text, an image without text', async () => {
  await ctx.app.heading('Opslag beveiligen');
  await ctx.app.session.executeScript(`
    const d = document.createElement('div');
    d.id = 'axe-self-check';
    d.innerHTML = '<button></button><p style="color:#bbb;background:#fff">grijs</p><img src="x.png">';
    document.body.appendChild(d);`);
  const found = await findings(ctx.app);
  await ctx.app.session.executeScript("document.getElementById('axe-self-check').remove()");
  const ids = found.violations.map((v) => `${v.id}:${v.impact}`).sort();
  assert.deepEqual(ids, ['button-name:critical', 'color-contrast:serious', 'image-alt:critical']);
});

test('the new-store screen and the recovery key', async () => {
  await scan(ctx.app, 'Opslag beveiligen');
  // Too short a passphrase: the messages shown are scanned too.
  await ctx.app.fill('Wachtwoordzin', 'kort');
  await ctx.app.press('Opslag aanmaken');
  await ctx.app.session.wait(until.elementLocated(By.css('[role=alert], .error')), 15000);
  await scan(ctx.app, 'Opslag beveiligen, met fout');
  await ctx.app.fill('Wachtwoordzin', PASSPHRASE);
  await ctx.app.fill('Herhaal de wachtwoordzin', PASSPHRASE);
  await ctx.app.press('Opslag aanmaken');
  await ctx.app.heading('Uw herstelsleutel');
  await scan(ctx.app, 'Herstelsleutel');
  await ctx.app.keepRecoveryKey();
});

test('the start screen: attention list and caregivers, empty', async () => {
  await ctx.app.heading('Aandacht');
  await ctx.app.heading('Mantelzorgers');
  await loaded();
  await scan(ctx.app, 'Start (leeg)');
});

test('the caregiver form, with its errors, and the dossier', async () => {
  await ctx.app.press('Nieuwe mantelzorger');
  await ctx.app.heading('Nieuwe mantelzorger');
  await scan(ctx.app, 'Nieuwe mantelzorger');
  await ctx.app.press('Opslaan');
  await ctx.app.session.wait(until.elementLocated(By.css('[aria-invalid=true]')), 15000);
  await scan(ctx.app, 'Nieuwe mantelzorger, met fouten');
  await ctx.app.press('Annuleren');
  await ctx.app.registerRiaWithPiet();
  await loaded();
  await scan(ctx.app, 'Dossier');
  await ctx.app.press('Terug naar lijst');
  await ctx.app.session.wait(async () => (await ctx.app.rows()).some((r) => r.includes('Vries')), 15000);
  await scan(ctx.app, 'Start (met mantelzorger)');
});

test('the intake, every step', async () => {
  const link = await ctx.app.session.wait(
    until.elementLocated(By.xpath("//tbody//*[self::a or self::button][contains(., 'Vries')]")),
    15000,
  );
  await link.click();
  await ctx.app.heading('Ria de Vries');
  await ctx.app.press('Nieuwe intake');
  await ctx.app.heading('Intake voor Ria de Vries');
  for (let step = 1; step <= 5; step++) {
    await ctx.app.see(`Stap ${step} van 5`);
    await scan(ctx.app, `Intake, stap ${step}`);
    if (step < 5) await ctx.app.pressInView('Volgende');
  }
  await ctx.app.press('Terug naar dossier');
  await ctx.app.heading('Ria de Vries');
});

test('matching and planning respite', async () => {
  await ctx.app.press('Respijt plannen');
  await ctx.app.heading('Respijt plannen voor Ria de Vries');
  await scan(ctx.app, 'Respijt plannen');
  await ctx.app.fill('Uren per week', '3');
  await ctx.app.check('maandag');
  await ctx.app.check('ochtend');
  await ctx.app.fill('Eerste datum', dutch(lastMonday));
  await ctx.app.pressInView('Zoek aanbieders');
  await ctx.app.see('werkt in Dordrecht');
  await scan(ctx.app, 'Respijt plannen, aanbieders gevonden');
  await ctx.app.press('Plan bij ZorgMies');
  await ctx.app.heading('Reeks plannen bij ZorgMies');
  await scan(ctx.app, 'Reeks plannen');
  await ctx.app.pressInView('Wat kost dit?');
  await ctx.app.see('Kosten van deze reeks');
  await ctx.app.pressInView('Reeks plannen');
  await ctx.app.see('4 inzetten gepland');
  await scan(ctx.app, 'Reeks gepland');
  await ctx.app.press('Naar het dossier');
  await ctx.app.heading('Ria de Vries');
  await loaded();
  await scan(ctx.app, 'Dossier met inzetten');
});

test('planning with mistakes: a refused need and a clash to override', async () => {
  await ctx.app.press('Respijt plannen');
  await ctx.app.heading('Respijt plannen voor Ria de Vries');
  await ctx.app.fill('Uren per week', 'veel');
  await ctx.app.pressInView('Zoek aanbieders');
  await ctx.app.session.wait(until.elementLocated(By.css('[role=alert]')), 15000);
  await scan(ctx.app, 'Respijt plannen, met fout');
  await ctx.app.fill('Uren per week', '3');
  await ctx.app.check('maandag');
  await ctx.app.check('ochtend');
  await ctx.app.fill('Eerste datum', dutch(lastMonday));
  await ctx.app.pressInView('Zoek aanbieders');
  await ctx.app.press('Plan bij ZorgMies');
  await ctx.app.heading('Reeks plannen bij ZorgMies');
  await ctx.app.pressInView('Reeks plannen');
  await ctx.app.see('al ingepland');
  await scan(ctx.app, 'Reeks plannen, dubbel geboekt');
  await ctx.app.press('Terug naar het dossier');
  await ctx.app.heading('Ria de Vries');
});

test("the caregiver's week and the providers' planning", async () => {
  await ctx.app.press('Weekkalender');
  await ctx.app.heading('Weekkalender van Ria de Vries');
  await ctx.app.press('Vorige week');
  await ctx.app.see('ZorgMies');
  await scan(ctx.app, 'Weekkalender mantelzorger');
  await ctx.app.press('Planning');
  await ctx.app.heading('Planning per aanbieder');
  await ctx.app.press('Vorige week');
  await ctx.app.see('ZorgMies');
  await loaded();
  await scan(ctx.app, 'Planning per aanbieder');
  // One session opened, then its two forms.
  const session = await ctx.app.session.wait(until.elementLocated(By.css('button.session')), 15000);
  await session.click();
  await ctx.app.session.wait(until.elementLocated(By.id('session-detail-title')), 15000);
  await scan(ctx.app, 'Planning, inzet gekozen');
  await ctx.app.pressInView('Inzet wijzigen');
  await ctx.app.see('Wijziging opslaan');
  await scan(ctx.app, 'Planning, inzet wijzigen');
  await ctx.app.pressInView('Annuleren');
  await ctx.app.pressInView('Uitgevoerd melden');
  await ctx.app.see('Uitgevoerd opslaan');
  await scan(ctx.app, 'Planning, uitgevoerd melden');
  await ctx.app.pressInView('Annuleren');
});

test('the providers and a provider form', async () => {
  await ctx.app.press('Aanbieders');
  await ctx.app.heading('Aanbieders');
  await ctx.app.see('ZorgMies');
  await loaded();
  await scan(ctx.app, 'Aanbieders');
  await ctx.app.pressInView('Nieuwe aanbieder');
  await ctx.app.heading('Nieuwe aanbieder');
  await scan(ctx.app, 'Nieuwe aanbieder');
});

test('the funding dashboard and its settings', async () => {
  await ctx.app.press('Financiering');
  await ctx.app.heading('Financiering');
  await ctx.app.session.wait(until.elementLocated(By.css("tr[data-code='VGZ']")), 15000);
  await loaded();
  await scan(ctx.app, 'Financiering');
  await ctx.app.press('Regelingen en beleid');
  await ctx.app.heading('Regelingen en beleid');
  await loaded();
  await scan(ctx.app, 'Regelingen en beleid');
});

test('export, handover and settings', async () => {
  await ctx.app.press('Export');
  await ctx.app.heading('Export voor financiers');
  await loaded();
  await scan(ctx.app, 'Export');
  await ctx.app.press('Importeren');
  await ctx.app.heading('Importeren uit een spreadsheet');
  await loaded();
  await scan(ctx.app, 'Importeren');
  await ctx.app.press('Overdracht');
  await ctx.app.heading('Overdracht');
  await scan(ctx.app, 'Overdracht');
  await ctx.app.press('Instellingen');
  await ctx.app.heading('Instellingen');
  await ctx.app.heading('Gebruikers');
  await loaded();
  await scan(ctx.app, 'Instellingen');
});

test('the unlock screen and the sign-in screen', async () => {
  await ctx.app.press('Vergrendelen');
  await ctx.app.heading('Respijtregie ontgrendelen');
  await scan(ctx.app, 'Ontgrendelen');
  await ctx.app.fill('Wachtwoordzin', PASSPHRASE);
  await ctx.app.press('Ontgrendelen');
  await ctx.app.press('Instellingen');
  await ctx.app.fill('Naam van de gebruiker', 'marieke');
  await (await ctx.app.field('Rol')).findElement(By.css("option[value='regisseur']")).click();
  await ctx.app.fill('Wachtwoord van de gebruiker', 'marieke-wachtwoord');
  await ctx.app.fill('Herhaal het wachtwoord', 'marieke-wachtwoord');
  await ctx.app.pressInView('Gebruiker toevoegen');
  await ctx.app.see('marieke is toegevoegd.');
  await ctx.app.press('Vergrendelen');
  await ctx.app.heading('Respijtregie ontgrendelen');
  await ctx.app.fill('Wachtwoordzin', PASSPHRASE);
  await ctx.app.press('Ontgrendelen');
  await ctx.app.heading('Aanmelden');
  await scan(ctx.app, 'Aanmelden');
});
