// Driving the window with the keyboard alone: real key presses through
// WebDriver's actions (Tab, Shift+Tab, Enter, Space, arrow keys, typed text),
// never a click. What has focus is only read (document.activeElement), to know
// when Tab has reached the control a person is after.
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';

/** What has focus now: its tag, its label or text, and how its focus is drawn. */
const ACTIVE = `
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body', name: '' };
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    type: el.type || '',
    name: (label || el.innerText || el.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim(),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
  };`;

export class Keyboard {
  constructor(session) {
    this.session = session;
  }

  async active() {
    return this.session.executeScript(ACTIVE);
  }

  async keys(...keys) {
    await this.session.actions().sendKeys(...keys).perform();
  }

  async tab() {
    await this.keys(Key.TAB);
  }

  async shiftTab() {
    await this.session.actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
  }

  /**
   * Presses Tab until the control with this name (a field's label, a
   * button's text) has focus; Shift+Tab when it lies behind. Fails naming
   * what Tab passed when it is never reached. The control reached must show
   * that it has focus (WCAG 2.4.7).
   */
  async tabTo(name, { tag, max = 60 } = {}) {
    const seen = [];
    const hit = (a) => a.name === name && (!tag || a.tag === tag);
    const from = await this.active();
    let now = from;
    let presses = 0;
    let key = 'Tab';
    for (const [label, step] of [['Tab', () => this.tab()], ['Shift+Tab', () => this.shiftTab()]]) {
      key = label;
      presses = 0;
      for (let i = 0; i < max && !hit(now); i++) {
        await step();
        presses++;
        now = await this.active();
        seen.push(`${now.tag}:${now.name.slice(0, 40)}`);
      }
      if (hit(now)) break;
    }
    assert.ok(hit(now), `"${name}" cannot be reached with Tab; focus went through: ${seen.join(' | ')}`);
    assert.ok(now.outline, `"${name}" has focus but shows no focus outline`);
    console.log(`  ${key} ×${presses} from ${from.tag} "${from.name.slice(0, 40)}" to ${now.tag} "${name}"`);
    return now;
  }

  /** Tab to a field and type into it. */
  async type(label, text) {
    await this.tabTo(label);
    await this.keys(text);
  }

  /** Tab to a button (or link) and press Enter. */
  async press(name) {
    await this.tabTo(name, { tag: 'button' });
    await this.keys(Key.ENTER);
  }

  /** Tab to a checkbox and tick it with Space. */
  async tick(label) {
    await this.tabTo(label);
    await this.keys(Key.SPACE);
  }
}
