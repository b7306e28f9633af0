// Who may talk to the HTTP port. A browser page on another site can reach a loopback port, by DNS
// rebinding (a name of its own that resolves to 127.0.0.1) or by a plain cross-origin request, so
// a request whose Host is not one of this server's names is refused, and CORS headers go only to
// the app's own origins: any other page can neither read an answer nor send an admin request.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Whether the Host header names this server: a loopback name or an allowed host, at its port. */
export function isOwnHost(host: string | undefined, port: number, allowedHosts: readonly string[]): boolean {
  if (host === undefined) return false;
  const name = host.toLowerCase();
  return [...LOOPBACK_NAMES, ...allowedHosts].some((own) => name === own || name === `${own}:${port}`);
}

/** Whether a request comes from a page of a foreign origin (a request without Origin is not a page's). */
export function isForeignOrigin(headers: IncomingHttpHeaders, corsOrigins: readonly string[]): boolean {
  const origin = headers.origin;
  return origin !== undefined && !corsOrigins.includes(origin);
}

/** The CORS headers for an answer: the requesting origin echoed when it is one of the app's. */
export function corsHeaders(headers: IncomingHttpHeaders, corsOrigins: readonly string[]): OutgoingHttpHeaders {
  const origin = headers.origin;
  if (origin === undefined || !corsOrigins.includes(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}
