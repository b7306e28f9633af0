import { describe, expect, it } from 'vitest';
import { corsHeaders, isForeignOrigin, isOwnHost } from './request-origin.ts';

describe('who may talk to the HTTP port', () => {
  it('answers to its loopback names and allowed hosts at its port, and to nothing else', () => {
    expect(isOwnHost('127.0.0.1:4080', 4080, [])).toBe(true);
    expect(isOwnHost('LOCALHOST:4080', 4080, [])).toBe(true);
    expect(isOwnHost('[::1]:4080', 4080, [])).toBe(true);
    expect(isOwnHost('relay.example.org', 4080, ['relay.example.org'])).toBe(true);
    expect(isOwnHost('127.0.0.1:4081', 4080, [])).toBe(false);
    expect(isOwnHost('rebind.evil.example:4080', 4080, [])).toBe(false);
    expect(isOwnHost('127.0.0.1.evil.example:4080', 4080, [])).toBe(false);
    expect(isOwnHost(undefined, 4080, [])).toBe(false);
  });

  it("echoes CORS only to the app's origins, and treats a request without Origin as no page's", () => {
    const app = ['http://127.0.0.1:5173'];
    expect(corsHeaders({ origin: 'http://127.0.0.1:5173' }, app)).toEqual({
      'access-control-allow-origin': 'http://127.0.0.1:5173',
      vary: 'Origin',
    });
    expect(corsHeaders({ origin: 'https://evil.example' }, app)).toEqual({ vary: 'Origin' });
    expect(isForeignOrigin({ origin: 'https://evil.example' }, app)).toBe(true);
    expect(isForeignOrigin({ origin: 'null' }, app)).toBe(true);
    expect(isForeignOrigin({ origin: 'http://127.0.0.1:5173' }, app)).toBe(false);
    expect(isForeignOrigin({}, app)).toBe(false);
  });
});
