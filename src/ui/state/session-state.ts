// The session slice of the app's state: loaded models kept ready across pages (how many is the
// person's choice, remembered), and the proving worker.
import { onCleanup, type Accessor } from 'solid-js';
import { DEFAULT_SESSION_CAPACITY, SessionPool } from '@permanet/core/inference/session-pool';
import { InferenceClient } from '../../inference/inference-client.ts';
import type { ProverClient } from '../../proving/prover-client.ts';
import { createChangeSignal } from './change-signal.ts';

const SESSION_LIMIT_KEY = 'permanet:sessions:limit';

export interface SessionState {
  sessions: SessionPool<InferenceClient>;
  /** The CIDs with a ready session, most recently used last. */
  readySessions: Accessor<string[]>;
  sessionLimit: Accessor<number>;
  setSessionLimit(limit: number): void;
  /** The proving worker, started on the first proof (its module and snarkjs load only then). */
  prover(): Promise<ProverClient>;
}

export function createSessionState(): SessionState {
  const change = createChangeSignal();
  const sessions = new SessionPool(
    () => new InferenceClient(),
    Number(localStorage.getItem(SESSION_LIMIT_KEY) ?? DEFAULT_SESSION_CAPACITY),
    change.changed,
  );
  onCleanup(() => sessions.clear());
  let prover: Promise<ProverClient> | null = null;
  return {
    sessions,
    readySessions: change.reading(() => sessions.keys()),
    sessionLimit: change.reading(() => sessions.limit()),
    setSessionLimit(limit) {
      sessions.setLimit(limit);
      localStorage.setItem(SESSION_LIMIT_KEY, String(limit));
    },
    prover: () => (prover ??= import('../../proving/prover-client.ts').then(({ ProverClient }) => new ProverClient())),
  };
}
