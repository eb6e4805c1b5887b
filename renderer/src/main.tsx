import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// First: the catalogues and the system language are ready before anything renders.
import './i18n/i18n.js';
import { App } from './features/shell/App.js';
import { bindClient, createHearthStore } from './store/createHearthStore.js';
import { StoreProvider } from './store/StoreContext.js';
import { createClient } from './transport/createClient.js';
import './styles/tokens.css';
import './styles/app.css';
import './styles/chat.css';
import './styles/pages.css';
import './styles/library.css';
import './styles/routing.css';
import './styles/localApi.css';
import './styles/highlight.css';
import './styles/documents.css';

const ENGINE_POLL_MS = 15_000;

const client = createClient();
const store = createHearthStore(client);
bindClient(store, client);
void store.getState().syncAll();
// Memory use changes without events; refresh it while the window is visible.
setInterval(() => {
  if (document.visibilityState === 'visible' && store.getState().connection.state === 'open') void store.getState().refreshEngine();
}, ENGINE_POLL_MS);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App shell={client.shell} />
    </StoreProvider>
  </StrictMode>,
);
