import { describe, expect, it } from 'vitest';
import { periodChoice } from './exportChoice';

const base = { kind: 'kwartaal' as const, year: '2026', quarter: '1', month: '3', from: '', to: '' };

// The core resolves the choice (src/export/period.rs); here only the fields become its type.
describe('periodChoice', () => {
  it('gives the core a typed quarter, month or year', () => {
    expect(periodChoice(base)).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    expect(periodChoice({ ...base, kind: 'maand', month: '12' })).toEqual({ kind: 'month', year: 2026, month: 12 });
    expect(periodChoice({ ...base, kind: 'jaar' })).toEqual({ kind: 'year', year: 2026 });
  });
  it('passes two dates as typed, once both are there', () => {
    expect(periodChoice({ ...base, kind: 'datums', from: '1-1-2026', to: '15-02-2026' })).toEqual({
      kind: 'dates', from: '1-1-2026', to: '15-02-2026',
    });
    expect(periodChoice({ ...base, kind: 'datums', from: '01-01-2026', to: ' ' })).toBeNull();
  });
});
