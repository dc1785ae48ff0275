// axe-core in the real WebKit window: its source is handed to the window
// through WebDriver's "execute script" (the automation evaluates it outside the
// page's Content-Security-Policy, so the shipped `script-src 'self'` stays as
// it is), then `axe.run` checks the whole document against the WCAG 2.1 A and
// AA rules. Each scan prints one line with the counts by impact, e.g.
//   axe "Dossier": 0 critical, 0 serious, 0 moderate, 0 minor (31 rules passed)
// so the e2e output shows every screen's result.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const axe = require('axe-core');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'];

/** Every screen scanned in this process, with its counts: for a summary at the end. */
export const scanned = [];

/**
 * What axe-core finds in the window now: the number of rules passed, the
 * violations (rule, impact, help text, elements) and the rules it could not
 * decide by itself ("incomplete": to look at by hand).
 */
export async function findings(app) {
  const session = app.session;
  // The app never reloads its page, but a restart or a new session gives a
  // fresh window: inject once per document.
  const present = await session.executeScript('return typeof window.axe === "object"');
  if (!present) await session.executeScript(`${axe.source}\nreturn true;`);
  const json = await session.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.axe
       .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] })
       .then((r) => done(JSON.stringify({
         passes: r.passes.length,
         incomplete: r.incomplete.map((v) => v.id),
         violations: r.violations.map((v) => ({
           id: v.id, impact: v.impact, help: v.help,
           nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
         })),
       })), (e) => done(JSON.stringify({ error: String(e) })));`,
  );
  const result = JSON.parse(json);
  if (result.error) throw new Error(`axe-core did not run: ${result.error}`);
  return result;
}

/**
 * Scans what the window shows now. Returns the counts by impact; prints the
 * line; fails when any violation is serious or critical, naming each rule,
 * its help text and the elements it found.
 */
export async function scan(app, screen) {
  const result = await findings(app);
  const counts = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
  for (const v of result.violations) counts[v.impact] = (counts[v.impact] ?? 0) + v.nodes.length;
  const line = `axe "${screen}": ${IMPACTS.map((i) => `${counts[i]} ${i}`).join(', ')} (${result.passes} rules passed${
    result.incomplete.length ? `; to check by hand: ${result.incomplete.join(', ')}` : ''
  })`;
  console.log(line);
  for (const v of result.violations) {
    console.log(`  ${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replaceAll('\n', '\n      ')}`).join('\n')}`);
  }
  scanned.push({ screen, counts });
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // AXE_REPORT_ONLY=1 prints every screen's findings without stopping at the first.
  if (process.env.AXE_REPORT_ONLY) return counts;
  assert.equal(
    bad.length,
    0,
    `serious or critical accessibility violations on "${screen}":\n` +
      bad.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target).join(', ')}`).join('\n'),
  );
  return counts;
}
