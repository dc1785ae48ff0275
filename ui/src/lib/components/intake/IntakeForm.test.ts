import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import IntakeForm from './IntakeForm.svelte';
import * as ipc from '../../ipc';
import { dossier } from '../../testdata';
import { instrument, intake } from '../../testdata.intake';

vi.mock('../../ipc', () => ({
  getDossier: vi.fn(),
  getIntake: vi.fn(),
  listInstruments: vi.fn(),
  saveIntakeConcept: vi.fn(),
  recordAssessment: vi.fn(),
  scoreBurden: vi.fn(),
  completeIntake: vi.fn(),
}));
const save = vi.mocked(ipc.saveIntakeConcept);
const score = vi.mocked(ipc.scoreBurden);
const record = vi.mocked(ipc.recordAssessment);
const complete = vi.mocked(ipc.completeIntake);

function setup(intakeId: number | null = null) {
  const onclose = vi.fn();
  render(IntakeForm, { caregiverId: 7, intakeId, onclose });
  return { onclose };
}

async function toStep(user: ReturnType<typeof userEvent.setup>, n: number) {
  await screen.findByText('Stap 1 van 5');
  for (let i = 1; i < n; i++) await user.click(screen.getByRole('button', { name: 'Volgende' }));
  await screen.findByText(`Stap ${n} van 5`);
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.getDossier).mockResolvedValue(dossier());
  vi.mocked(ipc.listInstruments).mockResolvedValue([
    instrument(),
    instrument({ code: 'csi', name: 'CSI', items: ['C1', 'C2'], overloadedFrom: 2,
      bands: [{ min: 0, max: 1, label: 'geen hoge belasting' }, { min: 2, max: 2, label: 'hoge belasting' }] }),
  ]);
  save.mockImplementation(async (_id, input) => ({ intake: intake({ form: input }), problems: [] }));
  record.mockResolvedValue(intake());
  score.mockImplementation(async (code, answers) => {
    const total = answers.reduce((a, b) => a + b, 0);
    return { instrument: code, score: total, maxScore: 3, band: total >= 2 ? 'zwaar' : 'licht', overloaded: total >= 2 };
  });
});

describe('IntakeForm', () => {
  it('shows the step indicator, labelled fields, and picks the only recipient', async () => {
    setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Intake voor Anna de Vries' })).toHaveFocus();
    expect(screen.getByText('Stap 1 van 5')).toBeInTheDocument();
    for (const label of ['Naaste', 'Datum intake', 'Naam consulent', 'Organisatie consulent', 'Zorguren per week',
      'Zorgt sinds', 'dementie', 'Wlz-indicatie', 'Andere zorg en hulp']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    expect(screen.getByLabelText('Naaste')).toHaveDisplayValue('Piet de Vries');
    expect(screen.queryByRole('button', { name: 'Vorige' })).not.toBeInTheDocument();
    expect(save).not.toHaveBeenCalled();
  });

  it('saves the concept at a step change and says so', async () => {
    const user = userEvent.setup();
    setup();
    await screen.findByText('Stap 1 van 5');
    await user.type(screen.getByLabelText('Naam consulent'), 'Sanne');
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    expect(await screen.findByText('Stap 2 van 5')).toBeInTheDocument();
    await waitFor(() => expect(save).toHaveBeenCalled());
    const [id, input] = save.mock.calls[0];
    expect(id).toBeNull();
    expect(input).toMatchObject({ caregiverId: 7, recipientId: 3, consultantName: 'Sanne' });
    expect(await screen.findByText('Concept opgeslagen')).toHaveAttribute('aria-live', 'polite');

    // The next save continues the same concept.
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save.mock.calls[1][0]).toBe(31);
  });

  it('shows score and band as soon as every item is answered, not before', async () => {
    const user = userEvent.setup();
    setup();
    await toStep(user, 2);
    expect(screen.getByLabelText('Vragenlijst')).toHaveDisplayValue('EDIZ-plus');
    const items = screen.getAllByRole('group');
    expect(items.map((g) => within(g).getByText(/Vraag/).textContent)).toEqual([
      'Vraag 1: veel tijd.', 'Vraag 2: weinig tijd voor uzelf.', 'Vraag 3: moe.',
    ]);
    await user.click(within(items[0]).getByLabelText('ja'));
    await user.click(within(items[1]).getByLabelText('ja'));
    expect(document.getElementById('burden-score')).toBeNull();
    expect(score).not.toHaveBeenCalled();
    expect(screen.getByText(/Nog 1 van de 3 vragen/)).toBeInTheDocument();

    await user.click(within(items[2]).getByLabelText('nee'));
    await waitFor(() => expect(document.getElementById('burden-score')).toHaveTextContent('Score 2 van 3 — zwaar (overbelast)'));
    expect(score).toHaveBeenCalledWith('ediz_plus', [1, 1, 0]);

    // Leaving the step records the assessment on the saved concept.
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await waitFor(() => expect(record).toHaveBeenCalledWith(31, { instrument: 'ediz_plus', answers: [1, 1, 0], assessedOn: '' }));
    await user.click(screen.getByRole('button', { name: 'Vorige' }));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(4));
    expect(record).toHaveBeenCalledTimes(1);
  });

  it('switching to CSI clears the answers', async () => {
    const user = userEvent.setup();
    setup();
    await toStep(user, 2);
    await user.selectOptions(screen.getByLabelText('Vragenlijst'), 'CSI');
    expect(screen.getAllByRole('group')).toHaveLength(2);
    expect(screen.getByText(/Nog 2 van de 2 vragen/)).toBeInTheDocument();
  });

  it('shows refusals next to the field, and those on other steps at the top with their step', async () => {
    const user = userEvent.setup();
    complete.mockRejectedValue({
      code: 'validation',
      message: 'Controleer de gemarkeerde velden.',
      fields: [
        { field: 'consentRecordedBy', message: 'Vul wie de toestemming heeft vastgelegd in.' },
        { field: 'respiteForms', message: 'Kies ten minste één vorm van respijt.' },
      ],
    });
    const { onclose } = setup();
    await toStep(user, 5);
    await user.click(screen.getByRole('button', { name: 'Intake afronden' }));

    const field = screen.getByLabelText('Toestemming vastgelegd door');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription('Vul wie de toestemming heeft vastgelegd in.');
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('Stap 3, Respijtbehoefte: Kies ten minste één vorm van respijt.');
    expect(summary).not.toHaveTextContent('vastgelegd');
    expect(summary).toHaveFocus();
    expect(onclose).not.toHaveBeenCalled();

    // On its own step the refusal sits next to its field.
    await user.click(within(summary).getByRole('button', { name: 'Stap 3, Respijtbehoefte' }));
    await screen.findByText('Stap 3 van 5');
    expect(document.getElementById('respiteForms-error')).toHaveTextContent('Kies ten minste één vorm van respijt.');
    expect(screen.getByRole('group', { name: /Vorm van respijt/ })).toHaveAccessibleDescription(
      'Kies ten minste één vorm van respijt.',
    );
  });

  it('completes the saved concept and goes back to the dossier', async () => {
    const user = userEvent.setup();
    complete.mockResolvedValue(intake({ status: 'afgerond' }));
    const { onclose } = setup();
    await toStep(user, 5);
    await user.click(screen.getByLabelText('Toestemming gegeven'));
    await user.click(screen.getByRole('button', { name: 'Intake afronden' }));
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(complete).toHaveBeenCalledWith(31, expect.objectContaining({ consentGiven: true, recipientId: 3 }));
  });

  it('continues an existing concept with its answers', async () => {
    const user = userEvent.setup();
    vi.mocked(ipc.getIntake).mockResolvedValue(
      intake({
        form: { ...intake().form, consultantName: 'Sanne' },
        assessments: [{ id: 1, intakeId: 31, instrument: 'ediz_plus', answers: [1, 0, 0], score: 1, band: 'licht',
          overloaded: false, assessedOn: '2026-11-20' }],
      }),
    );
    setup(31);
    expect(await screen.findByLabelText('Naam consulent')).toHaveValue('Sanne');
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await waitFor(() => expect(document.getElementById('burden-score')).toHaveTextContent('Score 1 van 3 — licht'));
    await user.click(screen.getByRole('button', { name: 'Volgende' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save.mock.calls.every(([id]) => id === 31)).toBe(true);
    expect(record).not.toHaveBeenCalled();
  });
});
