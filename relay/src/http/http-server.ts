// The relay's loopback HTTP server: health, status, and the same UnixFS bytes that bitswap
// serves, over plain HTTP (the reference that the fetch benchmark compares Helia against), and
// Prometheus metrics at /metrics; GET /providers/<cid> lists the tabs that announced a CID. The
// operator drops a copy with DELETE /ipfs/<cid>, with the admin token from the data directory;
// /dns-query is the resolver's DNS over HTTPS.
// A request naming a foreign Host is refused (DNS rebinding), and only the app's origins get CORS.
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unixfs } from '@helia/unixfs';
import { CID } from 'multiformats/cid';
import type { Helia } from 'helia';
import type { Logger } from '../log.ts';
import type { RelayStatus } from '../relay-status.ts';
import type { RelayService } from '../service.ts';
import type { HttpSettings } from './http-settings.ts';
import { bearerMatches } from './admin-token.ts';
import { MAX_DNS_MESSAGE_BYTES } from '../names/dns-answer.ts';
import { metricsText } from './metrics.ts';
import { corsHeaders, isForeignOrigin, isOwnHost } from './request-origin.ts';
import { asError } from '@permanet/core/errors/permanet-error';

export interface RelayControl {
  status(): RelayStatus;
  /** Unpins `cid` and deletes its blocks; returns how many blocks went. */
  drop(cid: CID): Promise<number>;
  /** The browser tabs that announced `cid`. */
  providers(cid: CID): { peer: string; addrs: string[] }[];
  /** Answers a wire-format DNS query from `ip`; null when it is not one, or no resolver runs. */
  dns(query: Uint8Array, ip: string): Promise<Uint8Array | null> | null;
}

async function bodyOf(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > max) return null;
    parts.push(part);
  }
  return Buffer.concat(parts);
}

export function httpService(
  helia: Helia,
  control: RelayControl,
  { host, port, allowedHosts, corsOrigins }: HttpSettings,
  adminToken: string,
  log: Logger,
): RelayService & { url(): string } {
  const fs = unixfs(helia);
  const boundPort = () => (server.address() as AddressInfo).port;
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const cors = corsHeaders(req.headers, corsOrigins);
    return {
      head: (code: number, headers: OutgoingHttpHeaders) => res.writeHead(code, { ...headers, ...cors }),
      json(code: number, body: unknown) {
        res.writeHead(code, { 'content-type': 'application/json', ...cors });
        res.end(JSON.stringify(body));
      },
    };
  };
  const server = createServer(async (req, res) => {
    const { head, json } = answer(req, res);
    if (!isOwnHost(req.headers.host, boundPort(), allowedHosts))
      return json(403, { error: `not a name of this relay: ${String(req.headers.host).slice(0, 100)}` });
    const url = new URL(req.url ?? '/', 'http://relay');
    if (url.pathname === '/dns-query') {
      // RFC 8484: the query as base64url in ?dns= (GET), or as the body (POST, application/dns-message).
      let query: Buffer | null = null;
      if (req.method === 'GET') query = Buffer.from(url.searchParams.get('dns') ?? '', 'base64url');
      else if (req.method === 'POST' && req.headers['content-type'] === 'application/dns-message')
        query = await bodyOf(req, MAX_DNS_MESSAGE_BYTES);
      else return json(415, { error: 'GET with ?dns=, or POST an application/dns-message' });
      const reply = query && (await control.dns(query, req.socket.remoteAddress ?? ''));
      if (!reply) return json(400, { error: 'not a DNS query' });
      head(200, { 'content-type': 'application/dns-message', 'content-length': String(reply.length) });
      return res.end(reply);
    }
    if (req.method !== 'GET' && req.method !== 'DELETE') return json(405, { error: 'only GET and DELETE are served' });
    if (req.method === 'GET' && url.pathname === '/health') return json(200, { ok: true });
    if (req.method === 'GET' && url.pathname === '/status') return json(200, control.status());
    if (req.method === 'GET' && url.pathname === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      return res.end(metricsText(control.status(), process.memoryUsage().rss));
    }
    const match = /^\/(ipfs|providers)\/([^/]+)$/.exec(url.pathname);
    if (match === null) return json(404, { error: 'not found' });
    let cid: CID;
    try {
      cid = CID.parse(match[2]);
    } catch {
      return json(400, { error: `not a CID: ${match[2].slice(0, 100)}` });
    }
    if (match[1] === 'providers')
      return req.method === 'GET'
        ? json(200, control.providers(cid))
        : json(405, { error: 'providers are read with GET' });
    if (req.method === 'DELETE') {
      // A page of another origin never administers the relay, even holding the token.
      if (isForeignOrigin(req.headers, corsOrigins)) return json(403, { error: 'a foreign origin' });
      if (!bearerMatches(req.headers.authorization, adminToken))
        return json(401, { error: 'the admin token (data dir: admin-token) is required' });
      try {
        const blocks = await control.drop(cid);
        log.info('pin.dropped', { cid: cid.toString(), blocks });
        return json(200, { cid: cid.toString(), blocks });
      } catch (error) {
        log.warn('pin.drop_failed', { cid: cid.toString(), error: asError(error) });
        return json(500, { error: 'cannot drop the content' });
      }
    }
    // Serve only what is already here: plain HTTP must not trigger network fetches.
    if (!(await helia.blockstore.has(cid))) return json(404, { error: `not held here: ${cid}` });
    try {
      const stat = await fs.stat(cid, { offline: true });
      head(200, { 'content-type': 'application/octet-stream', 'content-length': String(stat.size) });
      for await (const chunk of fs.cat(cid, { offline: true })) res.write(chunk);
      res.end();
    } catch (error) {
      log.warn('http.cat_failed', { cid: cid.toString(), error });
      if (!res.headersSent) json(500, { error: 'cannot read the content' });
      else res.destroy();
    }
  });
  return {
    name: 'http',
    start: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      }),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    url: () => `http://${host}:${boundPort()}`,
  };
}
