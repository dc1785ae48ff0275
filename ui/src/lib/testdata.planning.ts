// Sample data for the planning and funding component tests.
import type { ProviderMatch } from './bindings/ProviderMatch';
import type { SessionView } from './bindings/SessionView';
import type { WeekCalendar } from './bindings/WeekCalendar';
import type { Dashboard } from './bindings/Dashboard';
import { addDaysIso } from './planning';

export function match(over: Partial<ProviderMatch> = {}): ProviderMatch {
  return {
    providerId: 1, providerName: 'ZorgMies', kind: 'professioneel', eligible: true, score: 40,
    reasons: ['werkt in Dordrecht', '1,2 km', '117 uur ruimte in week 49'], failures: [], distanceHm: 12,
    unit: 'uur', tariff: 4750, tariffIsExample: true, costPerWeek: 14250, knownHelperId: null,
    backupHelperId: null, helpers: [],
    ...over,
  };
}

/** A session as the core sends it; the action flags follow the status as the core sets them. */
export function session(over: Partial<SessionView> = {}): SessionView {
  const status = over.status ?? 'gepland';
  const open = status === 'gepland' || status === 'bevestigd';
  return {
    canChange: open, canReportDelivered: open, canCorrectDelivery: status === 'uitgevoerd', canCallOff: open,
    canConfirm: status === 'gepland', canUndoDelivery: status === 'uitgevoerd', canCancelSeries: open && over.seriesId !== null,
    id: 11, caregiverId: 7, caregiverName: 'Anna de Vries', recipientId: 3, recipientName: 'Piet de Vries',
    providerId: 1, providerName: 'ZorgMies', helperId: null, helperName: null, seriesId: 2, form: 'thuis', unit: 'uur',
    date: '2026-11-30', start: '09:00', end: '12:00', endDate: '2026-11-30', units: 0, plannedMinutes: 180,
    status: 'gepland', deliveredMinutes: null, handoverNote: 'Koffie om 10 uur.', needsReview: false, reviewNote: '',
    overrides: [], history: [],
    ...over,
  };
}

export function week(monday: string, sessions: SessionView[] = [], capacity: number | null = null): WeekCalendar {
  return {
    monday, week: 49, year: 2026, plannedMinutes: sessions.reduce((s, x) => s + x.plannedMinutes, 0),
    capacityMinutes: capacity,
    days: Array.from({ length: 7 }, (_, i) => {
      const date = addDaysIso(monday, i);
      return { date, holiday: null, sessions: sessions.filter((s) => s.date === date) };
    }),
  };
}

export function dashboard(): Dashboard {
  return {
    year: 2026,
    funders: [
      {
        code: 'VGZ', name: 'VGZ aanvullende verzekering', budget: null, delivered: 14250, deliveredMinutes: 180,
        plannedEstimate: null, left: null, projection: 15600, percentUsed: null, warning: null,
      },
      {
        code: 'GM0505', name: 'Dordrecht', budget: 10000000, delivered: 850000, deliveredMinutes: 10740,
        plannedEstimate: 57000, left: 9150000, projection: 950000, percentUsed: 8, warning: null,
      },
      {
        code: 'NIET_GEDEKT', name: 'Niet gedekt', budget: null, delivered: 0, deliveredMinutes: 0,
        plannedEstimate: null, left: null, projection: 0, percentUsed: null, warning: null,
      },
    ],
    monthly: [
      { month: 10, code: 'GM0505', delivered: 400000 },
      { month: 11, code: 'GM0505', delivered: 450000 },
      { month: 11, code: 'VGZ', delivered: 14250 },
    ],
    lowCap: [{ caregiverId: 9, name: 'Kees Bakker', schemeCode: 'VGZ', left: 1 }],
  };
}
