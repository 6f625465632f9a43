import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../src/adapters/pacer.js';

describe('sending paced per channel', () => {
  it('spaces messages to one channel and lets other channels go at once', async () => {
    const pacer = new ChannelPacer(() => 150);
    const times: Record<string, number[]> = { a: [], b: [] };
    const start = Date.now();
    await Promise.all([
      pacer.send('a', async () => times.a!.push(Date.now() - start)),
      pacer.send('a', async () => times.a!.push(Date.now() - start)),
      pacer.send('a', async () => times.a!.push(Date.now() - start)),
      pacer.send('b', async () => times.b!.push(Date.now() - start)),
    ]);
    expect(times.a![1]! - times.a![0]!).toBeGreaterThanOrEqual(140);
    expect(times.a![2]! - times.a![1]!).toBeGreaterThanOrEqual(140);
    expect(times.b![0]!).toBeLessThan(100);
  });

  it('keeps going after a failed send', async () => {
    const pacer = new ChannelPacer(() => 0);
    await expect(
      pacer.send('a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(pacer.send('a', async () => 'ok')).resolves.toBe('ok');
  });
});
