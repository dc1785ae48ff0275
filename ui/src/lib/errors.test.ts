import { describe, expect, it } from 'vitest';
import { asApiError, fieldMessages } from './errors';

describe('asApiError', () => {
  it('keeps an ApiError from the core as it is', () => {
    const err = { code: 'validation', message: 'Controleer het formulier.', fields: [{ field: 'postcode', message: 'Onjuiste postcode.' }] };
    expect(asApiError(err)).toEqual(err);
  });
  it('turns a string or an Error into an internal error', () => {
    expect(asApiError('kapot')).toEqual({ code: 'internal', message: 'kapot', fields: [] });
    expect(asApiError(new Error('stuk'))).toEqual({ code: 'internal', message: 'stuk', fields: [] });
  });
  it('gives a Dutch message for anything else', () => {
    const e = asApiError(undefined);
    expect(e.code).toBe('internal');
    expect(e.message).toBe('Er ging iets mis.');
  });
  it('treats an unknown code as internal and tolerates missing fields', () => {
    expect(asApiError({ code: 'boom', message: 'x' })).toEqual({ code: 'internal', message: 'x', fields: [] });
  });
});

describe('fieldMessages', () => {
  it('maps each field to its first message', () => {
    const map = fieldMessages({
      code: 'validation',
      message: '',
      fields: [
        { field: 'postcode', message: 'eerste' },
        { field: 'postcode', message: 'tweede' },
        { field: 'email', message: 'mail' },
      ],
    });
    expect(map).toEqual({ postcode: 'eerste', email: 'mail' });
  });
});
