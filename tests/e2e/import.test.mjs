// Importing a caregivers spreadsheet from the app (issue 14, part 5), from an
// empty store: the file is checked first and a bad row is named with its row
// and column, with nothing written and no confirm offered; the fixed file is
// checked again, confirmed, and its people are in the register.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { tempStore, useApp } from './app.mjs';

const db = tempStore();
const dir = mkdtempSync(join(tmpdir(), 'respijt-e2e-import-'));
const file = join(dir, 'mantelzorgers.csv');
const HEADER = 'extern_id;voornaam;achternaam;geboortedatum;postcode;huisnummer;telefoon;verzekeraar;aanvullend;naaste_voornaam;naaste_achternaam;naaste_geboortedatum;relatie';
const rows = [
  'MEE-1;Ria;de Vries;14-03-1958;3311 AB;12;+31 6 12345678;VGZ;ja;Piet;de Vries;01-01-1950;partner',
  'MEE-2;Kees;Bakker;02-05-1961;3311 SA;4;06-23456789;CZ;nee;Truus;Bakker;02-02-1931;moeder',
  'MEE-3;Fatma;Yilmaz;20-10-1970;3331 AB;7;;VGZ;ja;Ayse;Yilmaz;03-03-1940;moeder',
];
const write = (lines) => writeFileSync(file, `${HEADER}\n${lines.join('\n')}\n`);

const ctx = useApp(db);

test('a spreadsheet with a bad row is checked, nothing is written, and no confirm is offered', async () => {
  const { app } = ctx;
  await app.press('Importeren');
  await app.heading('Importeren uit een spreadsheet');
  write(rows);
  await app.session.executeScript('window.__RESPIJT_OPEN_PATH__ = arguments[0];', file);
  await app.press('Bestand kiezen');
  await app.see('Er wordt niets ingelezen');
  const refused = await app.rows();
  assert.equal(refused.length, 1, `one refused row: ${refused}`);
  assert.match(refused[0], /^2\s*postcode\s*Postcodes met de letters SA/, 'row 2, column postcode, the reason');
  await app.see('De goede rijen zouden geven: 2 nieuw');
  const confirm = await app.session.findElements(By.xpath("//button[normalize-space(.)='Inlezen bevestigen']"));
  assert.equal(confirm.length, 0, 'no confirm while a row is refused');
});

test('the fixed file is checked again, confirmed and saved, and its people are in the register', async () => {
  const { app } = ctx;
  write(rows.map((r) => r.replace('3311 SA', '3311 AC')));
  await app.press('Opnieuw controleren');
  await app.see('Bij inlezen: 3 nieuw, 0 bijgewerkt');
  await app.press('Inlezen bevestigen');
  await app.see('Opgeslagen.');
  await app.see('3 nieuw, 0 bijgewerkt');
  await app.press('Mantelzorgers');
  await app.fill('Zoeken', 'bakker');
  await app.see('Bakker, Kees');
});
