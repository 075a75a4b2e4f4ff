import type { BenchProgressEvent, BenchResult } from '../../../../gateway/admin/contract.ts';
import { useAppStore } from '../../../store/use-app-store.ts';
import { Panel, EmptyState, Badge } from '../../../shared/ui/panel.tsx';
import { BarList } from '../../../shared/ui/bar-list.tsx';
import { formatDateTime, formatMs, formatRate, formatTokenCount } from '../../../shared/format/format.ts';
import { describeDepth, describeToolCall } from '../bench-checks.ts';

function ToolCallCell({ check }: { check: BenchResult['toolCall'] }) {
  const verdict = describeToolCall(check);
  if (verdict === null) return <>—</>;
  return <><Badge tone={verdict.tone}>{verdict.label}</Badge>{verdict.reason === null ? null : <span className="muted"> — {verdict.reason}</span>}</>;
}

function latestPerModel(results: BenchResult[]): BenchResult[] {
  const seen = new Map<string, BenchResult>();
  for (const result of results) if (result.status === 'done' && !seen.has(result.model)) seen.set(result.model, result);
  return [...seen.values()];
}

export function BenchPanel({ results, running }: { results: BenchResult[]; running: BenchProgressEvent[] }) {
  const deleteBench = useAppStore((state) => state.deleteBench);
  const compared = latestPerModel(results);
  return (
    <Panel title="Benchmarks" testId="bench-panel">
      {running.map((progress) => (
        <p key={progress.id} className="muted" data-testid="bench-running">
          <Badge tone="info">running</Badge> {progress.model}: {progress.phase} {progress.run}/{progress.runs}
        </p>
      ))}
      {compared.length === 0 ? null : (
        <BarList items={compared.map((result) => ({ key: result.model, label: result.model, value: result.generationTokensPerSecond ?? 0 }))} format={(value) => `${formatRate(value)} t/s`} />
      )}
      {results.length === 0 ? <EmptyState>No benchmarks yet. Use "Bench" on a local model.</EmptyState> : (
        <table className="table compact">
          <thead>
            <tr><th>Model</th><th>When</th><th className="numeric">Prompt t/s</th><th className="numeric">Gen t/s</th><th className="numeric">TTFT</th><th className="numeric">Load</th><th className="numeric">Context</th><th>Claude Code depth</th><th>Tool call</th><th>Status</th><th><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {results.map((result) => (
              <tr key={result.id}>
                <td>{result.model}</td>
                <td>{formatDateTime(result.at)}</td>
                <td className="numeric">{result.promptTokensPerSecond === null ? '—' : formatRate(result.promptTokensPerSecond)}</td>
                <td className="numeric">{result.generationTokensPerSecond === null ? '—' : formatRate(result.generationTokensPerSecond)}</td>
                <td className="numeric">{formatMs(result.ttftMs)}</td>
                <td className="numeric">{formatMs(result.loadMs)}</td>
                <td className="numeric">{result.numCtx === null ? '—' : formatTokenCount(result.numCtx)}</td>
                <td data-testid="bench-depth">{describeDepth(result.depth)}</td>
                <td data-testid="bench-tools"><ToolCallCell check={result.toolCall} /></td>
                <td>{result.error ?? result.status}</td>
                <td><button type="button" className="button button-small button-ghost" aria-label={`Delete benchmark of ${result.model}`} onClick={() => void deleteBench(result.id)}>Delete</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
