// Nothing lost, as the director meets it in the window: the first start
// shows a recovery key once; with it a lost passphrase is replaced; backups
// also go to a folder she chooses; a store cut in half is recognised at
// unlock and the newest good backup put back; and closing the app leaves no
// half-written backup behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { By, until } from 'selenium-webdriver';
import { CLI, PASSPHRASE, openApp, tempStore, useApp } from './app.mjs';

const db = tempStore();
const ctx = useApp(db, { locked: true });
const NEW = 'zeven blauwe fietsen op de dijk';
const stick = mkdtempSync(join(tmpdir(), 'respijt-e2e-stick-'));
let recoveryKey = '';

function cliWith(passphrase, ...args) {
  const file = join(dirname(db), `zin-${passphrase.length}.txt`);
  writeFileSync(file, `${passphrase}\n`);
  return execFileSync(CLI, ['--db', db, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RESPIJT_PASSPHRASE_FILE: file },
  });
}

test('a new store shows its recovery key once, to print and keep', async () => {
  await ctx.app.heading('Opslag beveiligen');
  await ctx.app.fill('Wachtwoordzin', PASSPHRASE);
  await ctx.app.fill('Herhaal de wachtwoordzin', PASSPHRASE);
  await ctx.app.press('Opslag aanmaken');
  await ctx.app.heading('Uw herstelsleutel');
  const go = await ctx.app.session.findElement(By.xpath("//button[normalize-space(.)='Verder']"));
  assert.equal(await go.isEnabled(), false, 'not on before the key is said to be kept');
  recoveryKey = await ctx.app.keepRecoveryKey();
  assert.match(recoveryKey, /^AGE-SECRET-KEY-1( [0-9A-Z]{1,4})+$/);
  await ctx.app.registerRiaWithPiet();
});

test('backups also go to a folder the director chooses, with the recovery file', async () => {
  await ctx.app.press('Instellingen');
  await ctx.app.see('Back-ups ook in een andere map');
  await ctx.app.fill('Elke hoeveel dagen (1 is dagelijks, 7 wekelijks)', '7');
  await ctx.app.session.executeScript('window.__RESPIJT_OPEN_PATH__ = arguments[0];', stick);
  await ctx.app.pressInView('Map kiezen');
  await ctx.app.see('De eerste is gemaakt en gecontroleerd');
  await ctx.app.session.executeScript('delete window.__RESPIJT_OPEN_PATH__;');
  const onStick = readdirSync(stick);
  assert.ok(onStick.some((f) => /^respijtregie-\d{8}-\d{6}-dagelijks\.db$/.test(f)), onStick.join(', '));
  assert.ok(onStick.includes('respijt.herstel'), onStick.join(', '));
  // A backup of today's work beside the store: the one to put back later.
  await ctx.app.pressInView('Nu een back-up maken');
  await ctx.app.see('Back-up gemaakt en gecontroleerd.');
});

test('the recovery key opens the store when the passphrase is lost', async () => {
  await ctx.app.press('Vergrendelen');
  await ctx.app.heading('Respijtregie ontgrendelen');
  await ctx.app.press('Wachtwoordzin vergeten?');
  await ctx.app.heading('Wachtwoordzin vergeten');
  await ctx.app.fill('Herstelsleutel', recoveryKey);
  await ctx.app.fill('Nieuwe wachtwoordzin', NEW);
  await ctx.app.fill('Herhaal de nieuwe wachtwoordzin', NEW);
  await ctx.app.press('Opslag openen met de herstelsleutel');
  await ctx.app.session.wait(until.elementLocated(By.css('nav.app-nav')), 15000, 'the recovery key did not open the store');
  assert.throws(() => cliWith(PASSPHRASE, 'caregivers', 'list'), /wachtwoordzin klopt niet/);
  assert.match(cliWith(NEW, 'caregivers', 'list'), /Vries/);
});

test('a store cut in half is recognised at unlock and the newest good backup put back', async () => {
  await ctx.app.quit();
  ctx.app = undefined;
  truncateSync(db, Math.floor(statSync(db).size / 2 / 4096) * 4096);
  ctx.app = await openApp(ctx.driver.url, { locked: true });
  await ctx.app.heading('Respijtregie ontgrendelen');
  await ctx.app.fill('Wachtwoordzin', NEW);
  await ctx.app.press('Ontgrendelen');
  await ctx.app.heading('De opslag is beschadigd');
  await ctx.app.see('zet de nieuwste goede back-up terug');
  const button = await ctx.app.session.wait(
    until.elementLocated(By.xpath("//button[starts-with(normalize-space(.), 'Back-up van ')]")),
    15000,
  );
  await button.click();
  await ctx.app.session.wait(until.elementLocated(By.css('nav.app-nav')), 15000, 'the backup did not open');
  const search = await ctx.app.field('Zoeken');
  await search.sendKeys('Ria');
  await ctx.app.session.wait(async () => (await ctx.app.rows()).some((r) => r.includes('Vries')), 10000, 'Ria is not back');
  const aside = readdirSync(dirname(db)).filter((f) => /^respijt\.beschadigd-\d{8}-\d{6}\.db$/.test(f));
  assert.equal(aside.length, 1, 'the damaged file is kept aside');
});

test('closing the app leaves no half-written backup', async () => {
  await ctx.app.quit();
  ctx.app = undefined;
  const left = readdirSync(join(dirname(db), 'backups')).filter(
    (f) => f.endsWith('.deel') || (f.endsWith('.db') && statSync(join(dirname(db), 'backups', f)).size === 0),
  );
  assert.deepEqual(left, []);
});
