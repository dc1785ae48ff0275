// One app on the store at a time: a second start hands over to the running
// app (which comes to the front) and exits. On Linux the hand-over goes over
// the session D-Bus, so this test gives the two starts a bus of their own
// (dbus-run-session); the app is started directly, not through WebDriver.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { APP, tempStore } from './app.mjs';

test('a second start hands over to the first and exits; the first keeps running', () => {
  if (!existsSync(APP)) throw new Error(`App binary not found at ${APP}; run make app first`);
  const script = [
    '"$APP" >/dev/null 2>&1 & first=$!',
    // Until the first app owns its name on the bus (at most 30 s).
    'for i in $(seq 1 60); do',
    '  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.ListNames 2>/dev/null | grep -q SingleInstance && break',
    '  sleep 0.5',
    'done',
    'start=$(date +%s)',
    'timeout 30 "$APP" >/dev/null 2>&1; second=$?',
    'took=$(( $(date +%s) - start ))',
    'if kill -0 $first 2>/dev/null; then alive=yes; else alive=no; fi',
    'kill $first 2>/dev/null; wait $first 2>/dev/null',
    'echo "second=$second took=$took alive=$alive"',
  ].join('\n');
  const out = execFileSync('dbus-run-session', ['--', 'sh', '-c', script], {
    encoding: 'utf8',
    env: { ...process.env, APP, RESPIJT_DB: tempStore() },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 90_000,
  });
  const m = /second=(\d+) took=(\d+) alive=(\w+)/.exec(out);
  assert.ok(m, out);
  const [, second, took, alive] = m;
  assert.equal(second, '0', `the second start ends by itself, without an error (124 would be: still running after 30 s): ${out}`);
  assert.ok(Number(took) < 15, `and soon: ${took} s`);
  assert.equal(alive, 'yes', 'the first app still runs');
});
