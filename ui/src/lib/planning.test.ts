import { describe, expect, it } from 'vitest';
import { formatCents } from './format';
import { addDaysIso, dutchDate, funderName, todayIso, weekdayOf } from './planning';

describe('formatCents', () => {
  it('shows cents as euros with a decimal comma and thousands dots', () => {
    expect(formatCents(123456)).toBe('€ 1.234,56');
    expect(formatCents(4750)).toBe('€ 47,50');
    expect(formatCents(5)).toBe('€ 0,05');
    expect(formatCents(0)).toBe('€ 0,00');
    expect(formatCents(25000000)).toBe('€ 250.000,00');
    expect(formatCents(-1200)).toBe('€ -12,00');
    expect(formatCents(null)).toBe('');
  });
});

describe('planning dates', () => {
  it('adds days across months and years', () => {
    expect(addDaysIso('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDaysIso('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('knows the weekday, Monday first', () => {
    expect(weekdayOf('2026-11-23')).toBe('ma');
    expect(weekdayOf('2026-11-29')).toBe('zo');
  });
  it('writes dates as the forms take them', () => {
    expect(dutchDate('2026-11-30')).toBe('30-11-2026');
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
  it('names funders', () => {
    const list = [{ code: 'GM0505', name: 'Dordrecht' }];
    expect(funderName('GM0505', list)).toBe('Dordrecht');
    expect(funderName('NIET_GEDEKT', list)).toBe('Niet gedekt');
    expect(funderName('VGZ', list)).toBe('VGZ');
  });
});
