// The installer, as an IT department uses it: the .deb of this build installs
// with dpkg, puts the app, its menu entry and its icons where a Linux desktop
// looks for them, and the installed app starts, makes a new store and opens
// it; then the package is removed again, leaving nothing in /usr.
// `make test-e2e` builds the package first (`make package-debug`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGET, openApp, startDriver, tempStore } from './app.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const debDir = join(TARGET, 'debug/bundle/deb');
const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];

function run(cmd, ...args) {
  const [bin, ...rest] = [...asRoot, cmd, ...args];
  return execFileSync(bin, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The newest .deb the bundler made for this build. */
function builtDeb() {
  const debs = existsSync(debDir) ? readdirSync(debDir).filter((f) => f.endsWith('.deb')) : [];
  if (debs.length === 0) throw new Error(`no .deb in ${debDir}: run make package-debug first`);
  debs.sort((a, b) => statSync(join(debDir, b)).mtimeMs - statSync(join(debDir, a)).mtimeMs);
  return join(debDir, debs[0]);
}

const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'src-tauri/Cargo.toml'), 'utf8'))[1];
let deb;
let pkg;

before(() => {
  deb = builtDeb();
  pkg = execFileSync('dpkg-deb', ['-f', deb, 'Package'], { encoding: 'utf8' }).trim();
});

after(() => {
  if (pkg) run('dpkg', '--remove', pkg);
});

test('the package says what it is: name, version from Cargo, description, section, dependencies, files', () => {
  const field = (name) => execFileSync('dpkg-deb', ['-f', deb, name], { encoding: 'utf8' }).trim();
  assert.equal(pkg, 'respijtregie');
  assert.equal(field('Version'), cargoVersion);
  assert.match(field('Description'), /Respijtzorg voor mantelzorgers regelen/);
  assert.equal(field('Section'), 'misc');
  assert.match(field('Depends'), /libwebkit2gtk-4\.1-0/);
  const contents = execFileSync('dpkg-deb', ['-c', deb], { encoding: 'utf8' });
  for (const path of [
    'usr/bin/respijtregie',
    'usr/share/applications/Respijtregie.desktop',
    'usr/share/icons/hicolor/32x32/apps/respijtregie.png',
    'usr/share/icons/hicolor/64x64/apps/respijtregie.png',
    'usr/share/icons/hicolor/128x128/apps/respijtregie.png',
    'usr/share/icons/hicolor/256x256@2/apps/respijtregie.png',
    'usr/share/icons/hicolor/512x512/apps/respijtregie.png',
  ]) {
    assert.match(contents, new RegExp(` (\\./)?${path.replace(/[.@]/g, '\\$&')}\n`), `${path} is not in the package:\n${contents}`);
  }
});

test('dpkg installs it; the menu entry is in Office and starts the installed binary', () => {
  run('dpkg', '--install', deb);
  const status = execFileSync('dpkg-query', ['-W', '-f', '${Status} ${Version}', pkg], { encoding: 'utf8' });
  assert.equal(status, `install ok installed ${cargoVersion}`);
  const desktop = readFileSync('/usr/share/applications/Respijtregie.desktop', 'utf8');
  assert.match(desktop, /^Name=Respijtregie$/m);
  assert.match(desktop, /^Categories=Office;$/m);
  assert.match(desktop, /^Exec=respijtregie$/m);
  assert.match(desktop, /^Icon=respijtregie$/m);
  assert.ok(existsSync('/usr/bin/respijtregie'));
});

test('the installed app starts, makes a new store, opens it and quits', async () => {
  const db = tempStore();
  const driver = await startDriver(db, { application: '/usr/bin/respijtregie' });
  try {
    const app = await openApp(driver.url, { application: '/usr/bin/respijtregie' });
    await app.see('Nieuwe mantelzorger');
    await app.quit();
  } finally {
    driver.stop();
  }
  assert.ok(existsSync(db), 'the installed app made its store');
});

test('removing the package takes the app away again', () => {
  run('dpkg', '--remove', pkg);
  pkg = undefined;
  assert.equal(existsSync('/usr/bin/respijtregie'), false);
  assert.equal(existsSync('/usr/share/applications/Respijtregie.desktop'), false);
});
