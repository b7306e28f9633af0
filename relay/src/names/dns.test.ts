// The relay's resolver on a real relay process and a real chain, asked by DNS clients it did not
// write: Debian's dig and Node's own resolver (c-ares) over UDP, and RFC 8484 requests over HTTP
// encoded with dns-packet. A registered name's A, AAAA and TXT records and its DNSLink come from the chain;
// unknown names are NXDOMAIN, other zones REFUSED, an expired name disappears, garbage is dropped
// and a flood from one address is refused past its rate.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { promisify } from 'node:util';
import { Resolver } from 'node:dns/promises';
import dnsPacket from 'dns-packet';
import { createTestClient, http, toHex, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CID } from 'multiformats/cid';
import { startChainAndRelay, type ChainAndRelay } from '../../../scripts/lib/chain-and-relay.ts';
import { registerDevName } from '../../../scripts/lib/register-dev-name.ts';

const CONTENT = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const execFileAsync = promisify(execFile);
const RATE = 20;
let network: ChainAndRelay;
let resolver: Resolver;

/** Registers `label`.ai for dev account 1 with text records and a content hash, one year. */
const registerName = (label: string, text: Record<string, string>, contenthash?: Hex) =>
  registerDevName(network.deployments, 1, label, { text, contenthash });

async function later(seconds: number) {
  const test = createTestClient({ mode: 'hardhat', transport: http(network.deployments.rpcUrl) });
  await test.increaseTime({ seconds });
  await test.mine({ blocks: 1 });
}

const doh = (query: Buffer, init: RequestInit = {}) =>
  fetch(`${network.relay.http}/dns-query?dns=${query.toString('base64url')}`, init);
const query = (name: string, type: 'A' | 'AAAA' | 'TXT', id = 1) =>
  dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }] });

beforeAll(async () => {
  network = await startChainAndRelay({
    yaml: `dns: { udp_port: 0, max_ttl_s: 1, queries_per_second: ${RATE} }\ninference: { enabled: false }\n`,
  });
  resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${network.relay.dnsUdpPort}`]);
  // EIP-1577: ipfs-ns (0xe3 0x01), then the CID's bytes.
  const contenthash = toHex(Uint8Array.from([0xe3, 0x01, ...CID.parse(CONTENT).bytes]));
  await registerName('digits', { a: '127.0.0.1, 10.0.0.7, not-an-ip', aaaa: '::1', txt: 'hello' }, contenthash);
}, 120_000);

afterAll(async () => network?.stop());

describe('the relay resolver', () => {
  it("answers a name's A, AAAA and TXT records and its DNSLink to a real resolver over UDP", async () => {
    expect(network.relay.dnsUdpPort).toBeGreaterThan(0);
    expect((await resolver.resolve4('digits.ai')).sort()).toEqual(['10.0.0.7', '127.0.0.1']);
    expect(await resolver.resolve6('digits.ai')).toEqual(['::1']);
    expect(await resolver.resolveTxt('digits.ai')).toEqual([['hello']]);
    expect(await resolver.resolveTxt('_dnslink.digits.ai')).toEqual([[`dnslink=/ipfs/${CONTENT}`]]);
    const withTtl = await resolver.resolve4('digits.ai', { ttl: true });
    expect(withTtl.every((r) => r.ttl >= 1 && r.ttl <= 1)).toBe(true);
  });

  it("answers Debian's dig (bind9-dnsutils, which .ci/run installs) with the DNSLink and NXDOMAIN", async () => {
    const dig = (...args: string[]) =>
      execFileAsync('dig', [
        `@127.0.0.1`,
        '-p',
        String(network.relay.dnsUdpPort),
        '+tries=1',
        '+time=2',
        ...args,
      ]).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') throw new Error('dig is not installed: apt-get install bind9-dnsutils');
        throw error;
      });
    const { stdout } = await dig('_dnslink.digits.ai', 'TXT', '+short');
    expect(stdout.trim()).toBe(`"dnslink=/ipfs/${CONTENT}"`);
    const unknown = await dig('nobody.ai', 'A');
    expect(unknown.stdout).toContain('status: NXDOMAIN');
  });

  it('answers NXDOMAIN for an unregistered name under a PermaNet TLD, REFUSED for other zones', async () => {
    await expect(resolver.resolve4('nobody.ai')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver.resolve4('example.com')).rejects.toMatchObject({ code: 'EREFUSED' });
    await expect(resolver.resolve4('Bad_Name.ai')).rejects.toMatchObject({ code: 'EREFUSED' });
  });

  it('serves the same over HTTPS (RFC 8484, GET and POST), and refuses what is not a query', async () => {
    const get = await doh(query('digits.ai', 'A', 7));
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/dns-message');
    const answer = dnsPacket.decode(Buffer.from(await get.arrayBuffer()));
    expect(answer.id).toBe(7);
    expect(answer.answers?.map((a) => (a as { data: string }).data).sort()).toEqual(['10.0.0.7', '127.0.0.1']);
    const post = await fetch(`${network.relay.http}/dns-query`, {
      method: 'POST',
      headers: { 'content-type': 'application/dns-message' },
      body: new Uint8Array(query('_dnslink.digits.ai', 'TXT')),
    });
    const txt = dnsPacket.decode(Buffer.from(await post.arrayBuffer())).answers?.[0] as { data: Buffer[] };
    expect(Buffer.concat(txt.data).toString()).toBe(`dnslink=/ipfs/${CONTENT}`);
    expect((await doh(Buffer.from('not dns'))).status).toBe(400);
    const wrongType = await fetch(`${network.relay.http}/dns-query`, { method: 'POST', body: 'x' });
    expect(wrongType.status).toBe(415);
  });

  it('drops garbage, refuses a flood past its rate, and keeps answering', async () => {
    const socket = createSocket('udp4');
    const replies: dnsPacket.Packet[] = [];
    socket.on('message', (message) => replies.push(dnsPacket.decode(message)));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    try {
      socket.send(Buffer.from([1, 2, 3]), network.relay.dnsUdpPort!, '127.0.0.1');
      for (let i = 0; i < RATE * 4; i++)
        socket.send(query('digits.ai', 'A', i + 10), network.relay.dnsUdpPort!, '127.0.0.1');
      await expect.poll(() => replies.length, { timeout: 5000 }).toBe(RATE * 4);
      const refused = replies.filter((r) => ((r.flags ?? 0) & 0xf) === 5).length;
      expect(refused).toBeGreaterThanOrEqual(RATE);
      expect(replies.length - refused).toBeGreaterThanOrEqual(RATE);
    } finally {
      socket.close();
    }
    // Past the window it answers again.
    await expect
      .poll(
        () =>
          resolver.resolve4('digits.ai').then(
            () => true,
            () => false,
          ),
        { timeout: 5000 },
      )
      .toBe(true);
  });

  it('forgets a name once it expires', async () => {
    await registerName('brief', { a: '127.0.0.2' });
    expect(await resolver.resolve4('brief.ai')).toEqual(['127.0.0.2']);
    await later(366 * 24 * 3600);
    await expect
      .poll(
        () =>
          resolver.resolve4('brief.ai').then(
            () => 'found',
            (error) => error.code,
          ),
        { timeout: 5000 },
      )
      .toBe('ENOTFOUND');
  });
});
