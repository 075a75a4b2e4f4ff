import { useEffect, useMemo } from 'react';
import type { SpendRow } from '../../../gateway/admin/contract.ts';
import { useAppStore } from '../../store/use-app-store.ts';
import { useApi } from '../../api/api-context.ts';
import { Panel, Stat, EmptyState } from '../../shared/ui/panel.tsx';
import { TimeSeriesChart } from '../../shared/ui/time-series-chart.tsx';
import { BarList } from '../../shared/ui/bar-list.tsx';
import { formatCount, formatUsd } from '../../shared/format/format.ts';
import { BudgetPanel } from './components/budget-list.tsx';

const RANGES = [7, 30, 90] as const;

function SpendBreakdown({ title, rows, testId }: { title: string; rows: SpendRow[]; testId: string }) {
  return (
    <Panel title={title} testId={testId}>
      {rows.length === 0 ? <EmptyState>Nothing yet.</EmptyState> : <BarList items={rows.map((row) => ({ key: row.key, label: row.key, value: row.costUsd }))} format={formatUsd} />}
    </Panel>
  );
}

/** Unix seconds at local midnight of a `YYYY-MM-DD` day, for uplot's time axis. */
const daySeconds = (day: string): number => new Date(`${day}T00:00:00`).getTime() / 1000;

export function SpendPage() {
  const api = useApi();
  const days = useAppStore((state) => state.spendDays);
  const byDay = useAppStore((state) => state.spendByDay);
  const byModel = useAppStore((state) => state.spendByModel);
  const byRoute = useAppStore((state) => state.spendByRoute);
  const range = useAppStore((state) => state.spendRange);
  const today = useAppStore((state) => state.spendToday);
  const month = useAppStore((state) => state.spendMonth);
  const budgets = useAppStore((state) => state.budgets);
  const loadSpend = useAppStore((state) => state.loadSpend);

  useEffect(() => {
    void loadSpend();
  }, [loadSpend]);

  const daily = useMemo(() => ({ x: byDay.map((row) => daySeconds(row.key)), cost: byDay.map((row) => row.costUsd) }), [byDay]);
  const total = byDay.reduce((sum, row) => sum + row.costUsd, 0);

  return (
    <div className="page" data-testid="page-spend">
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Range">
          {RANGES.map((option) => (
            <button key={option} type="button" className={`button button-small ${option === days ? 'button-selected' : ''}`} aria-pressed={option === days} onClick={() => void loadSpend(option)}>{option} days</button>
          ))}
        </div>
        {range === null ? null : <a className="button button-small" href={api.spendCsvUrl(range)} download={`gatehouse-spend-${range.from}-${range.to}.csv`} data-testid="spend-csv">Export CSV</a>}
      </div>
      <div className="stats">
        <Stat label="Today" value={today === null ? '—' : formatUsd(today.costUsd)} detail={today === null ? undefined : `${formatCount(today.requests)} requests`} />
        <Stat label="This month" value={month === null ? '—' : formatUsd(month.costUsd)} detail={month === null ? undefined : `${formatCount(month.requests)} requests`} />
        <Stat label={`Last ${days} days`} value={formatUsd(total)} detail={`${formatCount(byDay.reduce((sum, row) => sum + row.requests, 0))} requests`} />
      </div>
      <Panel title="Per day" testId="spend-by-day">
        {byDay.length === 0 ? <EmptyState>No spend recorded yet.</EmptyState> : <TimeSeriesChart x={daily.x} series={[{ label: 'USD', values: daily.cost }]} kind="bars" format={formatUsd} ariaLabel={`Spend per day over the last ${days} days`} height={200} />}
      </Panel>
      <div className="grid-2">
        <SpendBreakdown title="By model" rows={byModel} testId="spend-by-model" />
        <SpendBreakdown title="By route" rows={byRoute} testId="spend-by-route" />
      </div>
      <BudgetPanel budgets={budgets} />
    </div>
  );
}
