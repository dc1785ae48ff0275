// The quarterly export a director makes for the funders: choose a quarter,
// see the totals before saving, save a CSV, and find in the file exactly the
// figures the app showed and the CLI (for scheduled runs) produces.
//
// The system's save dialog cannot be driven by WebDriver, so the test sets
// window.__RESPIJT_SAVE_PATH__, the one seam ui/src/lib/ipc.ts pickSavePath
// documents for this; everything after the dialog is the real path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { By } from 'selenium-webdriver';
import { CLI, cli as runCli, tempStore, useApp } from './app.mjs';

const db = tempStore();
const dir = dirname(db);
const saved = join(dir, 'respijt-2026-Q1-alle.csv');
// What the app showed, compared with the file and the CLI below.
const shown = {};

const cli = (...args) => runCli(db, ...args);

const ctx = useApp(db, {
  prepare() {
    if (!existsSync(CLI)) throw new Error(`CLI not found at ${CLI}; run cargo build --bin respijt first`);
    // A region with sessions 2022–2026 and the ledger filled, before the app opens the store.
    cli('demo', '--seed', '3', '--caregivers', '200', '--providers', '5', '--sessions', '3000');
  },
});

/** "127 regels, totaal € 16.902,50, 380 uur" → { rows, cents, hours } */
function parseTotals(text) {
  const m = /(\d+) regels?, totaal (-?)€ ([\d.]+),(\d{2}), ([\d,]+) uur/.exec(text);
  assert.ok(m, `totals not understood: "${text}"`);
  return { rows: Number(m[1]), cents: (m[2] ? -1 : 1) * (Number(m[3].replaceAll('.', '')) * 100 + Number(m[4])), hours: m[5] };
}

/** "16902,50" / "-12,05" → cents, without floats. */
function centsOf(amount) {
  const m = /^(-?)(\d+),(\d{2})$/.exec(amount);
  assert.ok(m, `amount not in decimal-comma form: "${amount}"`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

/** One line of our CSV: `;`-separated, fields with `;` or `"` quoted. */
function splitCsv(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

async function choose(label, optionText) {
  const select = await ctx.app.field(label);
  const option = await select.findElement(By.xpath(`./option[normalize-space(.)='${optionText}']`));
  await option.click();
  await ctx.app.session.wait(async () => (await option.isSelected()) === true, 5000, `"${optionText}" not chosen in ${label}`);
}

test('choose a quarter and see its totals before saving', async () => {
  await ctx.app.press('Export');
  await ctx.app.heading('Export voor financiers');
  await choose('Soort periode', 'Kwartaal');
  await choose('Jaar', '2026');
  await choose('Kwartaal', '1e kwartaal (januari–maart)');
  await choose('Financier', 'Alle (gedetailleerd)');
  await choose('Formaat', 'CSV (Excel)');
  await ctx.app.see('Periode 2026-Q1 (01-01-2026 t/m 31-03-2026), gedetailleerd gebruik');
  shown.preview = parseTotals(await ctx.app.textOf('[data-testid="export-totals"]'));
  assert.ok(shown.preview.rows > 0, 'the demo has sessions in 2026-Q1');
  assert.ok(shown.preview.cents > 0);
});

test('save the CSV through the save step and see the result', async () => {
  assert.equal(existsSync(saved), false);
  await ctx.app.session.executeScript('window.__RESPIJT_SAVE_PATH__ = arguments[0];', saved);
  await ctx.app.press('Opslaan…');
  await ctx.app.heading('Opgeslagen');
  assert.equal(await ctx.app.textOf('[data-testid="export-path"]'), saved);
  shown.saved = parseTotals(await ctx.app.textOf('[data-testid="export-saved-totals"]'));
  // Same store, nothing changed in between: the preview told the truth.
  assert.deepEqual(shown.saved, shown.preview);
  await ctx.app.see('Controlecode');
  // Not a final export: the period stays open.
  const closed = await ctx.app.session.findElements(By.xpath("//*[contains(., 'Periode afgesloten')]"));
  assert.equal(closed.length, 0);
});

test('the file opens in Dutch Excel and adds up to what the app showed', async () => {
  assert.ok(existsSync(saved), `no file at ${saved}`);
  const bytes = readFileSync(saved);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark for Excel');
  const lines = bytes.subarray(3).toString('utf8').split(/\r?\n/).filter((l) => l.length > 0);
  assert.match(lines[0], /^periode;datum;gemeente;aanbieder;dienst;eenheid;hoeveelheid;minuten;kosten;financier;financier_naam;bedrag;soort;mantelzorger$/);
  const header = splitCsv(lines[0]);
  const bedrag = header.indexOf('bedrag');
  const rows = lines.slice(1).map(splitCsv);
  const entries = rows.filter((r) => r[0] === '2026-Q1');
  const footer = rows.filter((r) => r[0] !== '2026-Q1');
  assert.equal(entries.length, shown.saved.rows);
  const sum = entries.reduce((acc, r) => acc + centsOf(r[bedrag]), 0);
  assert.equal(sum, shown.saved.cents, 'sum of bedrag = total shown in the app');
  // The totals follow one empty line, as a block of their own whose figures
  // stay out of the data columns (a SUM over `bedrag` counts every entry once).
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(/\n\ntotalen;regels;minuten;bedrag\n/.test(text), 'the totals block after an empty line');
  assert.deepEqual(footer[0], ['totalen', 'regels', 'minuten', 'bedrag']);
  const total = footer.find((r) => r[0] === 'totaal');
  assert.equal(Number(total[1]), entries.length);
  assert.equal(centsOf(total[3]), sum);
  assert.ok(footer.every((r) => r[bedrag] === undefined || r[bedrag] === ''), 'nothing of the totals in the bedrag column');
  shown.sum = sum;
});

test('the CLI for scheduled runs gives the same total', async () => {
  // After the app is closed, so both read the same ledger.
  await ctx.app.quit();
  ctx.app = undefined;
  const out = join(dir, 'cli-2026-Q1.csv');
  const result = JSON.parse(cli('export', 'usage', '--period', '2026-Q1', '--format', 'csv', '--out', out, '--json'));
  assert.equal(result.total, shown.sum);
  assert.equal(result.rows, shown.saved.rows);
  // An open period exported again from the same ledger: the same bytes.
  assert.deepEqual(readFileSync(out), readFileSync(saved));
});
