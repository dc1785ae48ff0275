// What the director does with planned sessions (issues 4 and 5): open one in
// the caregiver's week calendar, move it onto another session and override the
// clash with a reason; record deliveries with the hours delivered; then make
// the insurer's cap one day on the schemes screen and see the municipality's
// budget on the funding dashboard pay for the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { tempStore, useApp } from './app.mjs';

const db = tempStore();
const ctx = useApp(db);

// Three Mondays in the past (a session is reported delivered only once it has
// started) and in this calendar year, which the dashboard shows: three, two
// and one week back. In the first weeks of January that is last year.
const pad = (n) => String(n).padStart(2, '0');
const dutch = (d) => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
const plusDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const today = new Date();
const thisMonday = plusDays(today, -((today.getDay() + 6) % 7));
const nextMonday = plusDays(thisMonday, 7);
const first = plusDays(nextMonday, -28);
const weeksAhead = Math.round((first - thisMonday) / (7 * 86400000));
const FIRST = dutch(first);
const SECOND = dutch(plusDays(first, 7));
const YEAR = first.getFullYear();

/**
 * The session buttons of the week shown, as their text. The week re-renders
 * when the core answers (a reload after a change): a button found just before
 * that is gone, so the caller's wait asks again.
 */
async function sessionButtons() {
  const buttons = await ctx.app.session.findElements(By.css('.week-grid .session'));
  try {
    return await Promise.all(buttons.map((b) => b.getText()));
  } catch (err) {
    if (err?.name === 'StaleElementReferenceError') return [];
    throw err;
  }
}

async function openSession(n) {
  await ctx.app.session.wait(async () => (await sessionButtons()).length > n, 15000, `no session ${n + 1} in the week`);
  const button = (await ctx.app.session.findElements(By.css('.week-grid .session')))[n];
  await ctx.app.session.executeScript("arguments[0].scrollIntoView({ block: 'center' })", button);
  await button.click();
  await ctx.app.session.wait(until.elementLocated(By.css('.session-detail')), 15000);
}

/** From the week of today to the week `weeks` ahead (negative: back). */
async function moveWeeks(weeks) {
  for (let i = 0; i < Math.abs(weeks); i++) await ctx.app.press(weeks > 0 ? 'Volgende week' : 'Vorige week');
}

async function toDossier() {
  await ctx.app.press('Mantelzorgers');
  const search = await ctx.app.field('Zoeken');
  await search.sendKeys('Ria');
  const link = await ctx.app.session.wait(
    until.elementLocated(By.xpath("//tbody//*[self::a or self::button][contains(., 'Vries')]")),
    15000,
  );
  await link.click();
  await ctx.app.heading('Ria de Vries');
}

test('register Ria (VGZ) and plan three Monday mornings at ZorgMies', async () => {
  await ctx.app.registerRiaWithPiet();

  await ctx.app.press('Respijt plannen');
  await ctx.app.heading('Respijt plannen voor Ria de Vries');
  await ctx.app.fill('Uren per week', '3');
  await ctx.app.check('maandag');
  await ctx.app.check('ochtend');
  await ctx.app.fill('Eerste datum', FIRST);
  await ctx.app.pressInView('Zoek aanbieders');
  await ctx.app.press('Plan bij ZorgMies');
  await ctx.app.heading('Reeks plannen bij ZorgMies');
  await ctx.app.fill('Aantal keer', '3');
  await ctx.app.pressInView('Reeks plannen');
  await ctx.app.see('3 inzetten gepland');
  await ctx.app.press('Naar het dossier');
  await ctx.app.heading('Ria de Vries');
});

test('move a session onto the next one in the caregiver week: the clash is refused until a reason is given', async () => {
  await ctx.app.pressInView('Weekkalender');
  await ctx.app.heading('Weekkalender van Ria de Vries');
  await moveWeeks(weeksAhead);
  await ctx.app.see(`t/m`);
  await openSession(0);
  await ctx.app.press('Inzet wijzigen');
  await ctx.app.fill('Datum', SECOND);
  await ctx.app.pressInView('Wijziging opslaan');
  const alert = await ctx.app.session.wait(until.elementLocated(By.css('.warning [role=alert]')), 15000);
  assert.match(await alert.getText(), new RegExp(`${SECOND}: De naaste is op ${SECOND} al ingepland van 09:00 tot 12:00`));
  await ctx.app.see('Er is nog niets gewijzigd.');

  await ctx.app.pressInView('Toch wijzigen');
  await ctx.app.see('Vul in waarom deze wijziging toch door moet gaan.');
  await ctx.app.fill('Reden om toch te wijzigen', 'Twee hulpen: Piet gaat die dag naar de kapper');
  await ctx.app.pressInView('Toch wijzigen');
  await ctx.app.see('De inzet is gewijzigd.');
  await ctx.app.see('Reden: Twee hulpen: Piet gaat die dag naar de kapper');

  // The first week is empty now; the next week holds both sessions.
  await ctx.app.session.wait(async () => (await sessionButtons()).length === 0, 15000, 'the moved session is still shown');
  await ctx.app.press('Volgende week');
  await ctx.app.session.wait(async () => (await sessionButtons()).length === 2, 15000, 'not two sessions in the next week');
});

test('record deliveries with the hours delivered; the cap counter counts the days', async () => {
  // Week of SECOND: the first of its two sessions, 2 hours delivered instead of 3.
  await openSession(0);
  await ctx.app.press('Uitgevoerd melden');
  await ctx.app.fill('Geleverde uren', '2');
  await ctx.app.pressInView('Uitgevoerd opslaan');
  await ctx.app.see('De inzet is gemeld als uitgevoerd (2 uur).');
  await ctx.app.session.wait(
    async () => (await sessionButtons()).some((t) => t.includes('(uitgevoerd)')),
    15000,
    'the calendar does not show the delivery',
  );

  // The week after: as planned.
  await ctx.app.press('Volgende week');
  await openSession(0);
  await ctx.app.press('Uitgevoerd melden');
  await ctx.app.pressInView('Uitgevoerd opslaan');
  await ctx.app.see('De inzet is gemeld als uitgevoerd (3 uur).');

  await ctx.app.press('Terug naar dossier');
  await ctx.app.heading('Ria de Vries');
  await ctx.app.see('VGZ: 2 van 14 dagen gebruikt, 12 over');
});

test('a cap of one day on the schemes screen: Dordrecht pays the second day from its budget', async () => {
  await ctx.app.press('Financiering');
  await ctx.app.heading('Financiering');
  await (await ctx.app.field('Gemeente')).findElement(By.xpath(".//option[normalize-space(.)='Dordrecht']")).click();
  await ctx.app.fill('Budget in euro', '10.000,00');
  await ctx.app.pressInView('Budget opslaan');
  await ctx.app.session.wait(async () => (await ctx.app.funderCell('GM0505', 'budget')) === '€ 10.000,00', 15000, 'budget not shown');
  // 5 hours at € 47,50, all within VGZ's 14 days.
  await ctx.app.session.wait(async () => (await ctx.app.funderCell('VGZ', 'delivered')).startsWith('€ 237,50'), 15000, 'VGZ delivered');
  assert.match(await ctx.app.funderCell('GM0505', 'delivered'), /^€ 0,00/);
  assert.match(await ctx.app.funderCell('GM0505', 'left'), /^€ 10\.000,00/);

  await ctx.app.press('Regelingen en beleid');
  await ctx.app.heading('Regelingen en beleid');
  await ctx.app.press('Wijzigen VGZ altijd');
  await ctx.app.fill('Plafond per kalenderjaar', '1');
  await ctx.app.pressInView('Regeling opslaan');
  await ctx.app.see(`Opnieuw verdeeld: ${YEAR}.`);
  await ctx.app.see('1 dagen per jaar');

  await ctx.app.press('Terug naar financiering');
  await ctx.app.heading('Financiering');
  // The first day (2 hours) stays with VGZ; the second (3 hours, € 142,50) falls to Dordrecht.
  await ctx.app.session.wait(async () => (await ctx.app.funderCell('VGZ', 'delivered')).startsWith('€ 95,00'), 15000, 'VGZ did not drop');
  assert.match(await ctx.app.funderCell('GM0505', 'delivered'), /^€ 142,50/);
  assert.match(await ctx.app.funderCell('GM0505', 'left'), /^€ 9\.857,50/);

  await toDossier();
  await ctx.app.see('VGZ: 1 van 1 dagen gebruikt, 0 over');
});
