// Words and dates for the planning and funding screens. Presentation only:
// the core checks every date, time and amount it is sent. The codes'
// labels are the core's, generated into bindings/labels.ts.
import type { CapUnit } from './bindings/CapUnit';
import type { Daypart } from './bindings/Daypart';
import type { FundingMode } from './bindings/FundingMode';
import type { Gender } from './bindings/Gender';
import type { PolicyHolder } from './bindings/PolicyHolder';
import type { ProviderKind } from './bindings/ProviderKind';
import type { RecipientSituation } from './bindings/RecipientSituation';
import type { RespiteForm } from './bindings/RespiteForm';
import type { SessionStatus } from './bindings/SessionStatus';
import type { Unit } from './bindings/Unit';
import type { Weekday } from './bindings/Weekday';
import type { Municipality } from './bindings/Municipality';
import {
  capUnitLabels,
  choicesOf,
  daypartLabels,
  fundingModeLabels,
  genderLabels,
  policyHolderLabels,
  providerKindLabels,
  recipientSituationLabels,
  respiteFormLabels,
  sessionStatusLabels,
  unitLabels,
  weekdayLabels,
} from './bindings/labels';

export const FORMS: { value: RespiteForm; label: string }[] = choicesOf(respiteFormLabels);

export const WEEKDAYS: { value: Weekday; label: string }[] = choicesOf(weekdayLabels);

export const DAYPARTS: { value: Daypart; label: string }[] = choicesOf(daypartLabels);

export const SITUATIONS: { value: RecipientSituation; label: string }[] = choicesOf(recipientSituationLabels);

export const STATUS_LABELS: Record<SessionStatus, string> = sessionStatusLabels;

export const UNIT_LABELS: Record<Unit, string> = unitLabels;

export const GENDERS: { value: Gender; label: string }[] = choicesOf(genderLabels);

/** Day care and short stay count places per day, the provider form asks for them. */
export const PLACE_FORMS: readonly RespiteForm[] = ['dagopvang', 'logeeropvang'];

export const PROVIDER_KINDS: { value: ProviderKind; label: string }[] = choicesOf(providerKindLabels);
export const CAP_UNITS: { value: CapUnit; label: string }[] = choicesOf(capUnitLabels);
export const POLICY_HOLDERS: { value: PolicyHolder; label: string }[] = choicesOf(policyHolderLabels);
export const FUNDING_MODE_LABELS: Record<FundingMode, string> = fundingModeLabels;

/** A label with a capital, where it starts a line or names a choice on its own. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

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
