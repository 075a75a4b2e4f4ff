import type { ComponentType } from 'react';
import { useAppStore } from './store/use-app-store.ts';
import { useHashRoute } from './shared/ui/use-hash-route.ts';
import { SignIn } from './shared/ui/sign-in.tsx';
import { OverviewPage } from './features/overview/overview-page.tsx';
import { ModelsPage } from './features/models/models-page.tsx';
import { RoutesPage } from './features/routes/routes-page.tsx';
import { LogsPage } from './features/logs/logs-page.tsx';
import { SpendPage } from './features/spend/spend-page.tsx';
import { SetupPage } from './features/setup/setup-page.tsx';
import { SettingsPage } from './features/settings/settings-page.tsx';

const PAGES = {
  overview: { title: 'Overview', component: OverviewPage },
  models: { title: 'Models', component: ModelsPage },
  routes: { title: 'Routes', component: RoutesPage },
  logs: { title: 'Logs', component: LogsPage },
  spend: { title: 'Spend', component: SpendPage },
  setup: { title: 'Setup', component: SetupPage },
  settings: { title: 'Settings', component: SettingsPage },
} satisfies Record<string, { title: string; component: ComponentType }>;
type PageName = keyof typeof PAGES;
const PAGE_NAMES = Object.keys(PAGES) as PageName[];

function Notices() {
  const notices = useAppStore((state) => state.notices);
  const dismiss = useAppStore((state) => state.dismissNotice);
  return (
    <div className="notices" aria-live="assertive">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span>{notice.text}</span>
          <button type="button" className="button button-small button-ghost" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>×</button>
        </div>
      ))}
    </div>
  );
}

export function App({ notice }: { notice: string | null }) {
  const page = useHashRoute(PAGE_NAMES, 'overview');
  const streamState = useAppStore((state) => state.streamState);
  const configErrors = useAppStore((state) => state.status?.configErrors.length ?? 0);
  const signedOut = useAppStore((state) => state.signedOut);
  const Page = PAGES[page].component;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Sections" data-testid="sidebar">
        <div className="sidebar-inner">
          <div className="brand">Gatehouse</div>
          <ul>
            {PAGE_NAMES.map((name) => (
              <li key={name}>
                <a href={`#/${name}`} aria-current={name === page ? 'page' : undefined} data-testid={`nav-${name}`}>
                  {PAGES[name].title}
                  {name === 'routes' && configErrors > 0 ? <span className="nav-dot" aria-label={`${configErrors} config errors`} /> : null}
                </a>
              </li>
            ))}
          </ul>
          <div className={`live-indicator live-${streamState}`} data-testid="stream-state">
            <span className="live-dot" aria-hidden="true" /> {streamState === 'open' ? 'live' : streamState}
          </div>
        </div>
      </nav>
      <main className="content">
        <header className="content-header"><h1>{PAGES[page].title}</h1></header>
        {notice === null ? null : <p className="callout callout-warn" role="status">{notice}</p>}
        {signedOut === null ? <Page /> : <SignIn reason={signedOut} />}
      </main>
      <Notices />
    </div>
  );
}
