// Presentation only: the core owns every rule about dates and hours.

/** ISO `yyyy-mm-dd` (optionally followed by a time) → `dd-mm-jjjj`. Anything else is shown as is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** A UTC moment (`2026-11-23T10:00:00Z`) as Dutch local time: `23-11-2026 11:00`. */
export function formatMoment(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).formatToParts(t);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}-${part('month')}-${part('year')} ${part('hour')}:${part('minute')}`;
}

/** Minutes → hours with a decimal comma and at most two decimals: 750 → "12,5". */
export function formatHours(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '';
  const hours = Math.round((minutes / 60) * 100) / 100;
  return String(hours).replace('.', ',');
}

/** A whole number with a point between thousands, as Dutch readers write it: 1234 → "1.234". */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function fullName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`.trim();
}

export function listName(p: { firstName: string; lastName: string }): string {
  return p.firstName ? `${p.lastName}, ${p.firstName}` : p.lastName;
}

/**
 * Integer cents → "€ 1.234,56"; negative "€ -1.234,56", the sign after the
 * euro sign as nl-NL writes it and as the core's `Cents` shows it in files
 * and messages. No floats on the way.
 */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${sign}${euros},${String(abs % 100).padStart(2, '0')}`;
}
