// Words, steps and small helpers for the intake screens. Presentation only:
// the core checks every field, computes every score and owns the statuses.
import type { BurdenScore } from './bindings/BurdenScore';
import type { Daypart } from './bindings/Daypart';
import type { HelperGender } from './bindings/HelperGender';
import type { IntakeInput } from './bindings/IntakeInput';
import type { IntakeStatus } from './bindings/IntakeStatus';
import type { RecipientSituation } from './bindings/RecipientSituation';
import type { RespiteForm } from './bindings/RespiteForm';
import type { Urgency } from './bindings/Urgency';
import type { Weekday } from './bindings/Weekday';

export type Choice<T extends string> = { value: T; label: string };

export const STATUS_LABELS: Record<IntakeStatus, string> = {
  concept: 'concept',
  afgerond: 'afgerond',
  overgedragen: 'overgedragen',
  in_behandeling: 'in behandeling',
  gesloten: 'gesloten',
};

/** What the button says that moves an intake to this status. */
export const STATUS_ACTIONS: Record<IntakeStatus, string> = {
  concept: 'Terug naar concept',
  afgerond: 'Afronden',
  overgedragen: 'Markeren als overgedragen',
  in_behandeling: 'In behandeling nemen',
  gesloten: 'Sluiten',
};

export const URGENCIES: Choice<Urgency>[] = [
  { value: 'normaal', label: 'normaal' },
  { value: 'binnenkort', label: 'binnenkort' },
  { value: 'crisis', label: 'crisis' },
];

export const SITUATIONS: Choice<RecipientSituation>[] = [
  { value: 'dementie', label: 'dementie' },
  { value: 'nah', label: 'niet-aangeboren hersenletsel (NAH)' },
  { value: 'ggz', label: 'psychische aandoening (GGZ)' },
  { value: 'lichamelijk', label: 'lichamelijke beperking of ziekte' },
  { value: 'verstandelijke_beperking', label: 'verstandelijke beperking' },
  { value: 'kind', label: 'kind' },
  { value: 'palliatief', label: 'palliatieve fase' },
  { value: 'ouderdom', label: 'ouderdom' },
];

export const RESPITE_FORMS: Choice<RespiteForm>[] = [
  { value: 'thuis', label: 'respijt thuis' },
  { value: 'dagopvang', label: 'dagopvang' },
  { value: 'logeeropvang', label: 'logeeropvang' },
  { value: '24uurs', label: '24-uurszorg thuis' },
];

export const DAYS: Choice<Weekday>[] = [
  { value: 'ma', label: 'maandag' },
  { value: 'di', label: 'dinsdag' },
  { value: 'wo', label: 'woensdag' },
  { value: 'do', label: 'donderdag' },
  { value: 'vr', label: 'vrijdag' },
  { value: 'za', label: 'zaterdag' },
  { value: 'zo', label: 'zondag' },
];

export const PARTS: Choice<Daypart>[] = [
  { value: 'ochtend', label: 'ochtend' },
  { value: 'middag', label: 'middag' },
  { value: 'avond', label: 'avond' },
  { value: 'nacht', label: 'nacht' },
];

export const GENDERS: Choice<HelperGender>[] = [
  { value: 'geen_voorkeur', label: 'geen voorkeur' },
  { value: 'vrouw', label: 'vrouw' },
  { value: 'man', label: 'man' },
];

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
