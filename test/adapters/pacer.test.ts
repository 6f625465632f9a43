import { describe, expect, it, vi } from 'vitest';
import { ChannelPacer } from '../../src/adapters/pacer.js';

describe('sending paced per channel', () => {
  it('spaces messages to one channel and lets other channels go at once', async () => {
    vi.useFakeTimers();
    try {
      const pacer = new ChannelPacer(() => 150);
      const times: Record<string, number[]> = { a: [], b: [] };
      const start = Date.now();
      const sent = Promise.all([
        pacer.send('a', async () => times.a!.push(Date.now() - start)),
        pacer.send('a', async () => times.a!.push(Date.now() - start)),
        pacer.send('a', async () => times.a!.push(Date.now() - start)),
        pacer.send('b', async () => times.b!.push(Date.now() - start)),
      ]);
      await vi.advanceTimersByTimeAsync(1000);
      await sent;
      expect(times).toEqual({ a: [0, 150, 300], b: [0] });
    } finally {
      vi.useRealTimers();
    }
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
