// Presentation only: the core owns every rule about dates and hours.

/** ISO `yyyy-mm-dd` (optionally followed by a time) → `dd-mm-jjjj`. Anything else is shown as is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** Minutes → hours with a decimal comma and at most two decimals: 750 → "12,5". */
export function formatHours(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '';
  const hours = Math.round((minutes / 60) * 100) / 100;
  return String(hours).replace('.', ',');
}

export function fullName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`.trim();
}

export function listName(p: { firstName: string; lastName: string }): string {
  return p.firstName ? `${p.lastName}, ${p.firstName}` : p.lastName;
}
