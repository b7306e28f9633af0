// Writes public/samples/digits.json: two held-out digits of each class (grey levels 0–255), the
// "sample digit" the model page offers, and the inputs the end-to-end test feeds.
import { writeFileSync } from 'node:fs';
import { heldOutSet } from './dataset.ts';

const perClass = 2;
const samples: { label: number; pixels: number[] }[] = [];
const test = heldOutSet();
for (let label = 0; label < 10; label++) {
  for (const digit of test.filter((d) => d.label === label).slice(0, perClass)) {
    samples.push({ label, pixels: Array.from(digit.pixels, (v) => Math.round(v * 255)) });
  }
}
const out = new URL('../../public/samples/digits.json', import.meta.url);
writeFileSync(out, JSON.stringify(samples));
console.log(`wrote ${samples.length} held-out digits to public/samples/digits.json`);
