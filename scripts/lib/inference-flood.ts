// A flood of inference requests, for the relay's limits test and the benchmark: `count` requests of
// about 1 MiB each (the message limit) at once on one connection, while the relay's resident memory
// is read from /metrics every 50 ms. Returns each answer's code ("reset" for a stream the relay
// reset unread) and the memory before and at its peak.
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from 'libp2p';
import { INFERENCE_PROTOCOL, parseInferenceResponse } from '@permanet/core/protocols/inference';
import type { RelayStatus } from '../../relay/src/relay-status.ts';

/** What 256 requests of 1 MiB may add to a relay's resident memory (README, "Security model"): the
 * 32 MiB one address may have in flight, three times over (each request's bytes, its text, its
 * parsed value) before the collector runs. */
export const FLOOD_MEMORY_BUDGET = 96 * 2 ** 20;

/** The relay's resident memory, from /metrics. */
export async function relayRss(relay: RelayStatus): Promise<number> {
  const text = await (await fetch(`${relay.http}/metrics`)).text();
  return Number(/^permanet_relay_resident_memory_bytes (\d+)$/m.exec(text)?.[1]);
}

export async function floodInference(peer: Libp2p, relay: RelayStatus, cid: string, count = 256) {
  const before = await relayRss(relay);
  let peak = before;
  let watching = true;
  const watch = (async () => {
    while (watching) {
      peak = Math.max(peak, await relayRss(relay));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  // Not a tensor: a provider that reads it refuses it as malformed, having held it whole.
  const bytes = new TextEncoder().encode(
    JSON.stringify({
      type: 'infer',
      cid,
      inputs: { pixels: { type: 'float32', dims: [1, 784], data: 'A'.repeat(1024 * 1024 - 400) } },
    }),
  );
  const send = async (): Promise<string> => {
    const stream = await peer.dialProtocol(multiaddr(relay.multiaddrs[0]), INFERENCE_PROTOCOL, {
      maxOutboundStreams: count + 1,
    });
    try {
      const lp = lpStream(stream, { maxDataLength: 2 * 1024 * 1024 });
      await lp.write(bytes, { signal: AbortSignal.timeout(30_000) });
      const answer = parseInferenceResponse(JSON.parse(new TextDecoder().decode((await lp.read()).subarray())));
      return answer.ok ? 'ok' : answer.code;
    } catch {
      return 'reset';
    } finally {
      await stream.close().catch(() => {});
    }
  };
  try {
    const codes = await Promise.all(Array.from({ length: count }, send));
    return { codes, before, peak };
  } finally {
    watching = false;
    await watch;
  }
}
