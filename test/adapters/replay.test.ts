import { describe, expect, it } from 'vitest';
import { CALLBACK_WINDOW_MS, OnceWithin } from '../../src/adapters/replay.js';

describe('signed callbacks taken once within the window', () => {
  it('takes a request once, refuses one stamped outside the window, and forgets what the window left', () => {
    const clock = { now: Date.parse('2026-03-01T08:00:00Z') };
    const once = new OnceWithin(CALLBACK_WINDOW_MS, () => clock.now);
    expect(once.take('a', clock.now)).toBe(true);
    expect(once.take('a', clock.now)).toBe(false);
    expect(once.take('b', clock.now - CALLBACK_WINDOW_MS - 1)).toBe(false);
    expect(once.take('c', clock.now + CALLBACK_WINDOW_MS + 1)).toBe(false);
    expect(once.take('d', Number.NaN)).toBe(false);
    // A day of one request a second: only the last five minutes' worth is remembered.
    for (let i = 0; i < 86_400; i++) {
      clock.now += 1000;
      expect(once.take(`r${i}`, clock.now)).toBe(true);
    }
    expect(once.size).toBeLessThanOrEqual(CALLBACK_WINDOW_MS / 1000 + 1);
    // A request from before the window is refused by its age, though forgotten.
    expect(once.take('r0', clock.now - 86_000_000)).toBe(false);
  });
});
