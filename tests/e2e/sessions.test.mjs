// What the director does with planned sessions (issues 4 and 5): open one in
// the caregiver's week calendar, move it onto another session and override the
// clash with a reason; record deliveries with the hours delivered; then make
// the insurer's cap one day on the schemes screen and see the municipality's
// budget on the funding dashboard pay for the rest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { tempStore, startDriver, openApp } from './app.mjs';

const db = tempStore();
let driver;
let app;

// Three Mondays in this calendar year (the dashboard shows this year): from
// next Monday, or from three weeks earlier in the last weeks of December.
const pad = (n) => String(n).padStart(2, '0');
const dutch = (d) => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
const plusDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const today = new Date();
const thisMonday = plusDays(today, -((today.getDay() + 6) % 7));
const nextMonday = plusDays(thisMonday, 7);
const first = plusDays(nextMonday, 14).getFullYear() === today.getFullYear() ? nextMonday : plusDays(nextMonday, -21);
const weeksAhead = Math.round((first - thisMonday) / (7 * 86400000));
const FIRST = dutch(first);
const SECOND = dutch(plusDays(first, 7));
const YEAR = first.getFullYear();

before(async () => {
  driver = await startDriver(db);
  app = await openApp(driver.url);
});

after(async () => {
  await app?.quit().catch(() => {});
  driver?.stop();
});

/** The session buttons of the week shown, as their text. */
async function sessionButtons() {
  const buttons = await app.session.findElements(By.css('.week-grid .session'));
  return Promise.all(buttons.map((b) => b.getText()));
}

async function openSession(n) {
  await app.session.wait(async () => (await sessionButtons()).length > n, 15000, `no session ${n + 1} in the week`);
  const button = (await app.session.findElements(By.css('.week-grid .session')))[n];
  await app.session.executeScript("arguments[0].scrollIntoView({ block: 'center' })", button);
  await button.click();
  await app.session.wait(until.elementLocated(By.css('.session-detail')), 15000);
}

/** From the week of today to the week `weeks` ahead (negative: back). */
async function moveWeeks(weeks) {
  for (let i = 0; i < Math.abs(weeks); i++) await app.press(weeks > 0 ? 'Volgende week' : 'Vorige week');
}

async function toDossier() {
  await app.press('Mantelzorgers');
  const search = await app.field('Zoeken');
  await search.sendKeys('Ria');
  const link = await app.session.wait(
    until.elementLocated(By.xpath("//tbody//*[self::a or self::button][contains(., 'Vries')]")),
    15000,
  );
  await link.click();
  await app.heading('Ria de Vries');
}

test('register Ria (VGZ) and plan three Monday mornings at ZorgMies', async () => {
  await app.registerRiaWithPiet();

  await app.press('Respijt plannen');
  await app.heading('Respijt plannen voor Ria de Vries');
  await app.fill('Uren per week', '3');
  await app.check('maandag');
  await app.check('ochtend');
  await app.fill('Eerste datum', FIRST);
  await app.pressInView('Zoek aanbieders');
  await app.press('Plan bij ZorgMies');
  await app.heading('Reeks plannen bij ZorgMies');
  await app.fill('Aantal keer', '3');
  await app.pressInView('Reeks plannen');
  await app.see('3 inzetten gepland');
  await app.press('Naar het dossier');
  await app.heading('Ria de Vries');
});

test('move a session onto the next one in the caregiver week: the clash is refused until a reason is given', async () => {
  await app.pressInView('Weekkalender');
  await app.heading('Weekkalender van Ria de Vries');
  await moveWeeks(weeksAhead);
  await app.see(`t/m`);
  await openSession(0);
  await app.press('Inzet wijzigen');
  await app.fill('Datum', SECOND);
  await app.pressInView('Wijziging opslaan');
  const alert = await app.session.wait(until.elementLocated(By.css('.warning [role=alert]')), 15000);
  assert.match(await alert.getText(), new RegExp(`${SECOND}: De naaste is op ${SECOND} al ingepland van 09:00 tot 12:00`));
  await app.see('Er is nog niets gewijzigd.');

  await app.pressInView('Toch wijzigen');
  await app.see('Vul in waarom deze wijziging toch door moet gaan.');
  await app.fill('Reden om toch te wijzigen', 'Twee hulpen: Piet gaat die dag naar de kapper');
  await app.pressInView('Toch wijzigen');
  await app.see('De inzet is gewijzigd.');
  await app.see('Reden: Twee hulpen: Piet gaat die dag naar de kapper');

  // The first week is empty now; the next week holds both sessions.
  await app.session.wait(async () => (await sessionButtons()).length === 0, 15000, 'the moved session is still shown');
  await app.press('Volgende week');
  await app.session.wait(async () => (await sessionButtons()).length === 2, 15000, 'not two sessions in the next week');
});

test('record deliveries with the hours delivered; the cap counter counts the days', async () => {
  // Week of SECOND: the first of its two sessions, 2 hours delivered instead of 3.
  await openSession(0);
  await app.press('Uitgevoerd melden');
  await app.fill('Geleverde uren', '2');
  await app.pressInView('Uitgevoerd opslaan');
  await app.see('De inzet is gemeld als uitgevoerd (2 uur).');
  await app.session.wait(
    async () => (await sessionButtons()).some((t) => t.includes('(uitgevoerd)')),
    15000,
    'the calendar does not show the delivery',
  );

  // The week after: as planned.
  await app.press('Volgende week');
  await openSession(0);
  await app.press('Uitgevoerd melden');
  await app.pressInView('Uitgevoerd opslaan');
  await app.see('De inzet is gemeld als uitgevoerd (3 uur).');

  await app.press('Terug naar dossier');
  await app.heading('Ria de Vries');
  await app.see('VGZ: 2 van 14 dagen gebruikt, 12 over');
});

test('a cap of one day on the schemes screen: Dordrecht pays the second day from its budget', async () => {
  await app.press('Financiering');
  await app.heading('Financiering');
  await (await app.field('Gemeente')).findElement(By.xpath(".//option[normalize-space(.)='Dordrecht']")).click();
  await app.fill('Budget in euro', '10.000,00');
  await app.pressInView('Budget opslaan');
  await app.session.wait(async () => (await app.funderCell('GM0505', 'budget')) === '€ 10.000,00', 15000, 'budget not shown');
  // 5 hours at € 47,50, all within VGZ's 14 days.
  await app.session.wait(async () => (await app.funderCell('VGZ', 'delivered')).startsWith('€ 237,50'), 15000, 'VGZ delivered');
  assert.match(await app.funderCell('GM0505', 'delivered'), /^€ 0,00/);
  assert.match(await app.funderCell('GM0505', 'left'), /^€ 10\.000,00/);

  await app.press('Regelingen en beleid');
  await app.heading('Regelingen en beleid');
  await app.press('Wijzigen VGZ');
  await app.fill('Plafond per kalenderjaar', '1');
  await app.pressInView('Regeling opslaan');
  await app.see(`Opnieuw verdeeld: ${YEAR}.`);
  await app.see('1 dagen per jaar');

  await app.press('Terug naar financiering');
  await app.heading('Financiering');
  // The first day (2 hours) stays with VGZ; the second (3 hours, € 142,50) falls to Dordrecht.
  await app.session.wait(async () => (await app.funderCell('VGZ', 'delivered')).startsWith('€ 95,00'), 15000, 'VGZ did not drop');
  assert.match(await app.funderCell('GM0505', 'delivered'), /^€ 142,50/);
  assert.match(await app.funderCell('GM0505', 'left'), /^€ 9\.857,50/);

  await toDossier();
  await app.see('VGZ: 1 van 1 dagen gebruikt, 0 over');
});
