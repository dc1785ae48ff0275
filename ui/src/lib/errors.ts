// Normalising whatever a failed call threw into the ApiError shape the core uses.
// Kept apart from ipc.ts so that tests which mock ipc.ts still get the real helper.
import type { ApiError } from './bindings/ApiError';
import type { ErrorCode } from './bindings/ErrorCode';

// Every code the core has: a Record, so a code added in the core and not here fails `npm run check`.
const KNOWN: Record<ErrorCode, true> = {
  validation: true,
  notFound: true,
  locked: true,
  forbidden: true,
  damaged: true,
  internal: true,
};
const CODES = Object.keys(KNOWN) as ErrorCode[];

export function asApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const o = e as { code: unknown; message: unknown; fields?: unknown };
    const code = CODES.includes(o.code as ErrorCode) ? (o.code as ErrorCode) : 'internal';
    const fields = Array.isArray(o.fields)
      ? o.fields
          .filter((f) => f && typeof f === 'object')
          .map((f) => ({ field: String(f.field ?? ''), message: String(f.message ?? '') }))
      : [];
    return { code, message: String(o.message), fields };
  }
  if (typeof e === 'string') return { code: 'internal', message: e, fields: [] };
  if (e instanceof Error) return { code: 'internal', message: e.message, fields: [] };
  return { code: 'internal', message: 'Er ging iets mis.', fields: [] };
}

/** Field errors as a map from field name to its (first) Dutch message. */
export function fieldMessages(err: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of err?.fields ?? []) {
    if (!(f.field in out)) out[f.field] = f.message;
  }
  return out;
}
