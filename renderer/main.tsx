import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { createAdminClient } from './api/client.ts';
import { ApiContext } from './api/api-context.ts';
import { desktopBridge } from './api/bridge.ts';
import { openAdminSession } from './api/session.ts';
import { subscribeToAdminEvents } from './api/subscriptions.ts';
import { createAppStore } from './store/app-store.ts';
import { AppStoreContext } from './store/use-app-store.ts';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    const connection = await openAdminSession({ location: window.location, history: window.history, bridge: desktopBridge(), fetch: window.fetch.bind(window) });
    const api = createAdminClient({ baseUrl: connection.baseUrl, token: connection.token });
    const store = createAppStore(api);
    subscribeToAdminEvents(connection.baseUrl, store.getState());
    void store.getState().loadStatus();
    root.render(
      <StrictMode>
        <ApiContext.Provider value={api}>
          <AppStoreContext.Provider value={store}>
            <App notice={connection.notice} />
          </AppStoreContext.Provider>
        </ApiContext.Provider>
      </StrictMode>,
    );
  } catch (error) {
    root.render(<p className="fatal" role="alert">{error instanceof Error ? error.message : String(error)}</p>);
  }
}

void start();
