import { useState, type FormEvent } from 'react';
import type { BenchProgressEvent, BenchResult } from '../../../../gateway/admin/contract.ts';
import { useAppStore } from '../../../store/use-app-store.ts';
import { Panel, EmptyState, Badge } from '../../../shared/ui/panel.tsx';
import { BarList } from '../../../shared/ui/bar-list.tsx';
import { formatDateTime, formatMs, formatRate, formatTokenCount } from '../../../shared/format/format.ts';
import { depthFigures, describeDepth, describeToolCall, formatRatePair } from '../bench-checks.ts';
import { describeBenchProgress } from '../bench-progress.ts';
import { describeBenchTarget, groupBenchNote } from '../bench-target.ts';

const GROUP_BENCH_RUNS = 3;

/** Starts a benchmark of a configured group through the gateway; what that costs is said under the controls. */
function GroupBenchForm({ groups }: { groups: string[] }) {
  const startGroupBench = useAppStore((state) => state.startGroupBench);
  const [chosen, setChosen] = useState('');
  const group = groups.includes(chosen) ? chosen : (groups[0] ?? '');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (group !== '') void startGroupBench(group, GROUP_BENCH_RUNS);
  };
  return (
    <form className="inline-form bench-group-form" onSubmit={submit} data-testid="group-bench-form">
      <label htmlFor="group-bench-group">Group</label>
      <select id="group-bench-group" value={group} onChange={(event) => setChosen(event.target.value)} data-testid="group-bench-select">
        {groups.map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
      <button type="submit" className="button" data-testid="group-bench-start">Bench via gateway</button>
    </form>
  );
}

/** Local model benchmarks start from the model table; this says whether they include the depth run. */
function DepthChoice() {
  const benchDepth = useAppStore((state) => state.benchDepth);
  const setBenchDepth = useAppStore((state) => state.setBenchDepth);
  return (
    <label data-testid="bench-depth-choice">
      <input type="checkbox" checked={benchDepth} onChange={(event) => setBenchDepth(event.target.checked)} data-testid="bench-depth-toggle" />
      {' '}Local benchmarks include the long-prompt run <span className="muted small">(Claude Code depth, 16k tokens: minutes on a CPU-only machine)</span>
    </label>
  );
}

/** The depth choice and the group form on one line where they fit, two where not, and what a group benchmark costs under them. */
function BenchControls({ groups }: { groups: string[] }) {
  return (
    <div className="bench-controls">
      <div className="bench-controls-line">
        <DepthChoice />
        {groups.length === 0 ? null : <GroupBenchForm groups={groups} />}
      </div>
      {groups.length === 0 ? null : <p className="muted small">{groupBenchNote(GROUP_BENCH_RUNS)}</p>}
    </div>
  );
}

function ModelCell({ result }: { result: BenchResult }) {
  const target = describeBenchTarget(result);
  return (
    <td className="bench-model">
      {result.model}
      {target === null ? null : <div className="muted small" data-testid="bench-target">{target}</div>}
      <div className="muted small">{formatDateTime(result.at)}</div>
    </td>
  );
}

const STATUS_TONES: Record<BenchResult['status'], 'good' | 'info' | 'bad' | 'muted'> = { done: 'muted', running: 'info', error: 'bad', cancelled: 'muted' };

/** Status and tool verdict as badges; their reasons show on hover here and written out in the row's detail line. */
function OutcomeCell({ result }: { result: BenchResult }) {
  const verdict = describeToolCall(result.toolCall);
  return (
    <td>
      <div className="bench-badges">
        <span title={result.error ?? undefined}><Badge tone={STATUS_TONES[result.status]}>{result.status}</Badge></span>
        {verdict === null ? null : <span data-testid="bench-tools" title={verdict.reason ?? undefined}><Badge tone={verdict.tone}>{verdict.label}</Badge></span>}
      </div>
    </td>
  );
}

/** The long texts a row's badges stand for, on a line of their own across the table so they never widen a column. */
function detailLines(result: BenchResult): string[] {
  const verdict = describeToolCall(result.toolCall);
  return [
    ...(result.error === null ? [] : [`Error: ${result.error}`]),
    ...(verdict === null || verdict.reason === null ? [] : [`${verdict.label} — ${verdict.reason}`]),
  ];
}

const COLUMNS = 7;

/** One result: its figures with the depth run's under them, then the detail line when a badge has more to say. */
function BenchRows({ result }: { result: BenchResult }) {
  const deleteBench = useAppStore((state) => state.deleteBench);
  const depth = depthFigures(result);
  const details = detailLines(result);
  const depthTitle = describeDepth(result);
  return (
    <tbody data-testid="bench-row">
      <tr>
        <ModelCell result={result} />
        <td className="numeric">
          {formatRatePair(result.promptTokensPerSecond, result.generationTokensPerSecond)}
          {depth === null ? null : <div className="muted small" title={depthTitle} data-testid="bench-depth">{depth.rates}</div>}
        </td>
        <td className="numeric">
          {formatMs(result.ttftMs)}
          {depth === null || depth.ttft === '' ? null : <div className="muted small" title={depthTitle}>{depth.ttft}</div>}
        </td>
        <td className="numeric">{formatMs(result.loadMs)}</td>
        <td className="numeric" data-testid="bench-context">{result.numCtx === null ? '—' : formatTokenCount(result.numCtx)}</td>
        <OutcomeCell result={result} />
        <td><button type="button" className="button button-small button-ghost" aria-label={`Delete benchmark of ${result.model}`} onClick={() => void deleteBench(result.id)}>Delete</button></td>
      </tr>
      {details.length === 0 ? null : (
        <tr className="bench-detail"><td colSpan={COLUMNS} className="muted small" data-testid="bench-detail">{details.map((line) => <div key={line}>{line}</div>)}</td></tr>
      )}
    </tbody>
  );
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
  const compared = latestPerModel(results);
  return (
    <Panel title="Benchmarks" testId="bench-panel">
      <BenchControls groups={groups} />
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
        <table className="table compact bench-table">
          <thead>
            <tr>
              <th>Model</th>
              <th className="numeric" title="Prompt and generation tokens per second; under them, the long-prompt run's">Prompt / gen t/s</th>
              <th className="numeric">TTFT</th>
              <th className="numeric">Load</th>
              <th className="numeric">Context</th>
              <th>Result</th>
              <th><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          {results.map((result) => <BenchRows key={result.id} result={result} />)}
        </table>
      )}
    </Panel>
  );
}
