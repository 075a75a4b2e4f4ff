import type { StatusResponse } from '../../../../gateway/admin/contract.ts';
import type { StreamState } from '../../../api/subscriptions.ts';
import { Badge } from '../../../shared/ui/panel.tsx';
import { formatDuration } from '../../../shared/format/format.ts';

const OLLAMA_TONE = { running: 'good', starting: 'info', stopped: 'muted', not_installed: 'muted', error: 'bad' } as const;

export function StatusStrip({ status, streamState, now }: { status: StatusResponse; streamState: StreamState; now: number }) {
  const configErrors = status.configErrors.length;
  const skipped = status.configProblems.length;
  return (
    <dl className="status-strip" data-testid="status-strip">
      <div>
        <dt>Gateway</dt>
        <dd><Badge tone="good">running</Badge> v{status.version} · up {formatDuration((now - status.startedAt) / 1000)}</dd>
      </div>
      <div>
        <dt>Listening</dt>
        <dd><code data-testid="gateway-url">{status.url}</code></dd>
      </div>
      <div>
        <dt>Live feed</dt>
        <dd><Badge tone={streamState === 'open' ? 'good' : 'warn'}>{streamState}</Badge></dd>
      </div>
      <div>
        <dt>Store</dt>
        <dd>
          <Badge tone={status.store.ok ? 'good' : 'bad'}>{status.store.ok ? 'ok' : 'degraded'}</Badge>
          {status.store.queued > 0 ? ` ${status.store.queued} queued` : ''}
          {status.store.message === null ? '' : ` ${status.store.message}`}
        </dd>
      </div>
      <div>
        <dt>Ollama</dt>
        <dd>
          <Badge tone={OLLAMA_TONE[status.ollama.state]}>{status.ollama.state.replace('_', ' ')}</Badge>
          {status.ollama.version === null ? '' : ` ${status.ollama.version}`} · {status.ollama.loadedModels} loaded
        </dd>
      </div>
      <div>
        <dt>Config</dt>
        <dd>
          {configErrors > 0
            ? <a href="#/routes"><Badge tone="bad">{configErrors} error{configErrors === 1 ? '' : 's'}</Badge></a>
            : <Badge tone="good">valid</Badge>}
          {skipped > 0 ? <>{' '}<a href="#/models" data-testid="skipped-entries-link"><Badge tone="warn">{skipped} entr{skipped === 1 ? 'y' : 'ies'} skipped</Badge></a></> : null}
          {status.configWarnings.length > 0 ? ` ${status.configWarnings.length} warning(s)` : ''}
        </dd>
      </div>
    </dl>
  );
}
