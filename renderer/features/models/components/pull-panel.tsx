import { useState, type FormEvent } from 'react';
import type { CatalogEntry, PullProgressEvent } from '../../../../gateway/admin/contract.ts';
import { useAppStore } from '../../../store/use-app-store.ts';
import { Panel, EmptyState } from '../../../shared/ui/panel.tsx';
import { Meter } from '../../../shared/ui/bar-list.tsx';
import { formatBytes, formatDuration, formatTokenCount } from '../../../shared/format/format.ts';
import { pullFraction } from '../models-slice.ts';
import { FitBadge } from './fit-badge.tsx';

function PullRow({ pull, onCancel }: { pull: PullProgressEvent; onCancel(): void }) {
  const fraction = pullFraction(pull);
  const failed = pull.error !== null;
  return (
    <li className="pull" data-testid={`pull-${pull.model}`}>
      <div className="pull-line">
        <strong>{pull.model}</strong>
        <span className="muted" data-testid="pull-status">
          {failed ? pull.error : pull.status}
          {fraction === null || pull.done ? '' : ` · ${Math.round(fraction * 100)}% of ${formatBytes(pull.total)} · ${formatBytes(pull.speed)}/s${pull.eta === null ? '' : ` · ${formatDuration(pull.eta)} left`}`}
        </span>
        {pull.done ? null : <button type="button" className="button button-small" onClick={onCancel} data-testid="pull-cancel">Cancel</button>}
      </div>
      <Meter fraction={pull.done && !failed ? 1 : fraction} tone={failed ? 'bad' : pull.done ? 'good' : 'info'} label={`Downloading ${pull.model}`} />
    </li>
  );
}

/** `unavailable`: why nothing can be pulled now (no Ollama to pull into), or null. */
export function PullPanel({ catalog, unavailable }: { catalog: CatalogEntry[]; unavailable: string | null }) {
  const pulls = useAppStore((state) => state.pulls);
  const pullModel = useAppStore((state) => state.pullModel);
  const cancelPull = useAppStore((state) => state.cancelPull);
  const [name, setName] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void pullModel(name);
    setName('');
  };
  const suggestions = catalog.filter((entry) => !entry.installed).slice(0, 8);

  return (
    <Panel title="Pull a model" testId="pull-panel">
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor="pull-name" className="visually-hidden">Ollama model name</label>
        <input id="pull-name" value={name} onChange={(event) => setName(event.target.value)} placeholder="qwen3:8b" data-testid="pull-input" autoComplete="off" spellCheck={false} />
        <button type="submit" className="button button-primary" disabled={name.trim() === '' || unavailable !== null} title={unavailable ?? undefined} data-testid="pull-submit">Pull</button>
      </form>
      {unavailable === null ? null : <p className="muted small" data-testid="pull-unavailable">{unavailable}</p>}
      {Object.keys(pulls).length === 0 ? null : (
        <ul className="pulls">
          {Object.values(pulls).map((pull) => <PullRow key={pull.model} pull={pull} onCancel={() => void cancelPull(pull.model)} />)}
        </ul>
      )}
      {suggestions.length === 0 ? null : (
        <>
          <h3 className="subheading">Suggested for this machine</h3>
          <ul className="catalog">
            {suggestions.map((entry) => (
              <li key={entry.name}>
                <div>
                  <strong>{entry.name}</strong> <span className="muted">{entry.parameterSize} · {formatBytes(entry.sizeBytes)} · {formatTokenCount(entry.contextLength)} ctx</span>
                  <div className="muted small">{entry.description}</div>
                </div>
                <FitBadge fit={entry.fit} />
                <button type="button" className="button button-small" onClick={() => void pullModel(entry.name)} disabled={unavailable !== null || pulls[entry.name]?.done === false} title={unavailable ?? undefined}>Pull</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {suggestions.length === 0 && Object.keys(pulls).length === 0 ? <EmptyState>Type a name from ollama.com/library.</EmptyState> : null}
    </Panel>
  );
}
