// The window comes back as it was left: the director makes it smaller and
// moves it, and the next start opens it at that size and place, even when
// the app did not close normally (tauri-driver ends it without a goodbye).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, tempStore, useApp } from './app.mjs';

const ctx = useApp(tempStore());

test('size and place survive a restart', async () => {
  const first = ctx.app.session.manage().window();
  const before = await first.getRect();
  assert.deepEqual([before.width, before.height], [1200, 820], 'a first start opens at the default size');
  await first.setRect({ width: 1000, height: 700, x: 60, y: 50 });
  const file = join(ctx.driver.config, 'nl.waardenland.respijtregie', '.window-state.json');
  await ctx.app.session.wait(() => existsSync(file), 5000, 'the window state was not saved');
  await ctx.app.session.wait(() => JSON.parse(readFileSync(file, 'utf8')).main?.width === 1000, 5000);
  await ctx.app.quit();

  ctx.app = await openApp(ctx.driver.url);
  const after = await ctx.app.session.manage().window().getRect();
  assert.deepEqual(after, { x: 60, y: 50, width: 1000, height: 700 });
});
