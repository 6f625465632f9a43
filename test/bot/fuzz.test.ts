import { describe, it } from 'vitest';
import { fuzzProgress } from './fuzz.js';

describe('a fuzz of progress messages', () => {
  it(
    'records nothing non-finite, negative or implausible in 2,000 random messages',
    () => fuzzProgress(2000, 42),
    60000,
  );
});
