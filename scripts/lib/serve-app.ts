// Serves the built PWA with the headers it needs: cross-origin isolation (COOP + COEP, so
// onnxruntime-web can use threads), a no-cache service worker, the SPA fallback, and the
// runtime /config.json.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../../src/config/app-config.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

export async function serveApp(
  distDir: string,
  config: AppConfig,
  host: string,
  port: number,
): Promise<{ server: Server; url: string }> {
  const configJson = JSON.stringify(config);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://app').pathname);
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...ISOLATION });
      return res.end(configJson);
    }
    let file = normalize(join(distDir, path));
    if (!file.startsWith(distDir)) {
      res.writeHead(400);
      return res.end();
    }
    const isFile = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    // Routes of the single-page app fall back to index.html; missing assets are a 404. A name's
    // route (/n/digits.ai) has a dot and is a route all the same.
    if (!isFile) {
      if (extname(path) !== '' && !path.startsWith('/n/')) {
        res.writeHead(404, ISOLATION);
        return res.end('not found');
      }
      file = join(distDir, 'index.html');
    }
    const body = await readFile(file);
    const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': cache,
      ...ISOLATION,
    });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { server, url: `http://${host}:${address.port}/` };
}
