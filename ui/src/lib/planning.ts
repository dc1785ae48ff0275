// Words and dates for the planning and funding screens. Presentation only:
// the core checks every date, time and amount it is sent.
import type { Daypart } from './bindings/Daypart';
import type { RecipientSituation } from './bindings/RecipientSituation';
import type { RespiteForm } from './bindings/RespiteForm';
import type { SessionStatus } from './bindings/SessionStatus';
import type { Unit } from './bindings/Unit';
import type { Weekday } from './bindings/Weekday';
import type { Municipality } from './bindings/Municipality';

export const FORMS: { value: RespiteForm; label: string }[] = [
  { value: 'thuis', label: 'Respijt thuis (per uur)' },
  { value: 'dagopvang', label: 'Dagopvang (per dagdeel)' },
  { value: 'logeeropvang', label: 'Logeeropvang (per etmaal)' },
  { value: '24uurs', label: '24-uurszorg thuis (per etmaal)' },
];

export const WEEKDAYS: { value: Weekday; label: string }[] = [
  { value: 'ma', label: 'maandag' },
  { value: 'di', label: 'dinsdag' },
  { value: 'wo', label: 'woensdag' },
  { value: 'do', label: 'donderdag' },
  { value: 'vr', label: 'vrijdag' },
  { value: 'za', label: 'zaterdag' },
  { value: 'zo', label: 'zondag' },
];

export const DAYPARTS: { value: Daypart; label: string; start: string }[] = [
  { value: 'ochtend', label: 'ochtend', start: '09:00' },
  { value: 'middag', label: 'middag', start: '13:00' },
  { value: 'avond', label: 'avond', start: '18:00' },
  { value: 'nacht', label: 'nacht', start: '23:00' },
];

export const SITUATIONS: { value: RecipientSituation; label: string }[] = [
  { value: 'dementie', label: 'dementie' },
  { value: 'nah', label: 'niet-aangeboren hersenletsel (NAH)' },
  { value: 'ggz', label: 'psychische aandoening (GGZ)' },
  { value: 'lichamelijk', label: 'lichamelijke beperking of ziekte' },
  { value: 'verstandelijke_beperking', label: 'verstandelijke beperking' },
  { value: 'kind', label: 'kind' },
  { value: 'palliatief', label: 'palliatieve fase' },
  { value: 'ouderdom', label: 'ouderdom' },
];

export const STATUS_LABELS: Record<SessionStatus, string> = {
  gepland: 'gepland',
  bevestigd: 'bevestigd',
  uitgevoerd: 'uitgevoerd',
  geannuleerd: 'geannuleerd',
  niet_verschenen: 'niet verschenen',
};

export const UNIT_LABELS: Record<Unit, string> = { uur: 'uur', dagdeel: 'dagdeel', etmaal: 'etmaal' };

/** A funder code from the ledger (VGZ, a CBS code, NIET_GEDEKT) as people say it. */
export function funderName(code: string, municipalities: Municipality[]): string {
  if (code === 'NIET_GEDEKT') return 'Niet gedekt';
  return municipalities.find((m) => m.code === code)?.name ?? code;
}

// Dates travel as ISO yyyy-mm-dd inside the UI and as dd-mm-jjjj in forms.
// Computed in UTC so that a time-zone change never shifts a day.

/** Today in the local calendar, as ISO yyyy-mm-dd. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDaysIso(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The weekday code of an ISO date. */
export function weekdayOf(iso: string): Weekday {
  const [y, m, d] = iso.split('-').map(Number);
  const index = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return WEEKDAYS[index].value;
}

export function weekdayName(iso: string): string {
  const code = weekdayOf(iso);
  return WEEKDAYS.find((w) => w.value === code)?.label ?? '';
}

/** ISO → dd-mm-jjjj, as the forms take dates. */
export function dutchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

/** ISO → dd-mm. */
export function dayMonth(iso: string): string {
  const [, m, d] = iso.split('-');
  return `${d}-${m}`;
}

/** "09:00" plus minutes, for prefilling an end time; stops at 23:59. */
export function addMinutesToClock(clock: string, minutes: number): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(clock);
  if (!match) return '';
  const total = Math.min(Number(match[1]) * 60 + Number(match[2]) + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** "3" or "2,5" hours → minutes; null when it is not a number (the core says why). */
export function hoursToMinutes(text: string): number | null {
  const match = /^\s*(\d+)(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ? Number(match[2].padEnd(2, '0')) : 0;
  return Number(match[1]) * 60 + Math.round((fraction * 60) / 100);
}
