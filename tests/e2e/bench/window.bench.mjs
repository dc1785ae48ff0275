// The window benchmark (issue 18): what a person waits for in the real app,
// on an encrypted store of region size. Not a test (its name is outside
// `npm test`'s glob): `make bench-app` builds what it needs and runs it as
//   node bench/window.bench.mjs STORE
// under xvfb-run, with RESPIJT_APP and RESPIJT_CLI naming the build to measure.
// A missing STORE is made first with the CLI (25,000 caregivers, seed 1).
//
// Every time is taken inside the page (performance.now()), from the click or
// the keystroke's keydown to the first moment after the frame that shows the
// answer (a MutationObserver sees the DOM change, then requestAnimationFrame
// and a message after it), so WebDriver's round trips are not in the figure.
// Only "start to unlock screen" spans two processes: from asking tauri-driver
// for a session (which launches the app) to the page's clock when the
// passphrase field is there.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname } from 'node:path';
import { APP, PASSPHRASE, cli, startDriver, startSession } from '../app.mjs';

const store = process.argv[2] ?? process.env.RESPIJT_BENCH_STORE;
if (!store) {
  console.error('gebruik: node bench/window.bench.mjs OPSLAGBESTAND');
  process.exit(2);
}
const CAREGIVERS = Number(process.env.BENCH_CAREGIVERS ?? 25000);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 20);
const DASHBOARDS = Number(process.env.BENCH_DASHBOARDS ?? 10);

// 50 queries of 1-6 characters: each word typed a letter at a time, every
// keystroke one query (names, a place, a postcode of the demo region).
const WORDS = ['jansen', 'vries', 'dordre', 'bakker', '3311', 'visser', 'yilmaz', 'hendri', 'mulder'];
const QUERIES = WORDS.flatMap((w) => [...w].map((_, i) => w.slice(0, i + 1))).slice(0, 50);

// In the page: wait until `w` holds, then until the frame that shows it is drawn.
// `w` is { answered: string | null } (the caregiver list shows the answer to
// that query; null: to any) or { selector } (an element with text, or an input).
const LIB = String.raw`
function ready(w) {
  if ('answered' in w) {
    const s = document.querySelector('section[data-answered]');
    return !!s && (w.answered === null || s.getAttribute('data-answered') === w.answered);
  }
  const e = document.querySelector(w.selector);
  return !!e && (e.tagName === 'INPUT' || e.textContent.trim().length > 0);
}
function listRows() {
  return document.querySelectorAll('section[data-answered] tbody tr').length;
}
function whenReady(w, cb) {
  let finished = false;
  let observer = null;
  const timer = setTimeout(() => finish({ error: 'niet verschenen: ' + JSON.stringify(w) }), w.timeout ?? 30000);
  function finish(r) {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    if (observer) observer.disconnect();
    if (r) return cb(r);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => cb({ at: performance.now(), epoch: Date.now(), rows: listRows() });
      channel.port2.postMessage(0);
    });
  }
  if (ready(w)) return finish();
  observer = new MutationObserver(() => { if (ready(w)) finish(); });
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
}
function find(selector, text) {
  const all = [...document.querySelectorAll(selector)];
  const e = text == null ? all[0] : all.find((x) => x.textContent.trim() === text);
  if (!e) throw new Error('niet gevonden: ' + selector + ' ' + (text ?? ''));
  return e;
}
`;

/** Waits in the page until `w` holds; the page's clock then. */
const WAIT = `${LIB}
const done = arguments[arguments.length - 1];
whenReady(arguments[0], done);`;

/**
 * Clicks in the page and waits there until `w` holds: milliseconds between.
 * With a fourth argument (a selector), also when that element first appeared.
 */
const CLICK_AND_WAIT = `${LIB}
const done = arguments[arguments.length - 1];
const target = find(arguments[0], arguments[1]);
const mark = arguments.length > 4 ? arguments[3] : null;
let marked = null;
const markObserver = mark && new MutationObserver(() => {
  if (marked === null && document.querySelector(mark)) { marked = performance.now(); markObserver.disconnect(); }
});
if (markObserver) markObserver.observe(document.documentElement, { subtree: true, childList: true });
const t0 = performance.now();
target.click();
whenReady(arguments[2], (r) => {
  if (markObserver) markObserver.disconnect();
  done(r.error ? r : { ms: r.at - t0, rows: r.rows, mark: marked === null ? null : marked - t0 });
});`;

/** Puts `prefix` in Zoeken (as pasted: one input event) and waits for its answer. */
const SET_QUERY = `${LIB}
const done = arguments[arguments.length - 1];
const input = document.getElementById('zoeken');
input.focus();
if (input.value !== arguments[0]) {
  input.value = arguments[0];
  input.setSelectionRange(input.value.length, input.value.length);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
whenReady({ answered: arguments[0] }, done);`;

/** Arms the timing of one keystroke: from its keydown to the shown answer to `query`. */
const ARM_KEY = `${LIB}
const bench = (window.__respijtBench = { t0: null, result: null });
document.getElementById('zoeken').addEventListener('keydown', () => { if (bench.t0 === null) bench.t0 = performance.now(); }, { capture: true, once: true });
whenReady({ answered: arguments[0] }, (r) => { bench.result = r; });`;

const KEY_RESULT = `const done = arguments[arguments.length - 1];
const bench = window.__respijtBench;
(function poll() {
  if (!bench.result) return setTimeout(poll, 5);
  if (bench.result.error || bench.t0 === null) return done({ error: bench.result.error ?? 'geen keydown gezien' });
  done({ ms: bench.result.at - bench.t0, rows: bench.result.rows });
})();`;

function check(r) {
  if (r?.error) throw new Error(r.error);
  return r;
}

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(((sorted.length - 1) * p) / 100)];
}

const profile = basename(dirname(APP));
if (!existsSync(store)) {
  mkdirSync(dirname(store), { recursive: true });
  console.log(`Demo-opslag met ${CAREGIVERS} mantelzorgers maken in ${store} ...`);
  cli(store, 'demo', '--seed', '1', '--caregivers', String(CAREGIVERS));
}
const megabytes = (statSync(store).size / 1e6).toFixed(0);
console.log(`Respijtregie in het venster: ${profile}-build (${APP}), ${cpus().length} kernen`);
console.log(`opslag ${store} (${megabytes} MB, versleuteld)`);

const driver = await startDriver(store);
const figures = {
  start: { name: 'start tot ontgrendelscherm', samples: [], target: null },
  unlock: { name: 'ontgrendelen tot lijst (met sleutelafleiding)', samples: [], target: 1000 },
  menu: { name: '  waarvan tot het menu (lijst nog niet getoond)', samples: [], target: null },
  search: { name: 'toetsaanslag in Zoeken tot resultaat', samples: [], target: 100 },
  dossier: { name: 'dossier openen', samples: [], target: 100 },
  dashboard: { name: 'financieringsoverzicht openen', samples: [], target: 200 },
};
let session;
let mostRows = 0;
const perQuery = [];
let firstRows = 0;
try {
  for (let i = 0; i < STARTS; i++) {
    if (session) await session.quit();
    const asked = Date.now();
    session = await startSession(driver.url);
    await session.manage().setTimeouts({ script: 60000 });
    const shown = check(await session.executeAsyncScript(WAIT, { selector: '#unlock-passphrase' }));
    figures.start.samples.push(shown.epoch - asked);
    const field = await session.findElement({ css: '#unlock-passphrase' });
    await field.sendKeys(PASSPHRASE);
    const opened = check(
      await session.executeAsyncScript(
        CLICK_AND_WAIT,
        'form button[type=submit]',
        'Ontgrendelen',
        { answered: null },
        'nav.app-nav',
      ),
    );
    figures.unlock.samples.push(opened.ms);
    if (opened.mark !== null) figures.menu.samples.push(opened.mark);
    firstRows = opened.rows;
  }

  const input = await session.findElement({ css: '#zoeken' });
  for (const query of QUERIES) {
    check(await session.executeAsyncScript(SET_QUERY, query.slice(0, -1)));
    await session.executeScript(ARM_KEY, query);
    await input.sendKeys(query.slice(-1));
    const r = check(await session.executeAsyncScript(KEY_RESULT));
    figures.search.samples.push(r.ms);
    perQuery.push([query, r.ms]);
    mostRows = Math.max(mostRows, r.rows);
  }

  // Dossiers from a query with rows in any version of the list (an empty
  // field may show none); the list keeps it on the way back.
  const DOSSIER_QUERY = 'jansen';
  check(await session.executeAsyncScript(SET_QUERY, DOSSIER_QUERY));
  for (let i = 0; i < DOSSIERS; i++) {
    const row = `section[data-answered] tbody tr:nth-child(${i + 1}) th button`;
    const r = check(await session.executeAsyncScript(CLICK_AND_WAIT, row, null, { selector: '#dossier-title' }));
    figures.dossier.samples.push(r.ms);
    check(await session.executeAsyncScript(CLICK_AND_WAIT, 'button', 'Terug naar lijst', { answered: DOSSIER_QUERY }));
  }

  for (let i = 0; i < DASHBOARDS; i++) {
    const r = check(
      await session.executeAsyncScript(CLICK_AND_WAIT, 'button[data-command=funding_dashboard]', null, {
        selector: 'table.funders',
      }),
    );
    figures.dashboard.samples.push(r.ms);
    check(
      await session.executeAsyncScript(CLICK_AND_WAIT, 'button[data-command=search_caregivers]', null, {
        answered: null,
      }),
    );
  }
} finally {
  await session?.quit().catch(() => {});
  driver.stop();
}

const ms = (v) => (v === null || v === undefined ? '—' : `${v.toFixed(0)} ms`);
console.log();
console.log(`${'meting'.padEnd(48)} ${'n'.padStart(3)} ${'mediaan'.padStart(10)} ${'p95'.padStart(10)} ${'doel'.padStart(10)}  oordeel`);
for (const f of Object.values(figures)) {
  const p95 = percentile(f.samples, 95);
  const verdict = f.target === null ? '—' : p95 <= f.target ? 'ok' : 'TE TRAAG';
  console.log(
    `${f.name.padEnd(48)} ${String(f.samples.length).padStart(3)} ${ms(percentile(f.samples, 50)).padStart(10)} ${ms(p95).padStart(10)} ${(f.target === null ? '—' : `< ${f.target} ms`).padStart(10)}  ${verdict}`,
  );
}
console.log();
const slowest = perQuery.sort((a, b) => b[1] - a[1]).slice(0, 5);
console.log(`traagste zoekopdrachten: ${slowest.map(([q, v]) => `'${q}' ${v.toFixed(0)} ms`).join(', ')}`);
console.log(`oordeel: p95 tegen het doel. Rijen in de lijst: ${firstRows} bij een leeg zoekveld, hoogstens ${mostRows} na een zoekopdracht.`);
