import { describe, expect, it, vi, afterEach } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import Busy from './Busy.svelte';

afterEach(() => vi.useRealTimers());

describe('Busy', () => {
  it('says what runs, shows a moving bar tied to that text, and counts the seconds', async () => {
    vi.useFakeTimers();
    render(Busy, { label: 'Bezig met inlezen…' });
    const bar = screen.getByLabelText('Bezig met inlezen…');
    expect(bar.tagName).toBe('PROGRESS');
    expect(bar.hasAttribute('value')).toBe(false);
    expect(screen.queryByText(/\d+ s$/)).toBeNull();
    await vi.advanceTimersByTimeAsync(3000);
    expect(screen.getByText('3 s')).toBeTruthy();
  });
});
