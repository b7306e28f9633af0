import { Route, Router, A, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, lazy, type JSX } from 'solid-js';
import { AppStateProvider, useAppState } from './state/app-state.tsx';
import { useWallet, WalletProvider } from './state/wallet.tsx';
import { PeerStatus } from './components/PeerStatus.tsx';
import { UpdatePrompt } from './components/UpdatePrompt.tsx';
import { ModelsRoute } from './routes/ModelsRoute.tsx';

// The model page pulls in the canvas, audio and worker code: loaded when first opened.
const ModelRoute = lazy(() => import('./routes/ModelRoute.tsx'));
const StakeRoute = lazy(() => import('./routes/StakeRoute.tsx'));
const PublishRoute = lazy(() => import('./routes/PublishRoute.tsx'));
const AccountRoute = lazy(() => import('./routes/AccountRoute.tsx'));
const NetworkRoute = lazy(() => import('./routes/NetworkRoute.tsx'));
const NameRoute = lazy(() => import('./routes/NameRoute.tsx'));
const NamesRoute = lazy(() => import('./routes/NamesRoute.tsx'));
const DaosRoute = lazy(() => import('./routes/DaosRoute.tsx'));

/** "Open by name": a name typed here opens its model (/n/<name>). */
function OpenByName(): JSX.Element {
  const navigate = useNavigate();
  return (
    <form
      class="open-by-name"
      onSubmit={(event) => {
        event.preventDefault();
        const input = event.currentTarget.elements.namedItem('name') as HTMLInputElement;
        if (input.value.trim()) navigate(`/n/${encodeURIComponent(input.value.trim())}`);
      }}
    >
      <input
        name="name"
        type="search"
        placeholder="Open by name: digits.ai"
        aria-label="Open by name"
        data-testid="open-by-name"
      />
    </form>
  );
}

function Layout(props: RouteSectionProps): JSX.Element {
  const state = useAppState();
  // Start the page's IPFS node once the shell has painted and the config is known.
  const wallet = useWallet();
  createEffect(() => {
    if (!state.config()) return;
    setTimeout(() => void state.browserNode().catch(() => {}), 0);
    wallet.restore();
  });
  // Once the list is known and the page has settled, fetch the likely next models.
  createEffect(() => {
    if (state.models() && state.prefetch.enabled()) setTimeout(() => void state.prefetchLikely().catch(() => {}), 1000);
  });
  return (
    <div class="app">
      <header class="top">
        <A href="/" class="brand" end>
          <img src="/icons/icon-192.png" alt="" width="28" height="28" />
          PermaNet
        </A>
        <nav>
          <A href="/" end>
            Models
          </A>
          <A href="/publish">Publish</A>
          <A href="/network">Network</A>
          <A href="/names">Names</A>
          <A href="/daos">DAOs</A>
          <A href="/stake">Stake</A>
          <A href="/account">Account</A>
        </nav>
        <OpenByName />
        <PeerStatus />
      </header>
      <UpdatePrompt />
      <main>{props.children}</main>
    </div>
  );
}

export function App(): JSX.Element {
  return (
    <AppStateProvider>
      <WalletProvider>
        <Router root={Layout}>
          <Route path="/" component={ModelsRoute} />
          <Route path="/model/:id" component={ModelRoute} />
          <Route path="/publish" component={PublishRoute} />
          <Route path="/stake" component={StakeRoute} />
          <Route path="/network" component={NetworkRoute} />
          <Route path="/account" component={AccountRoute} />
          <Route path="/n/:name" component={NameRoute} />
          <Route path="/names" component={NamesRoute} />
          <Route path="/daos" component={DaosRoute} />
          <Route
            path="*"
            component={() => (
              <p class="notice">
                No such page. <A href="/">See the models</A>.
              </p>
            )}
          />
        </Router>
      </WalletProvider>
    </AppStateProvider>
  );
}
