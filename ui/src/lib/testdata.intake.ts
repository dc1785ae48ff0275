// Sample intake data for the component tests.
import type { Instrument } from './bindings/Instrument';
import type { Intake } from './bindings/Intake';
import { emptyIntake } from './intakeWords';

/** A small instrument: three yes/no items, overloaded from 2. */
export function instrument(over: Partial<Instrument> = {}): Instrument {
  return {
    code: 'ediz_plus',
    name: 'EDIZ-plus',
    items: ['Vraag 1: veel tijd.', 'Vraag 2: weinig tijd voor uzelf.', 'Vraag 3: moe.'],
    options: [{ value: 0, label: 'nee' }, { value: 1, label: 'ja' }],
    bands: [{ min: 0, max: 0, label: 'geen' }, { min: 1, max: 1, label: 'licht' }, { min: 2, max: 3, label: 'zwaar' }],
    overloadedFrom: 2,
    ...over,
  };
}

export function intake(over: Partial<Intake> = {}): Intake {
  const form = emptyIntake(7, new Date(2026, 10, 20));
  return {
    id: 31, handoverId: 'abc', caregiverId: 7, recipientId: 3, status: 'concept', nextStatuses: ['afgerond'],
    fields: {
      intakeDate: '2026-11-20', consultantName: 'Sanne', consultantOrganisation: 'MEE', careMinutesPerWeek: 600,
      caringSince: null, recipientSituation: [], wlzIndication: false, wmoRespite: false, pgb: false, otherCare: '',
      respiteForms: ['dagopvang'], respiteMinutesPerWeek: null, respiteFrequency: '', preferredDays: [],
      preferredDayparts: [], respiteStart: null, urgency: 'normaal', language: '', helperGender: 'geen_voorkeur',
      pets: '', smokingInHome: false, smokeFreeHelper: false, consentGiven: false, consentDate: null,
      consentProviders: false, consentFunders: false, consentGp: false, consentRecordedBy: '', followUpDate: null,
      notes: '',
    },
    form: { ...form, recipientId: 3 },
    assessments: [],
    createdAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-20T10:00:00Z', completedAt: null, handedOverAt: null,
    pickedUpAt: null,
    ...over,
  };
}
