// The director's planning day (issue 4) and the funding it sets off (issue 5):
// plan a weekly series from a match, meet a clash and override it with a
// reason; mark a session delivered and see the cap counter and the dashboard move.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { tempStore, startDriver, openApp } from './app.mjs';

const db = tempStore();
let driver;
let app;

// A weekday in the future within this calendar year (the cap counter and the
// dashboard show this year): next Monday, or this week's Monday in the last
// days of December. The core accepts marking any session delivered.
const pad = (n) => String(n).padStart(2, '0');
const dutch = (d) => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
const today = new Date();
const thisMonday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
const nextMonday = new Date(thisMonday.getFullYear(), thisMonday.getMonth(), thisMonday.getDate() + 7);
const first = nextMonday.getFullYear() === today.getFullYear() ? nextMonday : thisMonday;
const FIRST = dutch(first);

before(async () => {
  driver = await startDriver(db);
  app = await openApp(driver.url);
});

after(async () => {
  await app?.quit().catch(() => {});
  driver?.stop();
});

/** "€ 1.140,00" → 114000. */
function cents(text) {
  const m = /€ ([\d.]+),(\d{2})/.exec(text);
  assert.ok(m, `no amount in "${text}"`);
  return Number(m[1].replaceAll('.', '')) * 100 + Number(m[2]);
}

async function searchAndPickZorgMies() {
  await app.heading('Respijt plannen voor Ria de Vries');
  await app.fill('Uren per week', '3');
  await app.check('maandag');
  await app.check('ochtend');
  await app.fill('Eerste datum', FIRST);
  await app.pressInView('Zoek aanbieders');
  await app.see('werkt in Dordrecht');
  await app.press('Plan bij ZorgMies');
  await app.heading('Reeks plannen bij ZorgMies');
  // Prefilled from the need: Monday mornings, 4 times.
  assert.equal(await (await app.field('Eerste datum')).getAttribute('value'), FIRST);
  assert.equal(await (await app.field('Aantal keer')).getAttribute('value'), '4');
}

test('register a VGZ caregiver with a recipient', async () => {
  await app.registerRiaWithPiet();
});

test('plan a weekly series from a match, meet the clash, override it with a reason', async () => {
  await app.press('Respijt plannen');
  await searchAndPickZorgMies();
  await app.fill('Overdracht voor de hulp', 'Piet drinkt om 10 uur koffie.');
  await app.pressInView('Wat kost dit?');
  await app.see('Kosten van deze reeks: € 570,00');
  await app.pressInView('Reeks plannen');
  await app.see('4 inzetten gepland');

  // The same series again: the recipient would be booked twice.
  await app.press('Naar het dossier');
  await app.heading('Ria de Vries');
  await app.press('Respijt plannen');
  await searchAndPickZorgMies();
  await app.pressInView('Reeks plannen');
  const alert = await app.session.wait(until.elementLocated(By.css('[role=alert]')), 15000);
  await app.session.wait(async () => (await alert.getText()).includes('al ingepland'), 15000, 'no clash shown');
  assert.match(await alert.getText(), new RegExp(`${FIRST}: De naaste is op ${FIRST} al ingepland van 09:00 tot 12:00`));
  await app.fill('Reden om toch te plannen', 'Tweede hulp komt mee voor de douche');
  await app.pressInView('Toch plannen');
  await app.see('4 inzetten gepland');
});

test('mark a session delivered: the cap counter and the funding dashboard move', async () => {
  await app.press('Financiering');
  await app.heading('Financiering');
  assert.match(await app.funderCell('VGZ', 'delivered'), /^€ 0,00/);
  // Eight sessions of 3 hours at € 47,50 (fewer if the series runs into next year).
  const plannedBefore = cents(await app.funderCell('GM0505', 'planned'));
  assert.ok(plannedBefore > 0 && plannedBefore % 14250 === 0, `planned estimate ${plannedBefore}`);

  // A budget for Dordrecht.
  await (await app.field('Gemeente')).findElement(By.xpath(".//option[normalize-space(.)='Dordrecht']")).click();
  await app.fill('Budget in euro', '10.000,00');
  await app.pressInView('Budget opslaan');
  await app.see('Budget van Dordrecht voor');
  await app.session.wait(async () => (await app.funderCell('GM0505', 'budget')) === '€ 10.000,00', 15000, 'budget not shown');

  // Back to the dossier, mark the first session delivered.
  await app.press('Mantelzorgers');
  const search = await app.field('Zoeken');
  await search.sendKeys('Ria');
  const link = await app.session.wait(
    until.elementLocated(By.xpath("//tbody//*[self::a or self::button][contains(., 'Vries')]")),
    15000,
  );
  await link.click();
  await app.heading('Ria de Vries');
  await app.see('VGZ: 0 van 14 dagen gebruikt, 14 over');
  await app.pressInView('Uitgevoerd');
  await app.see('VGZ: 1 van 14 dagen gebruikt, 13 over');
  await app.see('(uitgevoerd)');

  await app.press('Financiering');
  await app.session.wait(
    async () => (await app.funderCell('VGZ', 'delivered')).startsWith('€ 142,50'),
    15000,
    'VGZ delivered did not change',
  );
  // VGZ pays within its cap, so Dordrecht's delivered stays 0; its planned
  // estimate drops by the delivered session, and the budget set is shown.
  assert.match(await app.funderCell('GM0505', 'delivered'), /^€ 0,00/);
  assert.equal(cents(await app.funderCell('GM0505', 'planned')), plannedBefore - 14250);
  assert.equal(await app.funderCell('GM0505', 'budget'), '€ 10.000,00');
});
