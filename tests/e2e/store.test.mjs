// The store's gate, as the director meets it: the first start asks for a
// passphrase, a locked app opens only with the right one, the file on disk
// shows nobody's name, and a passphrase changed in Instellingen is the one
// the store needs from then on (the CLI is refused the old one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { By, until } from 'selenium-webdriver';
import { CLI, PASSPHRASE, tempStore, useApp } from './app.mjs';

const db = tempStore();
const ctx = useApp(db, { locked: true });
const NEW = 'een heel nieuwe wachtwoordzin';

test('the first start asks for a passphrase twice and refuses a short one', async () => {
  await ctx.app.heading('Opslag beveiligen');
  await ctx.app.fill('Wachtwoordzin', 'kort');
  await ctx.app.fill('Herhaal de wachtwoordzin', 'kort');
  await ctx.app.press('Opslag aanmaken');
  await ctx.app.see('Kies een wachtwoordzin van minstens 12 tekens');
  assert.equal(existsSync(db), false, 'no store without a good passphrase');
  await ctx.app.fill('Wachtwoordzin', PASSPHRASE);
  await ctx.app.fill('Herhaal de wachtwoordzin', PASSPHRASE);
  await ctx.app.press('Opslag aanmaken');
  await ctx.app.keepRecoveryKey();
  await ctx.app.registerRiaWithPiet();
});

test("the dossier shows who looked at it, and the trail is saved for the person it is about", async () => {
  await ctx.app.heading('Wie keek mee');
  await ctx.app.see('Dossier aangemaakt');
  await ctx.app.see('Dossier bekeken');
  const file = join(dirname(db), 'logboek-ria.csv');
  await ctx.app.session.executeScript('window.__RESPIJT_SAVE_PATH__ = arguments[0];', file);
  await ctx.app.pressInView('Logboek exporteren');
  await ctx.app.see('Logboek opgeslagen');
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines[0], 'wanneer (UTC);wie;namens;wat;toelichting');
  assert.match(lines[1], /;regisseur;;Dossier aangemaakt;/);
  assert.ok(lines.some((l) => l.includes('Dossier bekeken')), lines.join('\n'));
});

test('a locked app opens only with the right passphrase', async () => {
  await ctx.app.press('Vergrendelen');
  await ctx.app.heading('Respijtregie ontgrendelen');
  await ctx.app.fill('Wachtwoordzin', 'niet de goede wachtwoordzin');
  await ctx.app.press('Ontgrendelen');
  await ctx.app.see('De wachtwoordzin klopt niet');
  await ctx.app.fill('Wachtwoordzin', PASSPHRASE);
  await ctx.app.press('Ontgrendelen');
  const search = await ctx.app.field('Zoeken');
  await search.sendKeys('Ria');
  await ctx.app.session.wait(async () => (await ctx.app.rows()).some((r) => r.includes('Vries')), 10000, 'Ria is not found');
});

test('the store on disk shows no names', async () => {
  for (const file of [db, `${db}-wal`].filter(existsSync)) {
    const bytes = readFileSync(file);
    assert.equal(bytes.includes('Vries'), false, `a name is readable in ${file}`);
  }
});

test('a passphrase changed in Instellingen is the one the store needs from then on', async () => {
  await ctx.app.press('Instellingen');
  await ctx.app.fill('Huidige wachtwoordzin', PASSPHRASE);
  await ctx.app.fill('Nieuwe wachtwoordzin', NEW);
  await ctx.app.fill('Herhaal de nieuwe wachtwoordzin', NEW);
  await ctx.app.press('Wachtwoordzin wijzigen');
  await ctx.app.see('De wachtwoordzin is gewijzigd');

  const withPassphrase = (text) => {
    const file = join(dirname(db), `zin-${text.length}.txt`);
    writeFileSync(file, `${text}\n`);
    return execFileSync(CLI, ['--db', db, 'caregivers', 'list'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RESPIJT_PASSPHRASE_FILE: file },
    });
  };
  assert.throws(() => withPassphrase(PASSPHRASE), /wachtwoordzin klopt niet/);
  assert.match(withPassphrase(NEW), /Vries/);

  // And so does the window, after locking.
  await ctx.app.press('Vergrendelen');
  await ctx.app.fill('Wachtwoordzin', NEW);
  await ctx.app.press('Ontgrendelen');
  await ctx.app.session.wait(until.elementLocated(By.css('nav.app-nav')), 15000, 'the new passphrase did not open the store');
});

test('erasure on request: the dossier keeps no name, the CLI finds nobody', async () => {
  const search = await ctx.app.field('Zoeken');
  await search.sendKeys('Ria');
  const link = await ctx.app.session.wait(
    until.elementLocated(By.xpath("//tbody//*[self::a or self::button][contains(., 'Vries')]")),
    10000,
  );
  await link.click();
  await ctx.app.heading('Ria de Vries');
  await ctx.app.heading('Bewaren en wissen');
  await ctx.app.pressInView('Gegevens wissen op verzoek');
  await ctx.app.see('Vink aan dat u begrijpt');
  await ctx.app.check('Ik begrijp dat wissen niet terug te draaien is');
  await ctx.app.pressInView('Gegevens wissen op verzoek');
  await ctx.app.see('De persoonsgegevens van dit dossier zijn gewist.');
  await ctx.app.heading('Gewist');
  const file = join(dirname(db), 'zin-nieuw.txt');
  writeFileSync(file, `${NEW}\n`);
  const listed = execFileSync(CLI, ['--db', db, 'caregivers', 'list', '--include-archived'], {
    encoding: 'utf8',
    env: { ...process.env, RESPIJT_PASSPHRASE_FILE: file },
  });
  assert.doesNotMatch(listed, /Vries/);
});
