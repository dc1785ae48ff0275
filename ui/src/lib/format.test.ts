import { describe, expect, it } from 'vitest';
import { formatCents, formatCount, formatDate, formatHours, fullName, listName } from './format';

describe('formatDate', () => {
  it('turns ISO dates into dd-mm-jjjj', () => {
    expect(formatDate('1958-03-07')).toBe('07-03-1958');
  });
  it('uses only the date part of a timestamp', () => {
    expect(formatDate('2024-11-02T09:15:00Z')).toBe('02-11-2024');
  });
  it('shows nothing for a missing date and leaves other text alone', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('onbekend')).toBe('onbekend');
  });
});

describe('formatHours', () => {
  it('shows minutes as hours with a decimal comma', () => {
    expect(formatHours(750)).toBe('12,5');
    expect(formatHours(600)).toBe('10');
    expect(formatHours(20)).toBe('0,33');
    expect(formatHours(0)).toBe('0');
    expect(formatHours(10)).toBe('0,17'); // as the core's dutch::hours_text: half up
  });
  it('shows nothing when unknown', () => {
    expect(formatHours(null)).toBe('');
  });
});

describe('formatCents', () => {
  it('writes a negative amount as the core does (money.rs, Display for Cents)', () => {
    expect(formatCents(-123456)).toBe('€ -1.234,56');
  });
});

describe('names', () => {
  it('writes full and list names', () => {
    expect(fullName({ firstName: 'Anna', lastName: 'de Vries' })).toBe('Anna de Vries');
    expect(listName({ firstName: 'Anna', lastName: 'de Vries' })).toBe('de Vries, Anna');
  });
});

describe('formatCount', () => {
  it('puts a point between thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(950)).toBe('950');
    expect(formatCount(1234)).toBe('1.234');
    expect(formatCount(1000000)).toBe('1.000.000');
  });
});
