import { useEffect, useState } from 'react';
import type { GatehouseBridge, SecretProvider, SecretStatus } from '../../../../electron/ipc/contract.ts';
import { Panel, Badge } from '../../../shared/ui/panel.tsx';
import { Switch } from '../../../shared/ui/switch.tsx';

function KeyForm({ status, bridge, onSaved }: { status: SecretStatus; bridge: GatehouseBridge; onSaved(status: SecretStatus): void }) {
  const [key, setKey] = useState('');
  const id = `secret-${status.provider}`;
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        // The key leaves the renderer here and is never sent back; only "stored" returns.
        void bridge.secrets.set(status.provider, key).then(onSaved);
        setKey('');
      }}
    >
      <label htmlFor={id} className="key-label">{status.provider}</label>
      <input id={id} type="password" value={key} autoComplete="off" placeholder={status.stored ? 'stored in keychain — type to replace' : 'paste API key'} onChange={(event) => setKey(event.target.value)} />
      <button type="submit" className="button button-small" disabled={key === ''}>Save</button>
      {status.stored ? <button type="button" className="button button-small button-ghost" onClick={() => void bridge.secrets.delete(status.provider).then(onSaved)}>Remove</button> : null}
    </form>
  );
}

/** What only the desktop app can do: keychain, login item, data folder, quit. */
export function DesktopPanel({ bridge }: { bridge: GatehouseBridge }) {
  const [openAtLogin, setOpenAtLogin] = useState<boolean | null>(null);
  const [secrets, setSecrets] = useState<SecretStatus[]>([]);
  useEffect(() => {
    void bridge.openAtLogin.get().then(setOpenAtLogin);
    void bridge.secrets.list().then(setSecrets);
  }, [bridge]);
  const replace = (status: SecretStatus): void => setSecrets((known) => known.map((entry) => (entry.provider === status.provider ? status : entry)));
  const encryption = secrets[0]?.encryptionAvailable ?? true;

  return (
    <Panel title="Desktop">
      <div className="setting-row">
        <span>Start at login</span>
        <Switch checked={openAtLogin === true} disabled={openAtLogin === null} label="Start at login" onChange={(enabled) => void bridge.openAtLogin.set(enabled).then(setOpenAtLogin)} />
      </div>
      <div className="setting-row">
        <span>Data folder</span>
        <button type="button" className="button button-small" onClick={() => void bridge.revealDataFolder()}>Show in file manager</button>
      </div>
      <h3 className="subheading">Provider keys {encryption ? <Badge tone="good">OS keychain</Badge> : <Badge tone="warn">no keyring: stored weakly</Badge>}</h3>
      {secrets.map((status: SecretStatus) => <KeyForm key={status.provider as SecretProvider} status={status} bridge={bridge} onSaved={replace} />)}
      <div className="form-actions">
        <button type="button" className="button button-danger" onClick={() => void bridge.quit()}>Quit Gatehouse</button>
      </div>
    </Panel>
  );
}
