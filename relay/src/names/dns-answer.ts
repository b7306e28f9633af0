// The resolver's answer to one DNS query (dns-packet's decoded form), the same over UDP and over
// HTTPS: A, AAAA and TXT from a name's records and TXT for `_dnslink.<name>` from its content
// hash; NXDOMAIN for a name under a PermaNet TLD that is not registered (or has expired), REFUSED
// for any other name, FORMERR for a query that is not one question. TTLs end with the name's
// registration, and never pass the configured maximum.
import type { Answer, Packet, Question } from 'dns-packet';
import type { NameLookup } from './name-records.ts';

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
/** The largest DNS message taken, over UDP or HTTP (RFC 8484's wire format). */
export const MAX_DNS_MESSAGE_BYTES = 4096;

const DNSLINK = '_dnslink.';
/** What the registry holds: LDH labels (contracts/names/LabelRules.sol). */
const NAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The response to `query` with `rcode`: QR, with RD copied and AA set (the chain is this resolver's own zone). */
export const replyTo = (query: Packet, rcode: number, answers: Answer[] = []): Packet => ({
  id: query.id ?? 0,
  type: 'response',
  flags: (1 << 10) | ((query.flags ?? 0) & (1 << 8)) | rcode,
  questions: query.questions ?? [],
  answers,
});

export async function answerQuery(
  query: Packet,
  lookup: (name: string) => Promise<NameLookup>,
  maxTtlS: number,
): Promise<Packet> {
  const reply = (rcode: number, answers: Answer[] = []) => replyTo(query, rcode, answers);
  const [question] = query.questions ?? [];
  if (query.type === 'response' || (query.questions ?? []).length !== 1) return reply(RCODE.FORMERR);
  const asked = question.name.toLowerCase().replace(/\.$/, '');
  const dnslink = asked.startsWith(DNSLINK);
  const name = dnslink ? asked.slice(DNSLINK.length) : asked;
  if (!NAME.test(name)) return reply(RCODE.REFUSED);
  const records = await lookup(name);
  if (records === undefined) return reply(RCODE.REFUSED);
  if (records === null) return reply(RCODE.NXDOMAIN);
  const ttl = Math.max(1, Math.min(maxTtlS, records.expiresIn));
  const answer = (type: Question['type'], data: string): Answer =>
    ({ name: question.name, type, class: 'IN', ttl, data: type === 'TXT' ? strings(data) : data }) as Answer;
  if (dnslink) {
    if (records.dnslink === null) return reply(RCODE.NXDOMAIN);
    return reply(RCODE.NOERROR, question.type === 'TXT' ? [answer('TXT', `dnslink=${records.dnslink}`)] : []);
  }
  const answers =
    question.type === 'A'
      ? records.a.map((ip) => answer('A', ip))
      : question.type === 'AAAA'
        ? records.aaaa.map((ip) => answer('AAAA', ip))
        : question.type === 'TXT'
          ? records.txt.map((text) => answer('TXT', text))
          : [];
  return reply(RCODE.NOERROR, answers);
}

/** A TXT record's text as DNS carries it: strings of at most 255 bytes. */
function strings(text: string): Buffer[] {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 255) parts.push(bytes.subarray(i, i + 255));
  return parts;
}
