// inference: in p2p_config.yaml: the inference service (/permanet/inference/1.0.0).
import { resolve } from 'node:path';
import { CID } from 'multiformats/cid';
import { boolean, integer, list, section, type Values } from '../config/settings.ts';

const isCid = (text: string) => {
  try {
    CID.parse(text);
    return true;
  } catch {
    return false;
  }
};

export const inferenceSettings = section({
  key: 'inference',
  doc:
    'The inference service (/permanet/inference/1.0.0), on when a chain is configured (it reads each ' +
    "model's spec from the marketplace). Runs on onnxruntime-node: CUDA where an NVIDIA device and the " +
    'provider are present, else the CPU.',
  settings: {
    enabled: boolean({
      key: 'enabled',
      doc: 'Serve inference.',
      default: true,
      flag: { name: 'no-inference', sets: false, doc: 'do not serve inference (it is on when a chain is configured)' },
    }),
    maxSessions: integer({
      key: 'max_sessions',
      doc: 'Loaded models kept ready (the least recently used is unloaded first).',
      min: 1,
      max: 64,
      default: 4,
    }),
    runTimeoutMs: integer({
      key: 'run_timeout_ms',
      doc:
        "How long one run (or a model's load) may take; past it the model's process is killed, the request " +
        'answered "timeout" and the model refused until quarantine_s has passed.',
      min: 100,
      max: 3_600_000,
      default: 30_000,
    }),
    memoryMb: integer({
      key: 'memory_mb',
      doc: "The resident memory one model's process may hold; past it the process is killed, as past the time limit.",
      min: 64,
      max: 1_048_576,
      default: 2048,
    }),
    quarantineS: integer({
      key: 'quarantine_s',
      doc: 'How long a model that ran past a limit is refused before it is tried again.',
      min: 0,
      max: 86_400 * 30,
      default: 600,
    }),
    maxBatch: integer({
      key: 'max_batch',
      doc: 'The most rows one batched run holds.',
      min: 1,
      max: 1024,
      default: 32,
      flag: { name: 'max-batch', arg: 'rows' },
    }),
    batchWaitMs: integer({
      key: 'batch_wait_ms',
      doc:
        'How long a request that finds its model idle waits for others to share its run (requests that ' +
        'arrive during a run always share the next one).',
      min: 0,
      max: 1000,
      default: 0,
      flag: { name: 'batch-wait-ms', arg: 'ms' },
    }),
    requestsPerSecond: integer({
      key: 'requests_per_second',
      doc: 'Inference requests per peer per second, on average.',
      min: 1,
      max: 100_000,
      default: 50,
      flag: { name: 'requests-per-second', arg: 'n' },
    }),
    burst: integer({ key: 'burst', doc: 'Inference requests per peer at once.', min: 1, max: 1_000_000, default: 100 }),
    maxMessageBytes: integer({
      key: 'max_message_bytes',
      doc: 'The largest request or answer.',
      min: 1024,
      max: 64 * 1024 * 1024,
      default: 1024 * 1024,
    }),
    inFlightBytesPerIp: integer({
      key: 'in_flight_bytes_per_ip',
      doc:
        'Request bytes that streams from one IP address may hold at once: each open request counts ' +
        'max_message_bytes, taken before it is read.',
      min: 1024,
      max: 2 ** 40,
      default: 32 * 1024 * 1024,
    }),
    maxModelBytes: integer({
      key: 'max_model_bytes',
      doc: 'The largest model it loads.',
      min: 1,
      max: 2 ** 40,
      default: 64 * 1024 * 1024,
    }),
    fetchTimeoutMs: integer({
      key: 'fetch_timeout_ms',
      doc: "How long it waits for a model's blocks.",
      min: 1000,
      max: 3_600_000,
      default: 60_000,
    }),
    preload: integer({
      key: 'preload',
      doc: 'How many of the most used models to load at start.',
      min: 0,
      max: 64,
      default: 2,
      flag: { name: 'preload', arg: 'n' },
    }),
    substitutes: list<Record<string, string>>({
      key: 'substitute',
      doc:
        'For testing the network only: <weights CID>=<file> runs this ONNX file in place of the listed ' +
        'weights (a dishonest node, which the network slashes).',
      default: [],
      flag: {
        name: 'substitute',
        arg: 'cid>=<file',
        multiple: true,
        parse: (entry) => entry.replace(/=(.*)$/, (_, file: string) => `=${resolve(file)}`),
      },
      map: (entries, { reader, path, baseDir }) =>
        Object.fromEntries(
          entries.flatMap((entry, i) => {
            const [cid, file] = entry.split('=', 2);
            if (!file || !isCid(cid)) {
              reader.fail(`${path}[${i}]`, 'must be <weights CID>=<file>');
              return [];
            }
            return [[cid, resolve(baseDir, file)]];
          }),
        ),
    }),
  },
});

export type InferenceSettings = Values<typeof inferenceSettings.settings>;
