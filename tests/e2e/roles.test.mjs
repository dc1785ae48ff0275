// Users and roles on one store, as the director sets them up: the first
// user is the director herself, then a colleague of finance; after locking,
// everyone signs in and the menu offers what their role may use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { PASSPHRASE, cli, tempStore, startDriver, openApp } from './app.mjs';

const db = tempStore();
let driver;
let app;

before(async () => {
  driver = await startDriver(db);
  app = await openApp(driver.url);
});

after(async () => {
  await app?.quit().catch(() => {});
  driver?.stop();
});

async function menu() {
  const nav = await app.session.wait(until.elementLocated(By.css('nav.app-nav')), 15000);
  const buttons = await nav.findElements(By.css('button'));
  return Promise.all(buttons.map((b) => b.getText()));
}

async function addUser(name, role, password) {
  await app.fill('Naam van de gebruiker', name);
  const select = await app.field('Rol');
  await select.findElement(By.css(`option[value='${role}']`)).click();
  await app.fill('Wachtwoord van de gebruiker', password);
  await app.fill('Herhaal het wachtwoord', password);
  await app.pressInView('Gebruiker toevoegen');
  await app.see(`${name} is toegevoegd.`);
}

async function relockAndSignIn(name, password) {
  await app.press('Vergrendelen');
  await app.heading('Respijtregie ontgrendelen');
  await app.fill('Wachtwoordzin', PASSPHRASE);
  await app.press('Ontgrendelen');
  await app.heading('Aanmelden');
  await app.fill('Naam', name);
  await app.fill('Wachtwoord', password);
  await app.press('Aanmelden');
}

test('the director adds herself, then a colleague of finance', async () => {
  await app.press('Instellingen');
  await app.heading('Gebruikers');
  await addUser('marieke', 'regisseur', 'marieke-wachtwoord');
  await app.see('Aangemeld: marieke (Regisseur)');
  await addUser('fatima', 'financien', 'fatima-wachtwoord');
});

test('finance signs in and is offered funding and exports, no caregivers', async () => {
  await app.press('Vergrendelen');
  await app.heading('Respijtregie ontgrendelen');
  await app.fill('Wachtwoordzin', PASSPHRASE);
  await app.press('Ontgrendelen');
  await app.heading('Aanmelden');
  await app.fill('Naam', 'fatima');
  await app.fill('Wachtwoord', 'niet-goed');
  await app.press('Aanmelden');
  await app.see('Naam of wachtwoord klopt niet.');
  await app.fill('Wachtwoord', 'fatima-wachtwoord');
  await app.press('Aanmelden');
  await app.see('Aangemeld: fatima (Financiën)');
  assert.deepEqual(await menu(), ['Aanbieders', 'Financiering', 'Export', 'Vergrendelen']);
});

test('a consultant is offered caregivers and hand-overs, and sees only her own caseload', async () => {
  await relockAndSignIn('marieke', 'marieke-wachtwoord');
  await app.press('Mantelzorgers');
  await app.registerRiaWithPiet();
  await app.press('Instellingen');
  await addUser('sanne', 'consulent', 'sanne-wachtwoord');
  await relockAndSignIn('sanne', 'sanne-wachtwoord');
  await app.see('Aangemeld: sanne (Consulent)');
  assert.deepEqual(await menu(), ['Mantelzorgers', 'Overdracht', 'Vergrendelen']);
  const search = await app.field('Zoeken');
  await search.sendKeys('Vries');
  await app.see('Geen mantelzorgers gevonden');
});

test('the director signs in again and has everything', async () => {
  await relockAndSignIn('marieke', 'marieke-wachtwoord');
  await app.see('Aangemeld: marieke (Regisseur)');
  const items = await menu();
  for (const item of ['Mantelzorgers', 'Planning', 'Aanbieders', 'Financiering', 'Export', 'Overdracht', 'Instellingen']) {
    assert.ok(items.includes(item), `${item} in ${items}`);
  }
});

test('a backup made in Instellingen is put back there, after the current state is saved', async () => {
  await app.press('Instellingen');
  await app.pressInView('Nu een back-up maken');
  await app.see('Back-up gemaakt en gecontroleerd.');
  await addUser('kees', 'consulent', 'kees-wachtwoord');
  assert.match(cli(db, 'users', 'list'), /kees/);
  await app.check('Ik begrijp dat de huidige stand wordt vervangen');
  const row = await app.session.findElement(By.xpath("//tr[td[normalize-space(.)='Met de hand']]"));
  const button = await row.findElement(By.css('button'));
  await app.session.executeScript("arguments[0].scrollIntoView({ block: 'center' })", button);
  await button.click();
  await app.see('De stand van daarvoor is als back-up bewaard.');
  assert.doesNotMatch(cli(db, 'users', 'list'), /kees/, 'the store is as it was at the backup');
});
