/** Answers taken one per pass of the event loop, so what arrives meanwhile (a Slack request to acknowledge) is read between two answers. */
import { once } from 'node:events';
import { type AddressInfo, connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Turns } from '../../src/adapters/turns.js';
import { until } from '../fakes/wait.js';

describe('turns', () => {
  it('reads what arrives on a socket between two answers, not after all of them', async () => {
    const order: string[] = [];
    const server = createServer((socket) => socket.on('data', () => order.push('request read')));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    // Accepted by the server (its data listener set) before the answers start.
    const accepted = once(server, 'connection');
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await accepted;
    const turns = new Turns();
    await Promise.all(
      [1, 2, 3].map(async (n) => {
        await turns.next();
        order.push(`answer ${n}`);
        if (n === 1) client.write('POST /slack/events');
        // A synchronous answer taking a while, as a search does.
        const end = performance.now() + 20;
        while (performance.now() < end);
      }),
    );
    await until(() => order.includes('request read'), 5000, 'the request to be read');
    expect(order.indexOf('request read')).toBeGreaterThan(order.indexOf('answer 1'));
    expect(order.indexOf('request read')).toBeLessThan(order.indexOf('answer 3'));
    client.destroy();
    server.close();
  });

  it('gives every waiter its turn, in order', async () => {
    const turns = new Turns();
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4].map(async (n) => {
        await turns.next();
        order.push(n);
      }),
    );
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
