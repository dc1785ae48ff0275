// The export screen's choices turned into the core's words: the period text
// (`2026-Q1`, `2026-03`, `2026`, `2026-01-01..2026-02-15`) and a file name to
// suggest. Whether a period exists is the core's call; this only builds text.
import type { ExportRequest } from './bindings/ExportRequest';

export type PeriodKind = 'kwartaal' | 'maand' | 'jaar' | 'datums';

export const PERIOD_KINDS: { value: PeriodKind; label: string }[] = [
  { value: 'kwartaal', label: 'Kwartaal' },
  { value: 'maand', label: 'Maand' },
  { value: 'jaar', label: 'Jaar' },
  { value: 'datums', label: 'Twee datums' },
];

export const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni',
  'juli', 'augustus', 'september', 'oktober', 'november', 'december',
];

export interface PeriodChoice {
  kind: PeriodKind;
  year: string;
  quarter: string;
  month: string;
  /** dd-mm-jjjj */
  from: string;
  /** dd-mm-jjjj */
  to: string;
}

const DUTCH_DATE = /^\s*(\d{1,2})-(\d{1,2})-(\d{4})\s*$/;

/** Shaped like dd-mm-jjjj (the core decides whether the day exists). */
export function isDutchDate(text: string): boolean {
  return DUTCH_DATE.test(text);
}

function isoOf(text: string): string {
  const m = DUTCH_DATE.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : '';
}

/** The period as the core reads it, or '' while the choice is incomplete. */
export function periodText(c: PeriodChoice): string {
  if (!/^\d{4}$/.test(c.year) && c.kind !== 'datums') return '';
  switch (c.kind) {
    case 'kwartaal':
      return /^[1-4]$/.test(c.quarter) ? `${c.year}-Q${c.quarter}` : '';
    case 'maand': {
      const n = Number(c.month);
      return Number.isInteger(n) && n >= 1 && n <= 12 ? `${c.year}-${String(n).padStart(2, '0')}` : '';
    }
    case 'jaar':
      return c.year;
    case 'datums': {
      const first = isoOf(c.from);
      const last = isoOf(c.to);
      return first && last ? `${first}..${last}` : '';
    }
  }
}

/** respijt-2026-Q1-VGZ.csv, respijt-2026-Q1-alle.xlsx, respijt-2026-regio.html */
export function suggestedFileName(r: ExportRequest): string {
  const who = r.summary ? (r.funder ? `regio-${r.funder}` : 'regio') : r.funder || 'alle';
  const period = r.period.replace('..', '_tot_');
  const name = `respijt-${period}-${who}`.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${name}.${r.format ?? 'csv'}`;
}
