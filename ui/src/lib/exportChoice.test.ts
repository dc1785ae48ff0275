import { describe, expect, it } from 'vitest';
import { isDutchDate, periodText, suggestedFileName } from './exportChoice';

const base = { kind: 'kwartaal' as const, year: '2026', quarter: '1', month: '3', from: '', to: '' };

describe('periodText', () => {
  it('writes quarters, months and years the way the core reads them', () => {
    expect(periodText(base)).toBe('2026-Q1');
    expect(periodText({ ...base, kind: 'maand' })).toBe('2026-03');
    expect(periodText({ ...base, kind: 'maand', month: '12' })).toBe('2026-12');
    expect(periodText({ ...base, kind: 'jaar' })).toBe('2026');
  });
  it('turns two dd-mm-jjjj dates into an ISO range', () => {
    expect(periodText({ ...base, kind: 'datums', from: '1-1-2026', to: '15-02-2026' })).toBe('2026-01-01..2026-02-15');
  });
  it('gives nothing while the choice is incomplete', () => {
    expect(periodText({ ...base, kind: 'datums', from: '01-01-2026', to: '' })).toBe('');
    expect(periodText({ ...base, kind: 'datums', from: '2026-01-01', to: '15-02-2026' })).toBe('');
    expect(periodText({ ...base, quarter: '5' })).toBe('');
    expect(periodText({ ...base, year: '' })).toBe('');
  });
  it('recognises the date shape only', () => {
    expect(isDutchDate('31-03-2026')).toBe(true);
    expect(isDutchDate('31/03/2026')).toBe(false);
    expect(isDutchDate('maart')).toBe(false);
  });
});

describe('suggestedFileName', () => {
  const r = { period: '2026-Q1', funder: 'VGZ', summary: false, format: 'csv' as const, identified: false, finalExport: false };
  it('names period, funder and format', () => {
    expect(suggestedFileName(r)).toBe('respijt-2026-Q1-VGZ.csv');
    expect(suggestedFileName({ ...r, funder: '', format: 'xlsx' })).toBe('respijt-2026-Q1-alle.xlsx');
    expect(suggestedFileName({ ...r, funder: '', summary: true, format: 'html' })).toBe('respijt-2026-Q1-regio.html');
    expect(suggestedFileName({ ...r, period: '2026-01-01..2026-02-15', funder: 'GM0505' })).toBe(
      'respijt-2026-01-01_tot_2026-02-15-GM0505.csv',
    );
  });
});
