import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ConsultantsPanel from './ConsultantsPanel.svelte';
import * as ipc from '../../ipc';

vi.mock('../../ipc', () => ({ consultantsOf: vi.fn(), setConsultants: vi.fn() }));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.consultantsOf).mockResolvedValue([
    { userId: 2, name: 'joost', inCaseload: false },
    { userId: 3, name: 'sanne', inCaseload: true },
  ]);
});

describe('ConsultantsPanel', () => {
  it('shows who has the caregiver and saves a new choice', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.setConsultants).mockResolvedValue([
      { userId: 2, name: 'joost', inCaseload: true },
      { userId: 3, name: 'sanne', inCaseload: true },
    ]);
    render(ConsultantsPanel, { caregiverId: 7 });
    expect(await screen.findByLabelText('sanne')).toBeChecked();
    expect(screen.getByLabelText('joost')).not.toBeChecked();
    await user.click(screen.getByLabelText('joost'));
    await user.click(screen.getByRole('button', { name: 'Consulenten opslaan' }));
    expect(ipc.setConsultants).toHaveBeenCalledWith(7, [2, 3]);
    expect(await screen.findByRole('status')).toHaveTextContent('Opgeslagen: joost, sanne.');
  });

  it('says what the core refused', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.setConsultants).mockRejectedValue({
      code: 'invalid', message: 'Gebruiker 9 is geen actieve consulent (meer).', fields: [],
    });
    render(ConsultantsPanel, { caregiverId: 7 });
    await user.click(await screen.findByRole('button', { name: 'Consulenten opslaan' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('geen actieve consulent');
  });

  it('points to the users when there is no consultant yet', async () => {
    vi.mocked(ipc.consultantsOf).mockResolvedValue([]);
    render(ConsultantsPanel, { caregiverId: 7 });
    expect(await screen.findByText(/nog geen consulenten/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Consulenten opslaan' })).not.toBeInTheDocument();
  });
});
