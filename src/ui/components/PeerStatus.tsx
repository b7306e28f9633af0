import { Show, type JSX } from 'solid-js';
import { useAppState } from '../state/app-state.tsx';

/** The relays' connection state, in the header. */
export function PeerStatus(): JSX.Element {
  const state = useAppState();
  const connected = () => state.relays().filter((r) => r.state === 'connected').length;
  const label = () => {
    if (state.nodeError()) return 'IPFS node failed';
    const total = state.relays().length;
    if (total === 0) return 'starting…';
    if (connected() > 0) return `${connected()}/${total} relay${total > 1 ? 's' : ''} connected`;
    return state.relays().some((r) => r.state === 'connecting') ? 'connecting…' : 'relay offline, retrying';
  };
  return (
    <span
      class="peer-status"
      data-testid="peer-status"
      data-connected={connected()}
      data-peer-id={state.peerId() ?? ''}
      title={
        state.nodeError() ??
        state
          .relays()
          .map((r) => `${r.address}: ${r.state}${r.error ? ` (${r.error})` : ''}`)
          .join('\n')
      }
    >
      <span class={`dot ${connected() > 0 ? 'on' : 'off'}`} />
      <Show when={true}>{label()}</Show>
    </span>
  );
}
