// Starts the real desktop binary through tauri-driver (which drives
// WebKitWebDriver) and offers the few actions a person takes: find a field by
// its visible label, type, press a button by its text, read what is shown.
import { before, after } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, Capabilities, until } from 'selenium-webdriver';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Cargo's target folder: CARGO_TARGET_DIR when set (a relative one from the repository root, where make runs cargo), else ./target. */
export const TARGET = resolve(root, process.env.CARGO_TARGET_DIR ?? 'target');
export const APP = process.env.RESPIJT_APP ?? join(TARGET, 'debug/respijtregie');
const TIMEOUT = 15000;

/** The passphrase of every store the tests make: typed in the window, read by the CLI from a file. */
export const PASSPHRASE = 'paard batterij nietje correct';
const passphraseFile = join(mkdtempSync(join(tmpdir(), 'respijt-e2e-sleutel-')), 'wachtwoordzin.txt');
writeFileSync(passphraseFile, `${PASSPHRASE}\n`);

/** The CLI of the same build, as a scheduled job runs it: the passphrase from RESPIJT_PASSPHRASE_FILE. */
export const CLI = process.env.RESPIJT_CLI ?? join(TARGET, 'debug/respijt');
export function cli(db, ...args) {
  if (!existsSync(CLI)) throw new Error(`CLI not found at ${CLI}; run cargo build --bin respijt first`);
  return execFileSync(CLI, ['--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RESPIJT_PASSPHRASE_FILE: passphraseFile },
  });
}

/** A fresh temporary store file for one test file. */
export function tempStore() {
  return join(mkdtempSync(join(tmpdir(), 'respijt-e2e-')), 'respijt.db');
}

let nextPort = 4444 + (process.pid % 200) * 2;

/** tauri-driver with RESPIJT_DB set, so the app it starts uses that store, and a config folder of its own. */
export async function startDriver(db, { application = APP } = {}) {
  if (!existsSync(application)) throw new Error(`App binary not found at ${application}; run make app first`);
  const port = nextPort;
  nextPort += 2;
  // Its own config folder, so what one test leaves there (the window's size and place) meets no other test.
  const config = mkdtempSync(join(tmpdir(), 'respijt-e2e-config-'));
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
    env: { ...process.env, RESPIJT_DB: db, XDG_CONFIG_HOME: config },
    stdio: ['ignore', 'inherit', 'inherit'],
    // A process group of its own: WebKitWebDriver and the app it starts are in
    // it, so stop() ends them all, also an app whose session did not quit.
    // (One left running holds the test runner's output open, and the run never ends.)
    detached: true,
  });
  // Wait until it answers.
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => {
    try {
      process.kill(-driver.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', stop);
  return { url, config, stop };
}

/** A WebDriver session on the app: tauri-driver starts `application` for it (the window benchmark times this). */
export function startSession(driverUrl, application = APP) {
  const caps = new Capabilities();
  caps.setBrowserName('wry');
  caps.set('tauri:options', { application });
  return new Builder().withCapabilities(caps).usingServer(driverUrl).build();
}

/**
 * Starts the app and, unless `locked` is asked for, gets past the store's
 * gate as a person would: a new store gets the passphrase twice, an existing
 * one is unlocked with it. `application` is the binary to start (the built
 * one by default; the install test starts the installed one).
 */
export async function openApp(driverUrl, { locked = false, application = APP } = {}) {
  const session = await startSession(driverUrl, application);
  const first = await session.wait(until.elementLocated(By.css('h1')), TIMEOUT);
  const app = new App(session);
  if (locked) return app;
  const title = (await first.getText()).trim();
  if (title === 'Opslag beveiligen') {
    await app.fill('Wachtwoordzin', PASSPHRASE);
    await app.fill('Herhaal de wachtwoordzin', PASSPHRASE);
    await app.press('Opslag aanmaken');
    await app.keepRecoveryKey();
  } else if (title === 'Respijtregie ontgrendelen') {
    await app.fill('Wachtwoordzin', PASSPHRASE);
    await app.press('Ontgrendelen');
  }
  await session.wait(until.elementLocated(By.css('nav.app-nav')), TIMEOUT, 'the store did not open');
  return app;
}

/**
 * Starts the app for one test file: registers the file's `before` hook (an
 * optional `prepare()` first, e.g. to fill the store with the CLI before the
 * app opens it; then tauri-driver on `store` and `openApp` with the other
 * options, e.g. `{ locked: true }`; then an optional `afterOpen(app)`) and its
 * `after` hook (quit the app, stop the driver). Keep it the file's only
 * `before`: Node 20 runs a file's top-level `before` hooks at the same time,
 * not one after the other, so a second one would not wait for the app.
 *
 * Returns a handle whose `app` and `driver` are there inside tests. `app` may
 * be set: to a new `openApp(handle.driver.url)` after quitting the old one, or
 * to `undefined` after quitting it for good; the `after` hook quits whichever
 * app is set then.
 */
export function useApp(store, { prepare, afterOpen, ...openOptions } = {}) {
  let driver;
  let app;
  before(async () => {
    await prepare?.();
    driver = await startDriver(store);
    app = await openApp(driver.url, openOptions);
    await afterOpen?.(app);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    driver?.stop();
  });
  return {
    get driver() {
      return driver;
    },
    get app() {
      return app;
    },
    set app(value) {
      app = value;
    },
  };
}

function xpathLiteral(text) {
  return text.includes("'") ? `concat('${text.split("'").join(`', "'", '`)}')` : `'${text}'`;
}

export class App {
  constructor(session) {
    this.session = session;
  }

  /** The input a visible <label for> with exactly this text points at. */
  async field(label) {
    const el = await this.session.wait(
      until.elementLocated(By.xpath(`//label[normalize-space(.)=${xpathLiteral(label)}]`)),
      TIMEOUT,
    );
    const id = await el.getAttribute('for');
    if (!id) throw new Error(`label "${label}" is not tied to an input`);
    return this.session.findElement(By.id(id));
  }

  async fill(label, value) {
    const input = await this.field(label);
    if ((await input.getTagName()).toLowerCase() === 'select') {
      // A pick list (the insurer): choose the option with that text.
      const option = await input.findElement(By.xpath(`.//option[normalize-space(.)=${xpathLiteral(value)}]`));
      await option.click();
      return;
    }
    await input.clear();
    await input.sendKeys(value);
  }

  async press(text) {
    const button = await this.session.wait(
      until.elementLocated(By.xpath(`//button[normalize-space(.)=${xpathLiteral(text)}]`)),
      TIMEOUT,
    );
    await this.session.wait(until.elementIsEnabled(button), TIMEOUT);
    await button.click();
  }

  /** Waits until the page shows this text somewhere, and returns the element. */
  async see(text) {
    return this.session.wait(
      until.elementLocated(By.xpath(`//*[contains(normalize-space(.), ${xpathLiteral(text)}) and not(self::script)]`)),
      TIMEOUT,
      `"${text}" did not appear`,
    );
  }

  async heading(text) {
    return this.session.wait(
      until.elementLocated(By.xpath(`//*[self::h1 or self::h2][normalize-space(.)=${xpathLiteral(text)}]`)),
      TIMEOUT,
      `heading "${text}" did not appear`,
    );
  }

  async textOf(css) {
    const el = await this.session.wait(until.elementLocated(By.css(css)), TIMEOUT);
    await this.session.wait(async () => (await el.getText()).trim().length > 0, TIMEOUT, `${css} stayed empty`);
    return el.getText();
  }

  async rows() {
    const rows = await this.session.findElements(By.css('tbody tr'));
    return Promise.all(rows.map((r) => r.getText()));
  }

  /** Ticks the checkbox with this label (leaves it ticked when it is). */
  async check(label) {
    const box = await this.field(label);
    if (!(await box.isSelected())) await box.click();
  }

  /**
   * Presses a button after scrolling it to the middle of the window: a click on
   * a button at the very bottom edge of the window sometimes does not arrive.
   */
  async pressInView(text) {
    const button = await this.session.wait(
      until.elementLocated(By.xpath(`//button[normalize-space(.)=${xpathLiteral(text)}]`)),
      TIMEOUT,
    );
    await this.session.executeScript("arguments[0].scrollIntoView({ block: 'center' })", button);
    await this.press(text);
  }

  /** The text of one cell of a funder's row on the funding dashboard, once it is shown. */
  async funderCell(code, column) {
    const el = await this.session.wait(
      until.elementLocated(By.css(`tr[data-code='${code}'] td.${column}`)),
      TIMEOUT,
      `no ${column} cell for ${code}`,
    );
    return (await el.getText()).replace(/\s+/g, ' ').trim();
  }

  /** Registers Ria de Vries (VGZ, supplementary policy, Dordrecht) with her partner Piet; ends on her dossier. */
  async registerRiaWithPiet() {
    await this.press('Nieuwe mantelzorger');
    await this.heading('Nieuwe mantelzorger');
    await this.fill('Voornaam', 'Ria');
    await this.fill('Achternaam', 'de Vries');
    await this.fill('Geboortedatum', '14-03-1958');
    await this.fill('Postcode', '3311 AB');
    await this.fill('Huisnummer', '12');
    await this.fill('Verzekeraar', 'VGZ');
    await this.fill('Polisnummer', '123456789');
    await this.check('Aanvullende verzekering');
    await this.press('Opslaan');
    await this.heading('Ria de Vries');
    await this.fill('Voornaam', 'Piet');
    await this.fill('Achternaam', 'de Vries');
    await this.fill('Geboortedatum', '20-01-1950');
    await this.fill('Relatie', 'partner');
    await this.pressInView('Naaste opslaan');
    await this.session.wait(until.elementLocated(By.xpath("//h3[normalize-space(.)='Piet de Vries']")), TIMEOUT);
  }

  /** The screen after a store is made: reads the recovery key shown once, ticks that it is kept, goes on. */
  async keepRecoveryKey() {
    await this.heading('Uw herstelsleutel');
    const key = await this.textOf('.key code');
    await this.check('Ik heb de herstelsleutel geprint of op een veilige plek bewaard');
    await this.press('Verder');
    await this.session.wait(until.elementLocated(By.css('nav.app-nav')), TIMEOUT, 'the app did not open after the key');
    return key.trim();
  }

  async quit() {
    await this.session.quit();
  }
}
