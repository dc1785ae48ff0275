// A director's everyday path: register a caregiver, find her again, see a bad
// postcode refused next to its field, and find her after a restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { tempStore, startDriver, openApp } from './app.mjs';

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

test('register a caregiver through the form and open the dossier', async () => {
  await app.press('Nieuwe mantelzorger');
  await app.heading('Nieuwe mantelzorger');
  await app.fill('Voornaam', 'Ria');
  await app.fill('Achternaam', 'de Vries');
  await app.fill('Geboortedatum', '14-03-1958');
  await app.fill('Postcode', '3311ab');
  await app.fill('Huisnummer', '12');
  await app.fill('Telefoon', '06 12345678');
  await app.fill('E-mail', 'ria@voorbeeld.nl');
  await app.fill('Verzekeraar', 'VGZ');
  await app.fill('Polisnummer', '123456789');
  await app.press('Opslaan');
  await app.heading('Ria de Vries');
  await app.see('Dordrecht');
  await app.see('3311 AB');
  await app.see('06-12345678');
});

test('find the caregiver with the search field', async () => {
  await app.press('Terug naar lijst');
  const search = await app.field('Zoeken');
  await search.sendKeys('vries');
  await app.session.wait(async () => (await app.rows()).some((r) => r.includes('Ria')), 10000, 'no row for Ria');
  const rows = await app.rows();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /Vries/);
  assert.match(rows[0], /Dordrecht/);
});

test('a bad postcode is refused with the message next to the field', async () => {
  await app.press('Nieuwe mantelzorger');
  await app.fill('Voornaam', 'Kees');
  await app.fill('Achternaam', 'Bakker');
  await app.fill('Geboortedatum', '01-01-1950');
  await app.fill('Postcode', '3311 SS');
  await app.fill('Huisnummer', '3');
  await app.press('Opslaan');
  const message = await app.textOf('#postcode-error');
  assert.match(message, /SS/);
  const postcode = await app.field('Postcode');
  assert.equal(await postcode.getAttribute('aria-invalid'), 'true');
  // Still on the form, nothing saved.
  await app.heading('Nieuwe mantelzorger');
  await app.press('Annuleren');
  const search = await app.field('Zoeken');
  await search.sendKeys('bakker');
  await app.see('Geen mantelzorgers gevonden');
});

test('after a restart the caregiver is still there', async () => {
  await app.quit();
  app = await openApp(driver.url);
  const search = await app.field('Zoeken');
  await search.sendKeys('Ria');
  await app.session.wait(async () => (await app.rows()).some((r) => r.includes('Vries')), 10000, 'Ria is gone');
  const link = await app.session.findElement(By.xpath("//tbody//*[self::a or self::button][contains(., 'Vries')]"));
  await link.click();
  await app.heading('Ria de Vries');
  await app.session.wait(until.elementLocated(By.xpath("//*[contains(., 'Dordrecht')]")), 5000);
});
