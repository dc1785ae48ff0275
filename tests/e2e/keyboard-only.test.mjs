// Issue 16, part 9: the register-and-plan path with the keyboard only, from a
// new store to a planned series: make the store, keep the recovery key,
// register a caregiver with a recipient, search providers and plan a weekly
// series. Every step is Tab/Shift+Tab to a control, then typing, Space or
// Enter (keyboard.mjs); no click anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';
import { PASSPHRASE, tempStore, useApp } from './app.mjs';
import { Keyboard } from './keyboard.mjs';

const db = tempStore();
const ctx = useApp(db, { locked: true });
let kb;

const pad = (n) => String(n).padStart(2, '0');
const dutch = (d) => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
const today = new Date();
const nextMonday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7) + 7);

test('make the store and keep the recovery key with the keyboard', async () => {
  kb = new Keyboard(ctx.app.session);
  await ctx.app.heading('Opslag beveiligen');
  await kb.type('Wachtwoordzin', PASSPHRASE);
  await kb.type('Herhaal de wachtwoordzin', PASSPHRASE);
  await kb.keys(Key.ENTER);
  await ctx.app.heading('Uw herstelsleutel');
  await kb.tick('Ik heb de herstelsleutel geprint of op een veilige plek bewaard');
  await kb.press('Verder');
  await ctx.app.heading('Mantelzorgers');
});

test('register a caregiver and her recipient with the keyboard', async () => {
  await kb.press('Nieuwe mantelzorger');
  await ctx.app.heading('Nieuwe mantelzorger');
  // The form's heading takes focus, so Tab goes on from the form's top.
  assert.equal((await kb.active()).name, 'Nieuwe mantelzorger');
  await kb.type('Voornaam', 'Ria');
  await kb.type('Achternaam', 'de Vries');
  await kb.type('Geboortedatum', '14-03-1958');
  await kb.type('Postcode', '3311 AB');
  await kb.type('Huisnummer', '12');
  await kb.type('Verzekeraar', 'VGZ');
  await kb.type('Polisnummer', '123456789');
  await kb.tick('Aanvullende verzekering');
  await kb.press('Opslaan');
  await ctx.app.heading('Ria de Vries');
  await kb.type('Voornaam', 'Piet');
  await kb.type('Achternaam', 'de Vries');
  await kb.type('Geboortedatum', '20-01-1950');
  await kb.type('Relatie', 'partner');
  await kb.press('Naaste opslaan');
  await ctx.app.see('Piet de Vries');
});

test('search providers and plan a weekly series with the keyboard', async () => {
  await kb.press('Respijt plannen');
  await ctx.app.heading('Respijt plannen voor Ria de Vries');
  await kb.type('Uren per week', '3');
  await kb.tick('maandag');
  await kb.tick('ochtend');
  await kb.type('Eerste datum', dutch(nextMonday));
  // Enter in a field sends the search form.
  await kb.keys(Key.ENTER);
  await ctx.app.see('werkt in Dordrecht');
  await kb.press('Plan bij ZorgMies');
  await ctx.app.heading('Reeks plannen bij ZorgMies');
  await kb.type('Overdracht voor de hulp', 'Piet drinkt om 10 uur koffie.');
  await kb.press('Reeks plannen');
  await ctx.app.see('4 inzetten gepland');
  await kb.press('Naar het dossier');
  await ctx.app.heading('Ria de Vries');
  // The dossier shows next Monday's session, the first of the series.
  await ctx.app.see(`${dutch(nextMonday)} 09:00–12:00 Piet de Vries bij ZorgMies`);
});
