import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ConsentPanel from './ConsentPanel.svelte';
import * as ipc from '../ipc';
import type { CaregiverConsent } from '../bindings/CaregiverConsent';

vi.mock('../ipc', () => ({ consentOfCaregiver: vi.fn(), changeConsent: vi.fn() }));

const given: CaregiverConsent = {
  caregiverId: 7,
  lines: [
    { kind: 'aanbieders', label: 'delen met aanbieders', given: true, source: 'intake, toestemming van 10-11-2026' },
    { kind: 'financiers', label: 'delen met financiers', given: true, source: 'intake, toestemming van 10-11-2026' },
  ],
  changes: [],
};

const withdrawn: CaregiverConsent = {
  caregiverId: 7,
  lines: [
    { kind: 'aanbieders', label: 'delen met aanbieders', given: false, source: 'ingetrokken per 20-11-2026 (door Anna)' },
    given.lines[1],
  ],
  changes: [{ id: 1, kind: 'aanbieders', given: false, onDate: '20-11-2026', recordedBy: 'Anna', recordedAt: '2026-11-23T10:00:00Z' }],
};

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.consentOfCaregiver).mockResolvedValue(given);
});

describe('ConsentPanel', () => {
  it('withdraws consent to share with providers from the day typed, and says it was saved', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.changeConsent).mockResolvedValue(withdrawn);
    render(ConsentPanel, { caregiverId: 7 });
    expect(await screen.findAllByText('(intake, toestemming van 10-11-2026)')).toHaveLength(2);
    const date = screen.getByLabelText('Geldt vanaf (dd-mm-jjjj)');
    await user.clear(date);
    await user.type(date, '20-11-2026');
    await user.click(screen.getByRole('button', { name: 'Toestemming intrekken voor delen met aanbieders' }));
    expect(ipc.changeConsent).toHaveBeenCalledWith(7, 'aanbieders', false, '20-11-2026');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Opgeslagen: toestemming voor delen met aanbieders ingetrokken per 20-11-2026.',
    );
    expect(screen.getByText(/ingetrokken per 20-11-2026 \(door Anna\)/)).toBeInTheDocument();
    expect(screen.getByText('20-11-2026: delen met aanbieders ingetrokken (door Anna)')).toBeInTheDocument();
    // Withdrawn, it can be given again; funders' consent is untouched.
    expect(screen.getByRole('button', { name: 'Toestemming opnieuw geven voor delen met aanbieders' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Toestemming intrekken voor delen met financiers' })).toBeInTheDocument();
  });

  it('shows the core\'s message next to the date when the day is refused', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.changeConsent).mockRejectedValue({
      code: 'validation',
      message: 'Niet alle velden zijn goed ingevuld.',
      fields: [{ field: 'onDate', message: 'Deze datum ligt in de toekomst.' }],
    });
    render(ConsentPanel, { caregiverId: 7 });
    await user.click(await screen.findByRole('button', { name: 'Toestemming intrekken voor delen met financiers' }));
    expect(await screen.findByText('Deze datum ligt in de toekomst.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });
});
