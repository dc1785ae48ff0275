// The export screen's period fields as the core's typed choice. No grammar
// and no checks here: the core resolves the choice to dates, says what is
// wrong next to the field, and names the file.
import type { PeriodChoice } from './bindings/PeriodChoice';

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

/** What the period fields of the screen hold (as the selects and inputs give them). */
export interface PeriodFields {
  kind: PeriodKind;
  year: string;
  quarter: string;
  month: string;
  /** dd-mm-jjjj as typed */
  from: string;
  /** dd-mm-jjjj as typed */
  to: string;
}

/** The choice for the core, or null while two dates are not both typed yet. */
export function periodChoice(f: PeriodFields): PeriodChoice | null {
  const year = Number(f.year);
  switch (f.kind) {
    case 'kwartaal':
      return { kind: 'quarter', year, quarter: Number(f.quarter) };
    case 'maand':
      return { kind: 'month', year, month: Number(f.month) };
    case 'jaar':
      return { kind: 'year', year };
    case 'datums':
      return f.from.trim() && f.to.trim() ? { kind: 'dates', from: f.from, to: f.to } : null;
  }
}
