import { useEffect, type FormEvent } from 'react';
import { useAppStore } from '../../store/use-app-store.ts';
import { desktopBridge } from '../../api/bridge.ts';
import { Panel, Badge, EmptyState } from '../../shared/ui/panel.tsx';
import { Switch } from '../../shared/ui/switch.tsx';
import { IssueList } from '../routes/components/issue-list.tsx';
import { DesktopPanel } from './components/desktop-panel.tsx';

const SOURCE_TONE = { env: 'info', config: 'info', keychain: 'good', none: 'muted' } as const;

export function SettingsPage() {
  const settings = useAppStore((state) => state.settings);
  const draft = useAppStore((state) => state.settingsDraft);
  const result = useAppStore((state) => state.settingsResult);
  const loadSettings = useAppStore((state) => state.loadSettings);
  const editSettings = useAppStore((state) => state.editSettings);
  const saveSettings = useAppStore((state) => state.saveSettings);
  const bridge = desktopBridge();

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  if (settings === null) return <div className="page" data-testid="page-settings"><EmptyState>Loading…</EmptyState></div>;
  const host = draft.host ?? settings.host;
  const port = draft.port ?? settings.port;
  const storeBodies = draft.storeBodies ?? settings.storeBodies;
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void saveSettings();
  };

  return (
    <div className="page" data-testid="page-settings">
      <Panel title="Gateway">
        <form className="settings-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="settings-host">Bind address</label>
            <input id="settings-host" value={host} onChange={(event) => editSettings({ host: event.target.value })} spellCheck={false} />
            {loopback ? <span className="muted small">Loopback only: nothing else on the network can reach it.</span> : <span className="warn small">Reachable from the network: a master key is required.</span>}
          </div>
          <div className="field">
            <label htmlFor="settings-port">Port</label>
            <input id="settings-port" type="number" min={0} max={65535} value={port} onChange={(event) => editSettings({ port: Number(event.target.value) })} />
            {settings.listeningPort === settings.port ? null : (
              <span className="muted small" data-testid="settings-port-note">
                Listening on {settings.listeningPort} now: {bridge === undefined ? '--port at start overrides the saved port.' : `port ${settings.port} was in use at start.`}
              </span>
            )}
          </div>
          <div className="setting-row">
            <span>
              Store request bodies
              <div className="muted small">Off by default: prompts can hold code and secrets.</div>
            </span>
            <Switch checked={storeBodies} label="Store request bodies" onChange={(enabled) => editSettings({ storeBodies: enabled })} testId="settings-store-bodies" />
          </div>
          <dl className="facts">
            <dt>Data folder</dt><dd><code>{settings.dataDir}</code></dd>
            <dt>Config file</dt><dd><code>{settings.configPath ?? '(defaults)'}</code></dd>
          </dl>
          <IssueList issues={result?.errors ?? []} tone="bad" />
          {result?.restartRequired ? <p className="callout callout-warn" role="status">Saved. The new address takes effect after a restart.</p> : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={Object.keys(draft).length === 0}>Save</button>
          </div>
        </form>
      </Panel>
      <Panel title="Providers">
        <table className="table compact" data-testid="providers-table">
          <thead><tr><th>Provider</th><th>Variable</th><th>Key</th><th>Source</th></tr></thead>
          <tbody>
            {settings.providers.map((provider) => (
              <tr key={provider.name}>
                <td>{provider.name}</td>
                <td><code>{provider.envVar}</code></td>
                <td><code>{provider.maskedKey ?? '—'}</code></td>
                <td><Badge tone={SOURCE_TONE[provider.source]}>{provider.source}</Badge></td>
              </tr>
            ))}
          </tbody>
        </table>
        {bridge === undefined ? <p className="muted small">Headless: keys come from the environment (<code>os.environ/…</code> in the config). The desktop app keeps them in the OS keychain.</p> : null}
      </Panel>
      {bridge === undefined ? null : <DesktopPanel bridge={bridge} />}
    </div>
  );
}
