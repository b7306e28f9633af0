// The app's shared state, in slices with their own interfaces: the chain (config, read client,
// model list), the page's peer (Helia node, relays), the model cache and every fetch by CID, the
// ready sessions and the prover, the latency log, and this tab's contribution as a light node.
import { createContext, onCleanup, useContext, type ParentProps } from 'solid-js';
import { type CacheState, createCacheState } from './cache-state.ts';
import { type ChainState, createChainState } from './chain-state.ts';
import { createContribution } from './contribution.ts';
import { createLatencyLog, type LatencyLog } from './latency-log.ts';
import { createPeerState, type PeerState } from './peer-state.ts';
import { createSessionState, type SessionState } from './session-state.ts';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export type { ModelList } from './chain-state.ts';

/** The state a contribution needs (it is part of the state itself). */
export interface CoreAppState extends ChainState, PeerState, CacheState, SessionState {
  latency: LatencyLog;
}

export interface AppState extends CoreAppState {
  contribution: ReturnType<typeof createContribution>;
}

function createAppState(): AppState {
  const chain = createChainState();
  // The node offers other tabs what the cache holds, and the relays hear of every change.
  const cache = createCacheState(chain, { browserNode: () => peer.state.browserNode() }, (cids) => peer.announce(cids));
  const peer = createPeerState(chain.config, () => cache.cache.entries().map((e) => e.cid));
  const core: CoreAppState = {
    ...chain,
    ...peer.state,
    ...cache,
    ...createSessionState(),
    latency: createLatencyLog(),
  };
  const contribution = createContribution(core);
  onCleanup(() => void contribution.stop());
  return { ...core, contribution };
}

const AppStateContext = createContext<AppState>();

export function AppStateProvider(props: ParentProps) {
  return <AppStateContext.Provider value={createAppState()}>{props.children}</AppStateContext.Provider>;
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new PermaNetError('useAppState needs an AppStateProvider');
  return state;
}
