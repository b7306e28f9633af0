// The app's shared state: runtime config, the chain's model list (with the last good copy when
// the chain is out of reach), and the page's IPFS node, started after the first paint.
import {
  createContext,
  createMemo,
  createResource,
  createSignal,
  onCleanup,
  useContext,
  type ParentProps,
} from 'solid-js';
import { loadAppConfig } from '../../config/load-app-config.ts';
import { listModels } from '@permanet/core/chain/actions/marketplace/list-models';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import { loadModels, saveModels } from '../../chain/cached-models.ts';
import { createChainClient } from '../../chain/public-client.ts';
import type { RelayStatus } from '../../p2p/relay-keeper.ts';
import type { ProverClient } from '../../proving/prover-client.ts';
import type { BrowserNode } from '../../storage/browser-node.ts';
import { ModelCacheIndex } from '../../storage/model-cache.ts';
import { InferenceClient } from '../../inference/inference-client.ts';
import { DEFAULT_SESSION_CAPACITY, SessionPool } from '@permanet/core/inference/session-pool';
import { createPrefetch } from './prefetch.ts';
import { createChangeSignal } from './change-signal.ts';
import { createContribution } from './contribution.ts';
import { createLatencyLog } from './latency-log.ts';
import { messageOf } from '@permanet/core/errors/permanet-error';

export interface ModelList {
  models: ModelRecord[];
  /** Set when the chain could not be read and the list is the last one seen. */
  staleBecause: string | null;
}

const SESSION_LIMIT_KEY = 'permanet:sessions:limit';

function createAppState() {
  const [config] = createResource(async () => (await loadAppConfig()).config);
  /** One read client and the contracts' addresses for the configured chain, made once per config. */
  const chain = createMemo(() => {
    const cfg = config();
    if (!cfg) return null;
    const c = cfg.deployments.contracts;
    return {
      client: createChainClient(cfg.deployments),
      joy: c.JoyToken.address,
      marketplace: c.ModelMarketplace.address,
      coordinator: c.NodeCoordinator.address,
      proofOfInference: c.ProofOfInference.address,
    };
  });
  const [relays, setRelays] = createSignal<RelayStatus[]>([]);
  const [nodeError, setNodeError] = createSignal<string | null>(null);
  /** This tab's libp2p peer id, once its node runs (other tabs see it as a provider). */
  const [peerId, setPeerId] = createSignal<string | null>(null);

  const [models, { refetch: refreshModels }] = createResource(
    chain,
    async ({ client, marketplace }): Promise<ModelList> => {
      const cfg = config()!;
      try {
        const fresh = await listModels(client, marketplace);
        saveModels(marketplace, fresh);
        return { models: fresh, staleBecause: null };
      } catch (error) {
        const cached = loadModels(marketplace);
        if (cached === null)
          throw new Error(`The chain at ${cfg.deployments.rpcUrl} cannot be read: ${messageOf(error).split('\n')[0]}`);
        return { models: cached, staleBecause: 'the chain cannot be reached; showing the last list seen' };
      }
    },
  );

  let node: Promise<BrowserNode> | null = null;
  /** The page's Helia node, created on first use (lazily imported: not in the first paint). */
  const browserNode = (): Promise<BrowserNode> => {
    const cfg = config();
    if (cfg === undefined) return Promise.reject(new Error('the app config is not loaded yet'));
    node ??= import('../../storage/browser-node.ts')
      .then(({ createBrowserNode }) =>
        createBrowserNode({ relays: cfg.relays, iceServers: cfg.iceServers, onRelays: setRelays }),
      )
      .then((created) => {
        created.setHeld(cache.entries().map((e) => e.cid));
        setPeerId(created.peerId);
        return created;
      })
      .catch((error) => {
        node = null;
        setNodeError(messageOf(error));
        throw error;
      });
    return node;
  };
  onCleanup(() => void node?.then((n) => n.stop()));

  /** What IndexedDB holds: changed by fetches, pins and the limit, shown on the home page. */
  const cacheChange = createChangeSignal();
  const cache = new ModelCacheIndex(localStorage, {
    // The models this tab holds are what it offers other tabs: the relays hear of every change.
    onChange: () => {
      cacheChange.changed();
      void node?.then((n) => n.setHeld(cache.entries().map((e) => e.cid))).catch(() => {});
    },
  });
  const cacheEntries = cacheChange.reading(() => cache.entries());
  const cacheLimit = cacheChange.reading(() => cache.limit());

  /** Loaded models kept ready across pages; how many is the person's choice, remembered. */
  const sessionsChange = createChangeSignal();
  const sessions = new SessionPool(
    () => new InferenceClient(),
    Number(localStorage.getItem(SESSION_LIMIT_KEY) ?? DEFAULT_SESSION_CAPACITY),
    sessionsChange.changed,
  );
  /** The CIDs with a ready session, most recently used last. */
  const readySessions = sessionsChange.reading(() => sessions.keys());
  const sessionLimit = sessionsChange.reading(() => sessions.limit());
  const setSessionLimit = (limit: number) => {
    sessions.setLimit(limit);
    localStorage.setItem(SESSION_LIMIT_KEY, String(limit));
  };
  onCleanup(() => sessions.clear());

  const prefetch = createPrefetch(cache);
  /** Fetches likely models ahead once the list and the node are ready (called after first paint). */
  const prefetchLikely = async () => {
    const list = models();
    const cfg = config();
    if (!list || list.staleBecause || !cfg) return;
    await prefetch.run(list.models, await browserNode(), cfg.fetchTimeoutMs);
  };

  let proverClient: Promise<ProverClient> | null = null;
  /** The proving worker, started on the first proof (its module and snarkjs load only then). */
  const prover = (): Promise<ProverClient> =>
    (proverClient ??= import('../../proving/prover-client.ts').then(({ ProverClient }) => new ProverClient()));

  const state = {
    config,
    chain,
    models,
    refreshModels,
    relays,
    nodeError,
    peerId,
    browserNode,
    prover,
    cache,
    cacheEntries,
    cacheLimit,
    sessions,
    readySessions,
    sessionLimit,
    setSessionLimit,
    prefetch,
    prefetchLikely,
    latency: createLatencyLog(),
  };
  const contribution = createContribution(state);
  onCleanup(() => void contribution.stop());
  return { ...state, contribution };
}

export type AppState = ReturnType<typeof createAppState>;
/** The state a contribution needs (it is part of the state itself). */
export type CoreAppState = Omit<AppState, 'contribution'>;
const AppStateContext = createContext<AppState>();

export function AppStateProvider(props: ParentProps) {
  return <AppStateContext.Provider value={createAppState()}>{props.children}</AppStateContext.Provider>;
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState needs an AppStateProvider');
  return state;
}
