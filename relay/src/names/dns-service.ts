// The relay's resolver as a service: plain DNS over UDP on a loopback port, and the DNS-over-HTTPS
// handler (RFC 8484) the HTTP server serves at /dns-query. Both decode with dns-packet, answer with
// answer-query's rules, and hold each IP address to its rate; a packet that is not DNS is dropped
// over UDP and answered 400 over HTTP, never a crash.
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';
import type { PublicClient } from 'viem';
import { RateLimiter } from '@permanet/core/compute/rate-limiter';
import type { Deployments } from '@permanet/core/chain/deployments';
import type { Logger } from '../log.ts';
import type { RelayService } from '../service.ts';
import { answerQuery, MAX_DNS_MESSAGE_BYTES, RCODE, replyTo } from './dns-answer.ts';
import type { dnsSettings } from './dns-settings.ts';
import type { Values } from '../config/settings.ts';
import { nameReader } from './name-records.ts';

export interface DnsService extends RelayService {
  /** Answers one wire-format query from `ip`; null when it is not a DNS message. */
  answer(query: Uint8Array, ip: string): Promise<Uint8Array | null>;
  udpPort(): number;
}

export function dnsService(
  client: PublicClient,
  deployments: Deployments,
  settings: Values<(typeof dnsSettings)['settings']>,
  log: Logger,
): DnsService {
  const names = nameReader(
    client,
    { tlds: deployments.contracts.TldRegistry.address, names: deployments.contracts.PermaNetDomainRegistry.address },
    settings.maxTtlS,
  );
  const limiter = new RateLimiter(settings.queriesPerSecond, settings.queriesPerSecond * 2);
  let socket: Socket | null = null;

  const answer = async (query: Uint8Array, ip: string): Promise<Uint8Array | null> => {
    if (query.length > MAX_DNS_MESSAGE_BYTES) return null;
    let packet: dnsPacket.Packet;
    try {
      packet = dnsPacket.decode(Buffer.from(query));
    } catch {
      return null;
    }
    if (!limiter.take(ip)) return dnsPacket.encode(replyTo(packet, RCODE.REFUSED));
    try {
      return dnsPacket.encode(await answerQuery(packet, (name) => names.lookup(name), settings.maxTtlS));
    } catch (error) {
      log.warn('dns.failed', { error });
      return dnsPacket.encode(replyTo(packet, RCODE.SERVFAIL));
    }
  };

  return {
    name: 'dns',
    answer,
    udpPort: () => (socket?.address() as AddressInfo | undefined)?.port ?? 0,
    start: () =>
      new Promise<void>((resolve, reject) => {
        const udp = createSocket(settings.udpHost.includes(':') ? 'udp6' : 'udp4');
        udp.on('message', (message, from) => {
          void answer(message, from.address).then((reply) => {
            if (reply) udp.send(reply, from.port, from.address);
          });
        });
        udp.once('error', reject);
        udp.bind(settings.udpPort, settings.udpHost, () => {
          udp.off('error', reject);
          udp.on('error', (error) => log.warn('dns.udp_error', { error }));
          socket = udp;
          resolve();
        });
      }),
    async stop() {
      await new Promise<void>((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
      socket = null;
    },
  };
}
