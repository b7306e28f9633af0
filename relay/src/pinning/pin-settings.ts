// pin: in p2p_config.yaml: the files pinned at start and the pin service (/permanet/pin/1.0.0).
import { resolve } from 'node:path';
import { integer, list, section, type Values } from '../config/settings.ts';

export const pinSettings = section({
  key: 'pin',
  settings: {
    files: list({
      key: 'files',
      doc: 'Local files to add and pin at start. `npm start` pins the demo models with --pin flags.',
      default: [],
      flag: {
        name: 'pin',
        arg: 'file',
        doc: 'add and pin a local file at start (repeatable)',
        multiple: true,
        appends: true,
        parse: (file) => resolve(file),
      },
      map: (files, { baseDir }) => files.map((file) => resolve(baseDir, file)),
    }),
    maxBytes: integer({
      key: 'max_bytes',
      doc: 'The largest content the pin service pins.',
      min: 1,
      max: 2 ** 40,
      default: 64 * 1024 * 1024,
    }),
    publisherMaxBytes: integer({
      key: 'publisher_max_bytes',
      doc:
        'What one publisher may have pinned here on its signature alone (content a registration names is ' +
        'not counted).',
      min: 0,
      max: 2 ** 50,
      default: 1024 * 1024 * 1024,
    }),
    publisherMaxPins: integer({
      key: 'publisher_max_pins',
      doc: 'How many pins one publisher may have here on its signature alone.',
      min: 0,
      max: 1_000_000,
      default: 100,
    }),
    maxConcurrent: integer({
      key: 'max_concurrent',
      doc: 'Pins fetched at once; past that a request is answered "busy".',
      min: 1,
      max: 1024,
      default: 4,
    }),
    timeoutMs: integer({
      key: 'timeout_ms',
      doc: 'How long the pin service waits for the blocks of what it pins.',
      min: 1000,
      max: 3_600_000,
      default: 120_000,
    }),
  },
});

export type PinSettings = Values<typeof pinSettings.settings>;
