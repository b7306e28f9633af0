import { Show, type JSX } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';

/** Registers the service worker and offers a reload when a new version has been deployed. */
export function UpdatePrompt(): JSX.Element {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  return (
    <Show when={needRefresh()}>
      <div class="update" role="alert" data-testid="update-prompt">
        A new version of PermaNet is available.
        <button type="button" onClick={() => void updateServiceWorker(true)}>
          Reload
        </button>
        <button type="button" class="quiet" onClick={() => setNeedRefresh(false)}>
          Later
        </button>
      </div>
    </Show>
  );
}
