// Users and roles on one store, as the director sets them up: the first
// user is the director herself, then a colleague of finance; after locking,
// everyone signs in and the menu offers what their role may use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { PASSPHRASE, cli, tempStore, useApp } from './app.mjs';

const db = tempStore();
const ctx = useApp(db);

async function menu() {
  const nav = await ctx.app.session.wait(until.elementLocated(By.css('nav.app-nav')), 15000);
  const buttons = await nav.findElements(By.css('button'));
  return Promise.all(buttons.map((b) => b.getText()));
}

async function addUser(name, role, password) {
  await ctx.app.fill('Naam van de gebruiker', name);
  const select = await ctx.app.field('Rol');
  await select.findElement(By.css(`option[value='${role}']`)).click();
  await ctx.app.fill('Wachtwoord van de gebruiker', password);
  await ctx.app.fill('Herhaal het wachtwoord', password);
  await ctx.app.pressInView('Gebruiker toevoegen');
  await ctx.app.see(`${name} is toegevoegd.`);
}

async function relockAndSignIn(name, password) {
  await ctx.app.press('Vergrendelen');
  await ctx.app.heading('Respijtregie ontgrendelen');
  await ctx.app.fill('Wachtwoordzin', PASSPHRASE);
  await ctx.app.press('Ontgrendelen');
  await ctx.app.heading('Aanmelden');
  await ctx.app.fill('Naam', name);
  await ctx.app.fill('Wachtwoord', password);
  await ctx.app.press('Aanmelden');
}

/** The commands the core lists for whoever is signed in, asked of the core itself. */
async function offeredByCore() {
  return ctx.app.session.executeAsyncScript(
    "const done = arguments[arguments.length - 1];" +
      "window.__TAURI_INTERNALS__.invoke('store_status').then((s) => done(s.commands), (e) => done(['fout: ' + JSON.stringify(e)]));",
  );
}

/**
 * Every action on screen that calls the core carries its command
 * (`data-command`); none may be one the core refuses this user.
 */
async function assertNoRefusedAction(screen) {
  const allowed = await offeredByCore();
  assert.ok(allowed.includes('store_status'), `the core answered: ${allowed}`);
  const shown = [];
  for (const el of await ctx.app.session.findElements(By.css('[data-command]'))) {
    if (await el.isDisplayed()) shown.push(await el.getAttribute('data-command'));
  }
  assert.ok(shown.length > 0, `${screen}: no actions found at all`);
  for (const command of shown) assert.ok(allowed.includes(command), `${screen}: "${command}" is shown, the core refuses it`);
}

/** No button with this text on screen. */
async function assertNoButton(text) {
  const found = await ctx.app.session.findElements(By.xpath(`//button[normalize-space(.)='${text}']`));
  assert.equal(found.length, 0, `"${text}" is offered`);
}

test('the director adds herself, then a colleague of finance', async () => {
  await ctx.app.press('Instellingen');
  await ctx.app.heading('Gebruikers');
  await addUser('marieke', 'regisseur', 'marieke-wachtwoord');
  await ctx.app.see('Aangemeld: marieke (Regisseur)');
  await addUser('fatima', 'financien', 'fatima-wachtwoord');
});

test('finance signs in and is offered funding and exports, no caregivers', async () => {
  await ctx.app.press('Vergrendelen');
  await ctx.app.heading('Respijtregie ontgrendelen');
  await ctx.app.fill('Wachtwoordzin', PASSPHRASE);
  await ctx.app.press('Ontgrendelen');
  await ctx.app.heading('Aanmelden');
  await ctx.app.fill('Naam', 'fatima');
  await ctx.app.fill('Wachtwoord', 'niet-goed');
  await ctx.app.press('Aanmelden');
  await ctx.app.see('Naam of wachtwoord klopt niet.');
  await ctx.app.fill('Wachtwoord', 'fatima-wachtwoord');
  await ctx.app.press('Aanmelden');
  await ctx.app.see('Aangemeld: fatima (Financiën)');
  assert.deepEqual(await menu(), ['Aanbieders', 'Financiering', 'Export', 'Vergrendelen']);
});

test('finance finds no action on any of its screens that the core refuses', async () => {
  await ctx.app.press('Aanbieders');
  await ctx.app.heading('Aanbieders');
  await assertNoRefusedAction('Aanbieders');
  await assertNoButton('Nieuwe aanbieder');
  await assertNoButton('Overzicht kiezen en inlezen');
  const edits = await ctx.app.session.findElements(By.xpath("//button[starts-with(normalize-space(.), 'Wijzigen')]"));
  assert.equal(edits.length, 0, 'finance reads providers, it does not edit them');
  await ctx.app.press('Financiering');
  await ctx.app.see('Budget van een gemeente instellen');
  await assertNoRefusedAction('Financiering');
  await ctx.app.press('Export');
  await ctx.app.heading('Export voor financiers');
  await assertNoRefusedAction('Export');
});

test('a consultant is offered caregivers and hand-overs, and sees only her own caseload', async () => {
  await relockAndSignIn('marieke', 'marieke-wachtwoord');
  await ctx.app.press('Mantelzorgers');
  await ctx.app.registerRiaWithPiet();
  await ctx.app.press('Instellingen');
  await addUser('sanne', 'consulent', 'sanne-wachtwoord');
  await relockAndSignIn('sanne', 'sanne-wachtwoord');
  await ctx.app.see('Aangemeld: sanne (Consulent)');
  assert.deepEqual(await menu(), ['Mantelzorgers', 'Overdracht', 'Vergrendelen']);
  const search = await ctx.app.field('Zoeken');
  await search.sendKeys('Vries');
  await ctx.app.see('Geen mantelzorgers gevonden');
  await assertNoRefusedAction('Mantelzorgers (consulent)');
});

test('in her own client\'s dossier a consultant finds nothing the core refuses', async () => {
  await ctx.app.press('Nieuwe mantelzorger');
  await ctx.app.heading('Nieuwe mantelzorger');
  await ctx.app.fill('Voornaam', 'Gerda');
  await ctx.app.fill('Achternaam', 'Bakker');
  await ctx.app.fill('Geboortedatum', '02-05-1961');
  await ctx.app.fill('Postcode', '3311 AB');
  await ctx.app.fill('Huisnummer', '3');
  await ctx.app.press('Opslaan');
  await ctx.app.heading('Gerda Bakker');
  await assertNoRefusedAction('Dossier (consulent)');
  for (const refused of ['Respijt plannen', 'Weekkalender', 'Logboek exporteren', 'Gegevens wissen op verzoek']) {
    await assertNoButton(refused);
  }
  await ctx.app.see('Wie keek mee');
});

test('the director signs in again and has everything', async () => {
  await relockAndSignIn('marieke', 'marieke-wachtwoord');
  await ctx.app.see('Aangemeld: marieke (Regisseur)');
  const items = await menu();
  for (const item of ['Mantelzorgers', 'Planning', 'Aanbieders', 'Financiering', 'Export', 'Overdracht', 'Instellingen']) {
    assert.ok(items.includes(item), `${item} in ${items}`);
  }
});

test('a backup made in Instellingen is put back there, after the current state is saved', async () => {
  await ctx.app.press('Instellingen');
  await ctx.app.pressInView('Nu een back-up maken');
  await ctx.app.see('Back-up gemaakt en gecontroleerd.');
  await addUser('kees', 'consulent', 'kees-wachtwoord');
  assert.match(cli(db, 'users', 'list'), /kees/);
  await ctx.app.check('Ik begrijp dat de huidige stand wordt vervangen');
  const row = await ctx.app.session.findElement(By.xpath("//tr[td[normalize-space(.)='Met de hand']]"));
  const button = await row.findElement(By.css('button'));
  await ctx.app.session.executeScript("arguments[0].scrollIntoView({ block: 'center' })", button);
  await button.click();
  await ctx.app.see('De stand van daarvoor is als back-up bewaard.');
  assert.doesNotMatch(cli(db, 'users', 'list'), /kees/, 'the store is as it was at the backup');
});
