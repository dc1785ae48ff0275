// Hand-over both ways through the app: the director puts Ria in consultant
// Sanne's caseload (the dossier's "Consulenten") and saves Sanne's caseload
// in one sealed file (Overdracht); on Sanne's laptop, a store of its own,
// the file is read in on the Overdracht screen, Ria arrives with her partner,
// and reading the same file again adds nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By, until } from 'selenium-webdriver';
import { openApp, startDriver, tempStore, useApp } from './app.mjs';

const db = tempStore();
const ctx = useApp(db);
const file = join(mkdtempSync(join(tmpdir(), 'respijt-e2e-overdracht-')), 'caseload-sanne.age');
const FILE_PASSPHRASE = 'fiets lamp brug zeven';
let laptop;
after(() => laptop?.stop());

async function addUser(name, role, password) {
  await ctx.app.fill('Naam van de gebruiker', name);
  const select = await ctx.app.field('Rol');
  await select.findElement(By.css(`option[value='${role}']`)).click();
  await ctx.app.fill('Wachtwoord van de gebruiker', password);
  await ctx.app.fill('Herhaal het wachtwoord', password);
  await ctx.app.pressInView('Gebruiker toevoegen');
  await ctx.app.see(`${name} is toegevoegd.`);
}

async function readIn() {
  await ctx.app.press('Overdracht');
  await ctx.app.heading('Overdracht');
  await ctx.app.session.executeScript('window.__RESPIJT_OPEN_PATH__ = arguments[0];', file);
  await ctx.app.press('Overdracht inlezen');
  await ctx.app.fill('Wachtwoord', FILE_PASSPHRASE);
  await ctx.app.press('Inlezen');
  await ctx.app.heading('Ingelezen');
}

test('the director puts Ria in consultant Sanne\'s caseload', async () => {
  await ctx.app.press('Instellingen');
  await ctx.app.heading('Gebruikers');
  await addUser('marieke', 'regisseur', 'marieke-wachtwoord');
  await ctx.app.see('Aangemeld: marieke (Regisseur)');
  await addUser('sanne', 'consulent', 'sanne-wachtwoord');
  await ctx.app.press('Mantelzorgers');
  await ctx.app.registerRiaWithPiet();
  await ctx.app.heading('Consulenten');
  await ctx.app.check('sanne');
  await ctx.app.pressInView('Consulenten opslaan');
  await ctx.app.see('Opgeslagen: sanne.');
});

test("the director saves Sanne's caseload in one sealed file", async () => {
  await ctx.app.press('Overdracht');
  await ctx.app.heading('Caseload naar een consulent');
  const select = await ctx.app.field('Consulent');
  await select.findElement(By.xpath("./option[normalize-space(.)='sanne (1 mantelzorger)']")).click();
  await ctx.app.pressInView('Caseload opslaan…');
  await ctx.app.fill('Wachtwoord', FILE_PASSPHRASE);
  await ctx.app.fill('Wachtwoord herhalen', FILE_PASSPHRASE);
  await ctx.app.session.executeScript('window.__RESPIJT_SAVE_PATH__ = arguments[0];', file);
  await ctx.app.pressInView('Bestand kiezen en opslaan');
  await ctx.app.see(`Opgeslagen in ${file}: 1 mantelzorger, 0 intakes en 0 opvolgingen voor sanne.`);
  assert.ok(existsSync(file), 'the file is where it was saved');
});

test("on Sanne's laptop the file is read in, and a second time adds nothing", async () => {
  await ctx.app.quit();
  ctx.driver.stop();
  laptop = await startDriver(tempStore());
  ctx.app = await openApp(laptop.url);

  await readIn();
  await ctx.app.see('1 nieuwe mantelzorger aangemaakt');
  await ctx.app.press('Mantelzorgers');
  await ctx.app.press('de Vries, Ria');
  await ctx.app.heading('Ria de Vries');
  await ctx.app.session.wait(
    until.elementLocated(By.xpath("//h3[normalize-space(.)='Piet de Vries']")),
    15000,
    'her partner came along in the file',
  );

  await readIn();
  await ctx.app.see('0 nieuwe mantelzorgers aangemaakt');
  await ctx.app.see('1 mantelzorger gevonden in bestaande dossiers');
  await ctx.app.press('Mantelzorgers');
  await ctx.app.see('de Vries, Ria');
  const names = await ctx.app.session.findElements(By.xpath("//button[normalize-space(.)='de Vries, Ria']"));
  assert.equal(names.length, 1, 'still one Ria de Vries');
});
