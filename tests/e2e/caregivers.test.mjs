// A director's everyday path: register a caregiver, find her again, see a bad
// postcode refused next to its field, and find her after a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { tempStore, useApp, openApp } from './app.mjs';

const db = tempStore();
const ctx = useApp(db);

test('register a caregiver through the form and open the dossier', async () => {
  await ctx.app.press('Nieuwe mantelzorger');
  await ctx.app.heading('Nieuwe mantelzorger');
  await ctx.app.fill('Voornaam', 'Ria');
  await ctx.app.fill('Achternaam', 'de Vries');
  await ctx.app.fill('Geboortedatum', '14-03-1958');
  await ctx.app.fill('Postcode', '3311ab');
  await ctx.app.fill('Huisnummer', '12');
  await ctx.app.fill('Telefoon', '06 12345678');
  await ctx.app.fill('E-mail', 'ria@voorbeeld.nl');
  await ctx.app.fill('Verzekeraar', 'VGZ');
  await ctx.app.fill('Polisnummer', '123456789');
  await ctx.app.press('Opslaan');
  await ctx.app.heading('Ria de Vries');
  await ctx.app.see('Dordrecht');
  await ctx.app.see('3311 AB');
  await ctx.app.see('06 12345678');
});

test('find the caregiver with the search field', async () => {
  await ctx.app.press('Terug naar lijst');
  const search = await ctx.app.field('Zoeken');
  await search.sendKeys('vries');
  await ctx.app.session.wait(async () => (await ctx.app.rows()).some((r) => r.includes('Ria')), 10000, 'no row for Ria');
  const rows = await ctx.app.rows();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /Vries/);
  assert.match(rows[0], /Dordrecht/);
});

test('a bad postcode is refused with the message next to the field', async () => {
  await ctx.app.press('Nieuwe mantelzorger');
  await ctx.app.fill('Voornaam', 'Kees');
  await ctx.app.fill('Achternaam', 'Bakker');
  await ctx.app.fill('Geboortedatum', '01-01-1950');
  await ctx.app.fill('Postcode', '3311 SS');
  await ctx.app.fill('Huisnummer', '3');
  await ctx.app.press('Opslaan');
  const message = await ctx.app.textOf('#postcode-error');
  assert.match(message, /SS/);
  const postcode = await ctx.app.field('Postcode');
  assert.equal(await postcode.getAttribute('aria-invalid'), 'true');
  // Still on the form, nothing saved.
  await ctx.app.heading('Nieuwe mantelzorger');
  await ctx.app.press('Annuleren');
  const search = await ctx.app.field('Zoeken');
  await search.sendKeys('bakker');
  await ctx.app.see('Geen mantelzorgers gevonden');
});

test('after a restart the caregiver is still there', async () => {
  await ctx.app.quit();
  ctx.app = await openApp(ctx.driver.url);
  const search = await ctx.app.field('Zoeken');
  await search.sendKeys('Ria');
  await ctx.app.session.wait(async () => (await ctx.app.rows()).some((r) => r.includes('Vries')), 10000, 'Ria is gone');
  const link = await ctx.app.session.findElement(By.xpath("//tbody//*[self::a or self::button][contains(., 'Vries')]"));
  await link.click();
  await ctx.app.heading('Ria de Vries');
  await ctx.app.session.wait(until.elementLocated(By.xpath("//*[contains(., 'Dordrecht')]")), 5000);
});
