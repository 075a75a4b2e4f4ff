import { useEffect, useRef } from 'react';
import type { LogDetail } from '../../../../gateway/admin/contract.ts';
import { formatCount, formatDateTime, formatMs, formatUsd } from '../../../shared/format/format.ts';

function Body({ title, text }: { title: string; text: string | null }) {
  return (
    <details>
      <summary>{title}</summary>
      {text === null ? <p className="muted">Not stored. Turn on “Store request bodies” in Settings to keep them.</p> : <pre className="code-block">{text}</pre>}
    </details>
  );
}

export function LogDrawer({ detail, onClose }: { detail: LogDetail | null; onClose(): void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby="log-drawer-title" data-testid="log-drawer">
      <header className="drawer-header">
        <h2 id="log-drawer-title">Request {detail === null ? '' : detail.id}</h2>
        <button type="button" className="button button-small" onClick={onClose} ref={closeButton} aria-label="Close request detail">Close</button>
      </header>
      {detail === null ? <p className="muted">Loading…</p> : (
        <div className="drawer-body">
          <dl className="facts">
            <dt>Started</dt><dd>{formatDateTime(detail.at)}</dd>
            <dt>Status</dt><dd>{detail.status}{detail.errorType === null ? '' : ` · ${detail.errorType}`}</dd>
            <dt>Model</dt><dd>{detail.model} → {detail.group ?? '—'} → {detail.deployment ?? '—'}</dd>
            <dt>Route</dt><dd>{detail.route ?? '—'}</dd>
            <dt>Protocol</dt><dd>{detail.protocol}{detail.upstreamProtocol === null || detail.upstreamProtocol === detail.protocol ? '' : ` → ${detail.upstreamProtocol}`}{detail.stream ? ', streamed' : ''}</dd>
            <dt>Timings</dt><dd>queued {formatMs(detail.timings.queuedMs)} · first token {formatMs(detail.timings.ttftMs)} · total {formatMs(detail.timings.totalMs)}</dd>
            <dt>Tokens</dt><dd>{formatCount(detail.inputTokens)} in · {formatCount(detail.outputTokens)} out · {formatCount(detail.cacheRead)} cache read · {formatCount(detail.cacheWrite)} cache write</dd>
            <dt>Cost</dt><dd>{formatUsd(detail.costUsd)}</dd>
          </dl>
          {detail.error === null ? null : <p className="callout callout-bad" data-testid="log-error"><strong>{detail.error.type}</strong> {detail.error.message}</p>}
          {detail.attempts.length <= 1 ? null : (
            <>
              <h3 className="subheading">Attempts</h3>
              <table className="table compact">
                <thead><tr><th>Deployment</th><th>Status</th><th>Error</th><th className="numeric">Latency</th></tr></thead>
                <tbody>
                  {detail.attempts.map((attempt, index) => (
                    <tr key={index}><td>{attempt.deployment}</td><td>{attempt.status ?? '—'}</td><td>{attempt.errorType ?? ''}</td><td className="numeric">{formatMs(attempt.latencyMs)}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <Body title="Request body" text={detail.requestBody} />
          <Body title="Response body" text={detail.responseBody} />
        </div>
      )}
    </aside>
  );
}
