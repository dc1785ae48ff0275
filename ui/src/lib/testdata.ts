// Sample data for the component tests.
import type { CaregiverSummary } from './bindings/CaregiverSummary';
import type { Dossier } from './bindings/Dossier';

export function summary(over: Partial<CaregiverSummary> = {}): CaregiverSummary {
  return {
    id: 1, firstName: 'Anna', lastName: 'de Vries', dateOfBirth: '1958-03-07', postcode: '3311 AB',
    houseNumber: '12', place: 'Dordrecht', municipalityName: 'Dordrecht', inRegion: true, archived: false, externId: null,
    ...over,
  };
}

export function dossier(): Dossier {
  return {
    caregiver: {
      id: 7, externId: 'GEM-17', firstName: 'Anna', lastName: 'de Vries', dateOfBirth: '1958-03-07',
      postcode: '3311 AB', houseNumber: '12a', street: 'Voorstraat', place: 'Dordrecht',
      municipality: { code: 'GM0505', name: 'Dordrecht' }, municipalityOverridden: true, inRegion: false,
      phone: '06-12345678', email: 'anna@example.nl', insurer: 'Zilveren Kruis', policyNumber: 'P123',
      supplementaryPolicy: true, careMinutesPerWeek: 750, caringSince: '2019-05-01', notes: 'Belt liefst na 10 uur.',
      archivedAt: null, archiveReason: null, createdAt: '2024-01-02T10:00:00Z', updatedAt: '2024-01-02T10:00:00Z',
    },
    recipients: [
      {
        id: 3, firstName: 'Piet', lastName: 'de Vries', dateOfBirth: '1950-01-20', postcode: '3311 AB',
        houseNumber: '12a', street: 'Voorstraat', place: 'Dordrecht', municipality: { code: 'GM0505', name: 'Dordrecht' },
        inRegion: true, wlzIndication: true, relationship: 'partner',
        otherCaregivers: [summary({ id: 8, firstName: 'Kees', lastName: 'Bakker' })],
        form: {
          firstName: 'Piet', lastName: 'de Vries', dateOfBirth: '20-01-1950', postcode: '', houseNumber: '', street: '',
          place: '', municipalityOverride: '', relationship: 'partner', wlzIndication: true, insurer: '', supplementaryPolicy: false,
        },
      },
    ],
    form: {
      firstName: 'Anna', lastName: 'de Vries', dateOfBirth: '07-03-1958', postcode: '3311 AB', houseNumber: '12a',
      street: 'Voorstraat', place: 'Dordrecht', municipalityOverride: 'GM0505', phone: '06-12345678',
      email: 'anna@example.nl', insurer: 'Zilveren Kruis', policyNumber: 'P123', supplementaryPolicy: true,
      careHoursPerWeek: '12,5', caringSince: '01-05-2019', notes: 'Belt liefst na 10 uur.', externId: 'GEM-17',
    },
  };
}
