// Draws the app icons (a ring of peers around a core, on the theme colour) as PNGs with no image
// library: `node scripts/make-icons.ts` rewrites public/icons/. The maskable icon keeps the
// drawing inside the 80% safe zone.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const THEME = [0x12, 0x1a, 0x3a];
const ACCENT = [0x4f, 0xd1, 0xc5];

function crc32(bytes: Uint8Array) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size: number, pixel: (x: number, y: number) => number[]) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

function icon(size: number, scale: number, rounded: boolean) {
  const c = size / 2;
  const nodes = Array.from({ length: 6 }, (_, i) => [
    c + Math.cos((i * Math.PI) / 3) * size * 0.28 * scale,
    c + Math.sin((i * Math.PI) / 3) * size * 0.28 * scale,
  ]);
  return png(size, (x, y) => {
    const corner = size * 0.18;
    const dx = Math.max(corner - x, x - (size - corner), 0);
    const dy = Math.max(corner - y, y - (size - corner), 0);
    if (rounded && Math.hypot(dx, dy) > corner) return [0, 0, 0, 0];
    const d = Math.hypot(x - c, y - c);
    if (d < size * 0.12 * scale) return [...ACCENT, 255];
    for (const [nx, ny] of nodes) if (Math.hypot(x - nx, y - ny) < size * 0.06 * scale) return [255, 255, 255, 255];
    if (Math.abs(d - size * 0.28 * scale) < size * 0.012 * scale) return [...ACCENT, 255];
    return [...THEME, 255];
  });
}

const dir = new URL('../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', dir), icon(192, 1, true));
writeFileSync(new URL('icon-512.png', dir), icon(512, 1, true));
writeFileSync(new URL('icon-maskable-512.png', dir), icon(512, 0.8, false));
writeFileSync(new URL('apple-touch-icon.png', dir), icon(180, 0.9, false));
console.log('wrote public/icons/');
