import type { ModelEntry } from '../../../../gateway/admin/contract.ts';
import { useAppStore } from '../../../store/use-app-store.ts';
import { Badge, EmptyState } from '../../../shared/ui/panel.tsx';
import { formatBytes, formatPricePerMillion, formatTime, formatTokenCount, formatWebSearchPrice } from '../../../shared/format/format.ts';
import { FitBadge } from './fit-badge.tsx';

const BENCH_RUNS = 3;

function Health({ model }: { model: ModelEntry }) {
  if (model.source === 'local' && model.group === null) return <Badge tone="muted">{model.loaded ? 'loaded, not routed' : 'on disk'}</Badge>;
  if (model.health === 'cooling_down') return <Badge tone="warn">cooldown{model.cooldownUntil === null ? '' : ` until ${formatTime(model.cooldownUntil)}`}</Badge>;
  if (model.health === 'route_disabled') return <Badge tone="muted">route off</Badge>;
  if (model.health === 'unreachable') return <Badge tone="bad">unreachable</Badge>;
  return <Badge tone="good">{model.source === 'local' && model.loaded ? 'loaded' : 'ready'}</Badge>;
}

export function ModelTable({ models }: { models: ModelEntry[] }) {
  const busy = useAppStore((state) => state.modelBusy);
  const setModelLoaded = useAppStore((state) => state.setModelLoaded);
  const deleteModel = useAppStore((state) => state.deleteModel);
  const exposeModel = useAppStore((state) => state.exposeModel);
  const startBench = useAppStore((state) => state.startBench);

  if (models.length === 0) return <EmptyState>No models yet: add a deployment to the config, or pull a local model.</EmptyState>;
  return (
    <table className="table" data-testid="model-table">
      <thead>
        <tr>
          <th>Model</th><th>Source</th><th>Group · route</th><th>Status</th><th className="numeric">Context</th><th className="numeric">$/M in / out</th><th className="numeric">Size</th><th>Fit</th>
          <th><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => {
          const local = model.source === 'local';
          const disabled = busy[model.id] === true;
          const webSearchPrice = formatWebSearchPrice(model.price);
          return (
            <tr key={`${model.source}:${model.id}`} data-testid={`model-row-${model.id}`}>
              <td><strong>{model.name}</strong>{local || model.id === model.name ? null : <div className="muted small">{model.id}</div>}</td>
              <td><Badge tone={local ? 'info' : 'muted'}>{model.source}</Badge></td>
              <td>{model.group ?? '—'}{model.route === null ? '' : <span className="muted"> · {model.route}</span>}</td>
              <td><Health model={model} /></td>
              <td className="numeric">{model.contextWindow === null ? '—' : formatTokenCount(model.contextWindow)}</td>
              <td className="numeric">{formatPricePerMillion(model.price)}{webSearchPrice === null ? null : <div className="muted small">{webSearchPrice}</div>}</td>
              <td className="numeric">{local ? formatBytes(model.sizeBytes) : '—'}</td>
              <td><FitBadge fit={model.fit} /></td>
              <td>
                {local ? (
                  <div className="row-actions">
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
