import type { ModelEntry } from '../../../../gateway/admin/contract.ts';
import { useAppStore } from '../../../store/use-app-store.ts';
import { Badge, EmptyState } from '../../../shared/ui/panel.tsx';
import { formatBytes, formatPricePerMillion, formatTime, formatTokenCount, formatWebSearchPrice } from '../../../shared/format/format.ts';
import { FitBadge } from './fit-badge.tsx';

const BENCH_RUNS = 3;

function Health({ model }: { model: ModelEntry }) {
  if (model.source === 'local' && model.group === null) return <Badge tone="muted">{model.loaded ? 'loaded, not routed' : 'on disk'}</Badge>;
  if (model.health === 'cooling_down') return <Badge tone="warn">cooldown</Badge>;
  if (model.health === 'route_disabled') return <Badge tone="muted">route off</Badge>;
  if (model.health === 'unreachable') return <Badge tone="bad">unreachable</Badge>;
  return <Badge tone="good">{model.source === 'local' && model.loaded ? 'loaded' : 'ready'}</Badge>;
}

/** Under the name: a cloud deployment's id when the name does not say it, a local model's size on disk. */
function ModelCell({ model }: { model: ModelEntry }) {
  const local = model.source === 'local';
  return (
    <td>
      <strong>{model.name}</strong>
      {local ? <div className="muted small" title="Size on disk">{formatBytes(model.sizeBytes)}</div> : null}
      {local || model.id === model.name ? null : <div className="muted small">{model.id}</div>}
    </td>
  );
}

/** Source, health and fit as badges that wrap in a small window instead of taking three columns; a cooldown's end on a line under them. */
function StatusCell({ model }: { model: ModelEntry }) {
  const local = model.source === 'local';
  return (
    <td>
      <div className="model-badges">
        <Badge tone={local ? 'info' : 'muted'}>{model.source}</Badge>
        <Health model={model} />
        {model.fit === null ? null : <FitBadge fit={model.fit} />}
      </div>
      {model.health === 'cooling_down' && model.cooldownUntil !== null ? <div className="muted small" data-testid="model-cooldown">until {formatTime(model.cooldownUntil)}</div> : null}
    </td>
  );
}

export function ModelTable({ models }: { models: ModelEntry[] }) {
  const busy = useAppStore((state) => state.modelBusy);
  const setModelLoaded = useAppStore((state) => state.setModelLoaded);
  const deleteModel = useAppStore((state) => state.deleteModel);
  const exposeModel = useAppStore((state) => state.exposeModel);
  const startBench = useAppStore((state) => state.startBench);

  if (models.length === 0) return <EmptyState>No models yet: add a deployment to the config, or pull a local model.</EmptyState>;
  return (
    <table className="table model-table" data-testid="model-table">
      <thead>
        <tr>
          <th title="Under the name: the deployment's id, or a local model's size on disk">Model</th><th>Group · route</th><th title="Source, health, and whether a local model fits this machine">Status</th>
          <th className="numeric">Context</th><th className="numeric">$/M in / out</th>
          <th><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => {
          const disabled = busy[model.id] === true;
          const webSearchPrice = formatWebSearchPrice(model.price);
          return (
            <tr key={`${model.source}:${model.id}`} data-testid={`model-row-${model.id}`}>
              <ModelCell model={model} />
              <td>{model.group ?? '—'}{model.route === null ? '' : <span className="muted"> · {model.route}</span>}</td>
              <StatusCell model={model} />
              <td className="numeric">{model.contextWindow === null ? '—' : formatTokenCount(model.contextWindow)}</td>
              <td className="numeric">{formatPricePerMillion(model.price)}{webSearchPrice === null ? null : <div className="muted small">{webSearchPrice}</div>}</td>
              <td>
                {model.source === 'local' ? (
                  <div className="row-actions model-actions">
                    <button type="button" className="button button-small" disabled={disabled} onClick={() => void setModelLoaded(model.id, !model.loaded)}>{model.loaded ? 'Unload' : 'Load'}</button>
                    <button type="button" className="button button-small" onClick={() => void startBench(model.id, BENCH_RUNS)} data-testid="bench-start">Bench</button>
                    {model.group === null ? <button type="button" className="button button-small" disabled={disabled} onClick={() => void exposeModel(model.id)}>Route it</button> : null}
                    <button
                      type="button"
                      className="button button-small button-danger"
                      disabled={disabled}
                      onClick={() => {
                        if (window.confirm(`Delete ${model.name} from disk?`)) void deleteModel(model.id);
                      }}
                    >Delete</button>
                  </div>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
