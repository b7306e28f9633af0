// The peer slice of the app's state: the page's Helia node (created on first use, lazily imported:
// not in the first paint), the relays it reaches, and its peer id.
import { createSignal, onCleanup, type Accessor, type Resource } from 'solid-js';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';
import type { AppConfig } from '../../config/app-config.ts';
import type { RelayStatus } from '../../p2p/relay-keeper.ts';
import type { BrowserNode } from '../../storage/browser-node.ts';

export interface PeerState {
  browserNode(): Promise<BrowserNode>;
  relays: Accessor<RelayStatus[]>;
  /** Why the node could not start, when it could not. */
  nodeError: Accessor<string | null>;
  /** This tab's libp2p peer id, once its node runs (other tabs see it as a provider). */
  peerId: Accessor<string | null>;
}

/** `held` is what this tab offers other tabs when its node starts; `announce` tells the relays of a change. */
export function createPeerState(
  config: Resource<AppConfig>,
  held: () => string[],
): { state: PeerState; announce(cids: string[]): void } {
  const [relays, setRelays] = createSignal<RelayStatus[]>([]);
  const [nodeError, setNodeError] = createSignal<string | null>(null);
  const [peerId, setPeerId] = createSignal<string | null>(null);
  let node: Promise<BrowserNode> | null = null;
  const browserNode = (): Promise<BrowserNode> => {
    const cfg = config();
    if (cfg === undefined) return Promise.reject(new PermaNetError('the app config is not loaded yet'));
    node ??= import('../../storage/browser-node.ts')
      .then(({ createBrowserNode }) =>
        createBrowserNode({ relays: cfg.relays, iceServers: cfg.iceServers, onRelays: setRelays }),
      )
      .then((created) => {
        created.setHeld(held());
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
  const announce = (cids: string[]) => void node?.then((n) => n.setHeld(cids)).catch(() => {});
  return { state: { browserNode, relays, nodeError, peerId }, announce };
}
