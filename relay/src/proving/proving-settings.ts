// proving: in p2p_config.yaml: the prove service (/permanet/prove/1.0.0).
import { boolean, integer, section, type Values } from '../config/settings.ts';

export const provingSettings = section({
  key: 'proving',
  doc:
    'The prove service (/permanet/prove/1.0.0), on when a chain is configured: it makes Groth16 proofs ' +
    'for tabs that ask, only with the prover ModelMarketplace registers for a model version. snarkjs on ' +
    'the CPU here; a GPU or FPGA prover plugs in behind relay/src/proving/prover-backend.ts.',
  settings: {
    enabled: boolean({
      key: 'enabled',
      doc: 'Make proofs for peers.',
      default: true,
      flag: { name: 'no-proving', sets: false, doc: 'do not make proofs for peers (on when a chain is configured)' },
    }),
    maxQueue: integer({
      key: 'max_queue',
      doc: 'Proofs that may wait behind the running one; past that a request is answered "busy".',
      min: 0,
      max: 10_000,
      default: 8,
      flag: { name: 'max-proof-queue', arg: 'n' },
    }),
    proofsPerMinute: integer({
      key: 'proofs_per_minute',
      doc: 'Proofs per peer per minute, on average.',
      min: 1,
      max: 100_000,
      default: 12,
      flag: { name: 'proofs-per-minute', arg: 'n' },
    }),
    burst: integer({ key: 'burst', doc: 'Proofs per peer at once.', min: 1, max: 10_000, default: 3 }),
    timeoutMs: integer({
      key: 'timeout_ms',
      doc: 'How long one proof (witness and proof) may take; past it the prover process is killed and replaced.',
      min: 1000,
      max: 3_600_000,
      default: 120_000,
    }),
    memoryMb: integer({
      key: 'memory_mb',
      doc: 'The resident memory the prover process may hold; past it the process is killed and replaced.',
      min: 128,
      max: 1_048_576,
      default: 4096,
    }),
    maxArtifactBytes: integer({
      key: 'max_artifact_bytes',
      doc: 'The largest circuit or proving key it fetches.',
      min: 1,
      max: 2 ** 40,
      default: 256 * 1024 * 1024,
    }),
    fetchTimeoutMs: integer({
      key: 'fetch_timeout_ms',
      doc: "How long it waits for a circuit's or a proving key's blocks.",
      min: 1000,
      max: 3_600_000,
      default: 120_000,
    }),
  },
});

export type ProvingSettings = Values<typeof provingSettings.settings>;
