import { useState, type FormEvent } from 'react';
import { desktopBridge } from '../../api/bridge.ts';
import { exchangeToken } from '../../api/session.ts';
import { Panel } from './panel.tsx';

/**
 * Shown once the gateway answers 401 (it restarted and forgot the session, or admin_token
 * changed). Signing in reloads the page, so the client, the stream and every list start afresh.
 */
export function SignIn({ reason }: { reason: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The desktop app's preload always hands out the current token: reloading is all it takes.
  const desktop = desktopBridge() !== undefined;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    exchangeToken('', token.trim(), window.fetch.bind(window)).then(() => window.location.reload(), (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  };
  return (
    <div className="page" data-testid="sign-in">
      <Panel title="Signed out">
        <p className="callout callout-warn" role="alert">{reason}</p>
        {desktop ? (
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => window.location.reload()}>Sign in again</button>
          </div>
        ) : (
          <form className="inline-form" onSubmit={submit}>
            <label htmlFor="sign-in-token">Admin token</label>
            <input id="sign-in-token" type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} data-testid="sign-in-token" />
            <button type="submit" className="button button-primary" disabled={token.trim() === ''}>Sign in</button>
          </form>
        )}
        {desktop ? null : <p className="muted small">Or open the dashboard link the gateway printed at start (it ends in <code>#token=…</code>).</p>}
        {error === null ? null : <p className="callout callout-bad" role="alert">{error}</p>}
      </Panel>
    </div>
  );
}
