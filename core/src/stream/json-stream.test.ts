// The codec every protocol shares, over a real pair of libp2p streams: a message's length is known
// from its prefix before its body is read, so a server can refuse (or size what it holds) first.
import { lpStream, streamPair } from '@libp2p/utils';
import { describe, expect, it } from 'vitest';
import { jsonStream, MalformedMessageError, MessageTooLargeError } from './json-stream.ts';
import { InFlightBudget } from './in-flight-budget.ts';

const encoded = (message: unknown) => new TextEncoder().encode(JSON.stringify(message));

describe('jsonStream', () => {
  it('tells the declared length of each message before reading its body', async () => {
    const [client, server] = await streamPair();
    const lengths: number[] = [];
    const reader = jsonStream(server, 1024, { admit: (length) => lengths.push(length) });
    const writer = jsonStream(client, 1024);
    await writer.write({ a: 1 });
    await writer.write({ text: 'x'.repeat(300) });
    expect(await reader.read()).toEqual({ a: 1 });
    expect(await reader.read()).toEqual({ text: 'x'.repeat(300) });
    expect(lengths).toEqual([encoded({ a: 1 }).length, encoded({ text: 'x'.repeat(300) }).length]);
  });

  it('refuses from the prefix alone: a body that never comes is not waited for', async () => {
    const [client, server] = await streamPair();
    const budget = new InFlightBudget(1000);
    budget.take('ip', 900);
    const reader = jsonStream(server, 64 * 1024, {
      admit(length) {
        if (!budget.take('ip', length)) throw new Error(`over budget: ${length}`);
      },
    });
    // The prefix of a 2,000-byte message and only 10 bytes of it.
    const raw = lpStream(client);
    const prefix = new Uint8Array([0xd0, 0x0f]);
    await raw.unwrap().send(new Uint8Array([...prefix, ...new Uint8Array(10)]));
    await expect(reader.read({ signal: AbortSignal.timeout(2000) })).rejects.toThrow('over budget: 2000');
  });

  it('answers an over-limit prefix as too large without asking, and non-JSON as malformed', async () => {
    const [client, server] = await streamPair();
    const asked: number[] = [];
    const reader = jsonStream(server, 100, { admit: (length) => asked.push(length) });
    const raw = lpStream(client);
    await raw.write(new Uint8Array(101));
    await expect(reader.read()).rejects.toBeInstanceOf(MessageTooLargeError);
    expect(asked).toEqual([]);

    const [client2, server2] = await streamPair();
    const reader2 = jsonStream(server2, 100);
    await lpStream(client2).write(new TextEncoder().encode('{not json'));
    await expect(reader2.read()).rejects.toBeInstanceOf(MalformedMessageError);
  });
});
