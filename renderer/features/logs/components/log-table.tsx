import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { LogEntry } from '../../../../gateway/admin/contract.ts';
import { formatCount, formatMs, formatTime, formatUsd } from '../../../shared/format/format.ts';

const ROW_HEIGHT = 30;
/** What the "sync" tag after a model name means. */
const NOT_STREAMED = 'not streamed: the answer came back in one response';
const COLUMNS = ['Time', 'Status', 'Model', 'Route · deployment', 'In', 'Out', 'Cost', 'TTFT', 'Latency'] as const;
/** Headed like their values: right-aligned, so a figure sits under its name. */
const NUMERIC_COLUMNS = new Set<string>(['In', 'Out', 'Cost', 'TTFT', 'Latency']);

function statusClass(status: number): string {
  if (status >= 500) return 'status-bad';
  if (status >= 400) return 'status-warn';
  return 'status-good';
}

/** A virtualized ARIA grid: only the visible rows exist in the DOM, so 10k rows scroll smoothly. */
/** onHold(true) while the pointer is on the rows, so a live tail does not slide them under it (also released on unmount). */
export function LogTable({ logs, selectedId, onOpen, onEndReached, onHold }: { logs: LogEntry[]; selectedId: string | null; onOpen(id: string): void; onEndReached(): void; onHold(held: boolean): void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: logs.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastVisible >= 0 && lastVisible >= logs.length - 20) onEndReached();
  }, [lastVisible, logs.length, onEndReached]);
  useEffect(() => () => onHold(false), [onHold]);

  return (
    <div className="log-table" role="grid" aria-rowcount={logs.length + 1} data-testid="log-table">
      <div className="log-row log-head" role="row">
        {COLUMNS.map((column) => <div key={column} role="columnheader" className={`log-cell ${NUMERIC_COLUMNS.has(column) ? 'numeric' : ''}`}>{column}</div>)}
      </div>
      <div className="log-scroll" ref={scroller} onPointerEnter={() => onHold(true)} onPointerLeave={() => onHold(false)}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const entry = logs[item.index];
            if (entry === undefined) return null;
            return (
              <div
                key={entry.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={entry.id === selectedId}
                tabIndex={0}
                className={`log-row ${entry.id === selectedId ? 'log-row-selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onOpen(entry.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    onOpen(entry.id);
                  }
                }}
                data-testid="log-row"
              >
                <div role="gridcell" className="log-cell">{formatTime(entry.at)}</div>
                <div role="gridcell" className={`log-cell ${statusClass(entry.status)}`} title={entry.errorType ?? undefined}>{entry.status}{entry.errorType === null ? '' : ` ${entry.errorType}`}</div>
                <div role="gridcell" className="log-cell" title={entry.stream ? entry.model : `${entry.model} (${NOT_STREAMED})`}>{entry.model}{entry.stream ? null : <> <span className="log-tag" data-testid="log-not-streamed">sync</span></>}</div>
                <div role="gridcell" className="log-cell muted" title={`${entry.route ?? ''} ${entry.deployment ?? ''}`}>{entry.route ?? '—'} · {entry.deployment ?? '—'}</div>
                <div role="gridcell" className="log-cell numeric">{formatCount(entry.inputTokens)}</div>
                <div role="gridcell" className="log-cell numeric">{formatCount(entry.outputTokens)}</div>
                <div role="gridcell" className="log-cell numeric">{formatUsd(entry.costUsd)}</div>
                <div role="gridcell" className="log-cell numeric">{formatMs(entry.ttftMs)}</div>
                <div role="gridcell" className="log-cell numeric">{formatMs(entry.latencyMs)}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
