import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchIdle } from './idle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('watchIdle', () => {
  it('fires after the minutes without use, and activity starts the count again', () => {
    const onidle = vi.fn();
    const stop = watchIdle(10, onidle);
    vi.advanceTimersByTime(9 * 60_000);
    window.dispatchEvent(new KeyboardEvent('keydown'));
    vi.advanceTimersByTime(9 * 60_000);
    expect(onidle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(onidle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('stops watching when asked', () => {
    const onidle = vi.fn();
    watchIdle(1, onidle)();
    vi.advanceTimersByTime(5 * 60_000);
    expect(onidle).not.toHaveBeenCalled();
  });
});
