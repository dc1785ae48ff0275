// Words, steps and small helpers for the intake screens. Presentation only:
// the core checks every field, computes every score and owns the statuses.
// The codes' labels are the core's, generated into bindings/labels.ts.
import type { BurdenScore } from './bindings/BurdenScore';
import type { Daypart } from './bindings/Daypart';
import type { HelperGender } from './bindings/HelperGender';
import type { IntakeInput } from './bindings/IntakeInput';
import type { IntakeStatus } from './bindings/IntakeStatus';
import type { RecipientSituation } from './bindings/RecipientSituation';
import type { RespiteForm } from './bindings/RespiteForm';
import type { Urgency } from './bindings/Urgency';
import type { Weekday } from './bindings/Weekday';
import {
  choicesOf,
  daypartLabels,
  helperGenderLabels,
  intakeStatusActions,
  intakeStatusLabels,
  recipientSituationLabels,
  respiteFormLabels,
  urgencyLabels,
  weekdayLabels,
} from './bindings/labels';

export type Choice<T extends string> = { value: T; label: string };

export const STATUS_LABELS: Record<IntakeStatus, string> = intakeStatusLabels;

/** What the button says that moves an intake to this status (the core's words). */
export const STATUS_ACTIONS: Record<IntakeStatus, string> = intakeStatusActions;

export const URGENCIES: Choice<Urgency>[] = choicesOf(urgencyLabels);
export const SITUATIONS: Choice<RecipientSituation>[] = choicesOf(recipientSituationLabels);
export const RESPITE_FORMS: Choice<RespiteForm>[] = choicesOf(respiteFormLabels);
export const DAYS: Choice<Weekday>[] = choicesOf(weekdayLabels);
export const PARTS: Choice<Daypart>[] = choicesOf(daypartLabels);
export const GENDERS: Choice<HelperGender>[] = choicesOf(helperGenderLabels);

/** The steps of the intake form, and which fields of IntakeInput each one shows. */
export const STEPS: { title: string; fields: (keyof IntakeInput | 'instrument' | 'answers' | 'assessedOn')[] }[] = [
  {
    title: 'Situatie en zorg',
    fields: ['recipientId', 'intakeDate', 'consultantName', 'consultantOrganisation', 'careHoursPerWeek',
      'caringSince', 'recipientSituation', 'wlzIndication', 'wmoRespite', 'pgb', 'otherCare'],
  },
  { title: 'Belasting', fields: ['instrument', 'answers', 'assessedOn'] },
  {
    title: 'Respijtbehoefte',
    fields: ['respiteForms', 'respiteHoursPerWeek', 'respiteFrequency', 'preferredDays', 'preferredDayparts',
      'respiteStart', 'urgency'],
  },
  { title: 'Wensen', fields: ['language', 'helperGender', 'pets', 'smokingInHome', 'smokeFreeHelper'] },
  {
    title: 'Toestemming en afronden',
    fields: ['consentGiven', 'consentDate', 'consentProviders', 'consentFunders', 'consentGp', 'consentRecordedBy',
      'followUpDate', 'notes'],
  },
];

/** The index of the step that shows this field, or -1 when no step does. */
export function stepOfField(field: string): number {
  return STEPS.findIndex((s) => (s.fields as string[]).includes(field));
}

/** `dd-mm-jjjj` of a local date. */
export function dutchDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`;
}

export function emptyIntake(caregiverId: number, today: Date = new Date()): IntakeInput {
  return {
    caregiverId, recipientId: null, intakeDate: dutchDate(today), consultantName: '', consultantOrganisation: '',
    careHoursPerWeek: '', caringSince: '', recipientSituation: [], wlzIndication: false, wmoRespite: false, pgb: false,
    otherCare: '', respiteForms: [], respiteHoursPerWeek: '', respiteFrequency: '', preferredDays: [],
    preferredDayparts: [], respiteStart: '', urgency: 'normaal', language: '', helperGender: 'geen_voorkeur', pets: '',
    smokingInHome: false, smokeFreeHelper: false, consentGiven: false, consentDate: '', consentProviders: false,
    consentFunders: false, consentGp: false, consentRecordedBy: '', followUpDate: '', notes: '',
  };
}

/** "Score 11 van 15 — zwaar (overbelast)": the band's words come from the core. */
export function scoreText(s: Pick<BurdenScore, 'score' | 'maxScore' | 'band' | 'overloaded'>): string {
  return `Score ${s.score} van ${s.maxScore} — ${s.band}${s.overloaded ? ' (overbelast)' : ''}`;
}
