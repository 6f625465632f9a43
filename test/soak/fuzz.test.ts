import { describe, it } from 'vitest';
import { fuzzProgress } from '../bot/fuzz.js';

describe('a long fuzz of progress messages', () => {
  it.each([1, 42, 2015])(
    'records nothing non-finite, negative or implausible in 10,000 messages (seed %i)',
    (seed) => fuzzProgress(10000, seed),
    600000,
  );
});
