import { useState, type FormEvent } from 'react';
import type { BenchProgressEvent, BenchResult } from '../../../../gateway/admin/contract.ts';
import { useAppStore } from '../../../store/use-app-store.ts';
import { Panel, EmptyState, Badge } from '../../../shared/ui/panel.tsx';
import { BarList } from '../../../shared/ui/bar-list.tsx';
import { formatDateTime, formatMs, formatRate, formatTokenCount } from '../../../shared/format/format.ts';
import { describeDepth, describeToolCall } from '../bench-checks.ts';
import { describeBenchProgress } from '../bench-progress.ts';
import { describeBenchTarget, groupBenchNote } from '../bench-target.ts';

const GROUP_BENCH_RUNS = 3;

/** Starts a benchmark of a configured group through the gateway, and says what that costs. */
function GroupBenchForm({ groups }: { groups: string[] }) {
  const startGroupBench = useAppStore((state) => state.startGroupBench);
  const [chosen, setChosen] = useState('');
  const group = groups.includes(chosen) ? chosen : (groups[0] ?? '');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (group !== '') void startGroupBench(group, GROUP_BENCH_RUNS);
  };
  if (groups.length === 0) return null;
  return (
    <form className="inline-form" onSubmit={submit} data-testid="group-bench-form">
      <label htmlFor="group-bench-group">Group</label>
      <select id="group-bench-group" value={group} onChange={(event) => setChosen(event.target.value)} data-testid="group-bench-select">
        {groups.map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
      <button type="submit" className="button" data-testid="group-bench-start">Bench via gateway</button>
      <p className="muted small">{groupBenchNote(GROUP_BENCH_RUNS)}</p>
    </form>
  );
}

/** Local model benchmarks start from the model table; this says whether they include the depth run. */
function DepthChoice() {
  const benchDepth = useAppStore((state) => state.benchDepth);
  const setBenchDepth = useAppStore((state) => state.setBenchDepth);
  return (
    <label className="muted small" data-testid="bench-depth-choice">
      <input type="checkbox" checked={benchDepth} onChange={(event) => setBenchDepth(event.target.checked)} data-testid="bench-depth-toggle" />
      {' '}Local benchmarks include the long-prompt run (Claude Code depth, 16k tokens): minutes on a CPU-only machine
    </label>
  );
}

function ModelCell({ result }: { result: BenchResult }) {
  const target = describeBenchTarget(result);
  return <>{result.model}{target === null ? null : <div className="muted small" data-testid="bench-target">{target}</div>}</>;
}

function ToolCallCell({ check }: { check: BenchResult['toolCall'] }) {
  const verdict = describeToolCall(check);
  if (verdict === null) return <>—</>;
  return <><Badge tone={verdict.tone}>{verdict.label}</Badge>{verdict.reason === null ? null : <span className="muted"> — {verdict.reason}</span>}</>;
}

/** Keyed by kind as well: an Ollama model and the group serving it through the gateway are two bars. */
function latestPerModel(results: BenchResult[]): BenchResult[] {
  const seen = new Map<string, BenchResult>();
  for (const result of results) {
    const key = `${result.kind}\u0000${result.model}`;
    if (result.status === 'done' && !seen.has(key)) seen.set(key, result);
  }
  return [...seen.values()];
}

/** `groups`: the configured model groups a benchmark through the gateway can measure. */
export function BenchPanel({ results, running, groups }: { results: BenchResult[]; running: BenchProgressEvent[]; groups: string[] }) {
  const deleteBench = useAppStore((state) => state.deleteBench);
  const compared = latestPerModel(results);
  return (
    <Panel title="Benchmarks" testId="bench-panel">
      <DepthChoice />
      <GroupBenchForm groups={groups} />
      {running.map((progress) => (
        <p key={progress.id} className="muted" data-testid="bench-running">
          <Badge tone="info">running</Badge> {describeBenchProgress(progress)}
        </p>
      ))}
      {compared.length === 0 ? null : (
        <BarList
          items={compared.map((result) => ({ key: result.id, label: result.kind === 'gateway' ? `${result.model} (via gateway)` : result.model, value: result.generationTokensPerSecond ?? 0 }))}
          format={(value) => `${formatRate(value)} t/s`}
        />
      )}
      {results.length === 0 ? <EmptyState>No benchmarks yet. Use "Bench" on a local model, or bench a model group via the gateway above.</EmptyState> : (
        <table className="table compact">
          <thead>
            <tr><th>Model</th><th>When</th><th className="numeric">Prompt t/s</th><th className="numeric">Gen t/s</th><th className="numeric">TTFT</th><th className="numeric">Load</th><th className="numeric">Context</th><th>Claude Code depth</th><th>Tool call</th><th>Status</th><th><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {results.map((result) => (
              <tr key={result.id}>
                <td><ModelCell result={result} /></td>
                <td>{formatDateTime(result.at)}</td>
                <td className="numeric">{result.promptTokensPerSecond === null ? '—' : formatRate(result.promptTokensPerSecond)}</td>
                <td className="numeric">{result.generationTokensPerSecond === null ? '—' : formatRate(result.generationTokensPerSecond)}</td>
                <td className="numeric">{formatMs(result.ttftMs)}</td>
                <td className="numeric">{formatMs(result.loadMs)}</td>
                <td className="numeric">{result.numCtx === null ? '—' : formatTokenCount(result.numCtx)}</td>
                <td data-testid="bench-depth">{describeDepth(result)}</td>
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
