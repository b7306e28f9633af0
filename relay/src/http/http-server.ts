// The relay's loopback HTTP server: health, status, and the same UnixFS bytes that bitswap
// serves, over plain HTTP (the reference that the fetch benchmark compares Helia against), and
// Prometheus metrics at /metrics. The
// operator (loopback only) can drop a copy with DELETE /ipfs/<cid>, and see which tabs announced a
// CID with GET /providers/<cid>.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unixfs } from '@helia/unixfs';
import { CID } from 'multiformats/cid';
import type { Helia } from 'helia';
import type { Logger } from '../log.ts';
import type { RelayStatus } from '../relay-status.ts';
import type { RelayService } from '../service.ts';
import type { HttpSettings } from './http-settings.ts';
import { metricsText } from './metrics.ts';
import { asError } from '@permanet/core/errors/permanet-error';

export interface RelayControl {
  status(): RelayStatus;
  /** Unpins `cid` and deletes its blocks; returns how many blocks went. */
  drop(cid: CID): Promise<number>;
  /** The browser tabs that announced `cid`. */
  providers(cid: CID): { peer: string; addrs: string[] }[];
}

const CORS = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};

function json(res: ServerResponse, code: number, body: unknown) {
  res.writeHead(code, { 'content-type': 'application/json', ...CORS });
  res.end(JSON.stringify(body));
}

export function httpService(
  helia: Helia,
  control: RelayControl,
  { host, port }: HttpSettings,
  log: Logger,
): RelayService & { url(): string } {
  const fs = unixfs(helia);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    if (req.method !== 'GET' && req.method !== 'DELETE')
      return json(res, 405, { error: 'only GET and DELETE are served' });
    if (req.method === 'GET' && url.pathname === '/health') return json(res, 200, { ok: true });
    if (req.method === 'GET' && url.pathname === '/status') return json(res, 200, control.status());
    if (req.method === 'GET' && url.pathname === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      return res.end(metricsText(control.status(), process.memoryUsage().rss));
    }
    const match = /^\/(ipfs|providers)\/([^/]+)$/.exec(url.pathname);
    if (match === null) return json(res, 404, { error: 'not found' });
    let cid: CID;
    try {
      cid = CID.parse(match[2]);
    } catch {
      return json(res, 400, { error: `not a CID: ${match[2].slice(0, 100)}` });
    }
    if (match[1] === 'providers')
      return req.method === 'GET'
        ? json(res, 200, control.providers(cid))
        : json(res, 405, { error: 'providers are read with GET' });
    if (req.method === 'DELETE') {
      try {
        const blocks = await control.drop(cid);
        log.info('pin.dropped', { cid: cid.toString(), blocks });
        return json(res, 200, { cid: cid.toString(), blocks });
      } catch (error) {
        log.warn('pin.drop_failed', { cid: cid.toString(), error: asError(error) });
        return json(res, 500, { error: 'cannot drop the content' });
      }
    }
    // Serve only what is already here: plain HTTP must not trigger network fetches.
    if (!(await helia.blockstore.has(cid))) return json(res, 404, { error: `not held here: ${cid}` });
    try {
      const stat = await fs.stat(cid, { offline: true });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(stat.size), ...CORS });
      for await (const chunk of fs.cat(cid, { offline: true })) res.write(chunk);
      res.end();
    } catch (error) {
      log.warn('http.cat_failed', { cid: cid.toString(), error });
      if (!res.headersSent) json(res, 500, { error: 'cannot read the content' });
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
    url: () => `http://${host}:${(server.address() as AddressInfo).port}`,
  };
}
