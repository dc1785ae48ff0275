// A provider's monthly statement read in from the Aanbieders screen (issue
// 4): a file with a bad row is refused with the row and the column named and
// nothing written; a good file records the delivered session it reports
// (unplanned, so flagged for review) and the ledger pays for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { CLI, cli as runCli, tempStore, useApp } from './app.mjs';

const db = tempStore();
const dir = mkdtempSync(join(tmpdir(), 'respijt-e2e-overzicht-'));

const cli = (...args) => runCli(db, ...args);
const HEADER = 'extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status';
const YEAR = new Date().getFullYear();

function delivered() {
  const summary = JSON.parse(cli('funding', 'summary', '--year', String(YEAR), '--json'));
  return summary.funders.reduce((sum, f) => sum + f.delivered, 0);
}

const ctx = useApp(db, {
  prepare() {
    if (!existsSync(CLI)) throw new Error(`CLI not found at ${CLI}; run cargo build --bin respijt first`);
    cli('init');
    const caregivers = join(dir, 'mantelzorgers.csv');
    writeFileSync(
      caregivers,
      'extern_id;voornaam;achternaam;geboortedatum;postcode;huisnummer;verzekeraar;polisnummer;aanvullend;naaste_voornaam;naaste_achternaam;naaste_geboortedatum;relatie\n' +
        'MZ-77;Ria;de Vries;12-03-1961;3311 AB;12;VGZ;P-123;ja;Truus;de Vries;02-02-1931;moeder\n',
    );
    cli('import', 'caregivers', caregivers);
  },
  async afterOpen(app) {
    await app.press('Aanbieders');
    await app.heading('Aanbieders');
  },
});

async function readIn(name, text) {
  const file = join(dir, name);
  writeFileSync(file, text);
  await ctx.app.session.executeScript('window.__RESPIJT_OPEN_PATH__ = arguments[0];', file);
  await ctx.app.press('Overzicht kiezen en inlezen');
}

test('a statement with a bad date is refused, naming the row and the column, and writes nothing', async () => {
  await readIn('fout.csv', `${HEADER}\nZM-1;MZ-77;zorgmies;thuis;31-02-${YEAR};09:00;12:00;uitgevoerd\n`);
  await ctx.app.see('Er is niets ingelezen.');
  await ctx.app.see('Regel 1, kolom datum');
  assert.equal(delivered(), 0, 'nothing reached the ledger');
});

test('a delivered session without a plan is recorded for review and paid from the ledger', async () => {
  await readIn('november.csv', `${HEADER}\nZM-1;MZ-77;zorgmies;thuis;02-01-${YEAR};09:00;12:00;uitgevoerd\n`);
  await ctx.app.see('1 regel ingelezen.');
  await ctx.app.see('1 niet gepland: als nieuwe inzet vastgelegd, om na te kijken');
  await ctx.app.see('Regel 1 (ZM-1)');
  assert.ok(delivered() > 0, 'the three hours are in the ledger');
});

test('the app made its daily backup beside the store when it started', async () => {
  const backups = join(dirname(db), 'backups');
  const daily = () => (existsSync(backups) ? readdirSync(backups).filter((f) => f.endsWith('-dagelijks.db')) : []);
  await ctx.app.session.wait(async () => daily().length === 1, 15000, 'no daily backup appeared');
});
