// The director's planning day (issue 4) and the funding it sets off (issue 5):
// plan a weekly series from a match, meet a clash and override it with a
// reason; mark a session delivered and see the cap counter and the dashboard move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { tempStore, useApp } from './app.mjs';

const db = tempStore();
const ctx = useApp(db);

// The series starts last Monday, so its first session has started and can be
// reported delivered (the core refuses that for a session still to come),
// and it lies in this calendar year, which the cap counter and the dashboard
// show: except in the first days of January, when last Monday was last year.
const pad = (n) => String(n).padStart(2, '0');
const dutch = (d) => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
const today = new Date();
const thisMonday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
const first = new Date(thisMonday.getFullYear(), thisMonday.getMonth(), thisMonday.getDate() - 7);
const FIRST = dutch(first);

/** "€ 1.140,00" → 114000. */
function cents(text) {
  const m = /€ ([\d.]+),(\d{2})/.exec(text);
  assert.ok(m, `no amount in "${text}"`);
  return Number(m[1].replaceAll('.', '')) * 100 + Number(m[2]);
}

async function searchAndPickZorgMies() {
  await ctx.app.heading('Respijt plannen voor Ria de Vries');
  await ctx.app.fill('Uren per week', '3');
  await ctx.app.check('maandag');
  await ctx.app.check('ochtend');
  await ctx.app.fill('Eerste datum', FIRST);
  await ctx.app.pressInView('Zoek aanbieders');
  await ctx.app.see('werkt in Dordrecht');
  await ctx.app.press('Plan bij ZorgMies');
  await ctx.app.heading('Reeks plannen bij ZorgMies');
  // Prefilled from the need: Monday mornings, 4 times.
  assert.equal(await (await ctx.app.field('Eerste datum')).getAttribute('value'), FIRST);
  assert.equal(await (await ctx.app.field('Aantal keer')).getAttribute('value'), '4');
}

test('register a VGZ caregiver with a recipient', async () => {
  await ctx.app.registerRiaWithPiet();
});

test('plan a weekly series from a match, meet the clash, override it with a reason', async () => {
  await ctx.app.press('Respijt plannen');
  await searchAndPickZorgMies();
  await ctx.app.fill('Overdracht voor de hulp', 'Piet drinkt om 10 uur koffie.');
  await ctx.app.pressInView('Wat kost dit?');
  await ctx.app.see('Kosten van deze reeks: € 570,00');
  await ctx.app.pressInView('Reeks plannen');
  await ctx.app.see('4 inzetten gepland');

  // The same series again: the recipient would be booked twice.
  await ctx.app.press('Naar het dossier');
  await ctx.app.heading('Ria de Vries');
  await ctx.app.press('Respijt plannen');
  await searchAndPickZorgMies();
  await ctx.app.pressInView('Reeks plannen');
  const alert = await ctx.app.session.wait(until.elementLocated(By.css('[role=alert]')), 15000);
  await ctx.app.session.wait(async () => (await alert.getText()).includes('al ingepland'), 15000, 'no clash shown');
  assert.match(await alert.getText(), new RegExp(`${FIRST}: De naaste is op ${FIRST} al ingepland van 09:00 tot 12:00`));
  await ctx.app.fill('Reden om toch te plannen', 'Tweede hulp komt mee voor de douche');
  await ctx.app.pressInView('Toch plannen');
  await ctx.app.see('4 inzetten gepland');
});

test('mark a session delivered: the cap counter and the funding dashboard move', async () => {
  await ctx.app.press('Financiering');
  await ctx.app.heading('Financiering');
  assert.match(await ctx.app.funderCell('VGZ', 'delivered'), /^€ 0,00/);
  // Eight sessions of 3 hours at € 47,50 (fewer if the series runs into next year).
  const plannedBefore = cents(await ctx.app.funderCell('GM0505', 'planned'));
  assert.ok(plannedBefore > 0 && plannedBefore % 14250 === 0, `planned estimate ${plannedBefore}`);

  // A budget for Dordrecht.
  await (await ctx.app.field('Gemeente')).findElement(By.xpath(".//option[normalize-space(.)='Dordrecht']")).click();
  await ctx.app.fill('Budget in euro', '10.000,00');
  await ctx.app.pressInView('Budget opslaan');
  await ctx.app.see('Budget van Dordrecht voor');
  await ctx.app.session.wait(async () => (await ctx.app.funderCell('GM0505', 'budget')) === '€ 10.000,00', 15000, 'budget not shown');

  // Back to the dossier; last Monday's session, in the week calendar, reported delivered.
  await ctx.app.press('Mantelzorgers');
  const search = await ctx.app.field('Zoeken');
  await search.sendKeys('Ria');
  const link = await ctx.app.session.wait(
    until.elementLocated(By.xpath("//tbody//*[self::a or self::button][contains(., 'Vries')]")),
    15000,
  );
  await link.click();
  await ctx.app.heading('Ria de Vries');
  await ctx.app.see('VGZ: 0 van 14 dagen gebruikt, 14 over');
  await ctx.app.pressInView('Weekkalender');
  await ctx.app.heading('Weekkalender van Ria de Vries');
  await ctx.app.press('Vorige week');
  const session = await ctx.app.session.wait(until.elementLocated(By.css('.week-grid .session')), 15000);
  await ctx.app.session.executeScript("arguments[0].scrollIntoView({ block: 'center' })", session);
  await session.click();
  await ctx.app.press('Uitgevoerd melden');
  await ctx.app.pressInView('Uitgevoerd opslaan');
  await ctx.app.see('De inzet is gemeld als uitgevoerd (3 uur).');
  await ctx.app.press('Terug naar dossier');
  await ctx.app.heading('Ria de Vries');
  await ctx.app.see('VGZ: 1 van 14 dagen gebruikt, 13 over');

  await ctx.app.press('Financiering');
  await ctx.app.session.wait(
    async () => (await ctx.app.funderCell('VGZ', 'delivered')).startsWith('€ 142,50'),
    15000,
    'VGZ delivered did not change',
  );
  // VGZ pays within its cap, so Dordrecht's delivered stays 0; its planned
  // estimate drops by the delivered session, and the budget set is shown.
  assert.match(await ctx.app.funderCell('GM0505', 'delivered'), /^€ 0,00/);
  assert.equal(cents(await ctx.app.funderCell('GM0505', 'planned')), plannedBefore - 14250);
  assert.equal(await ctx.app.funderCell('GM0505', 'budget'), '€ 10.000,00');
});
