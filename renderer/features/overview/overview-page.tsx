import { useEffect, useMemo } from 'react';
import { useAppStore } from '../../store/use-app-store.ts';
import { useNow } from '../../shared/ui/use-hash-route.ts';
import { Panel, Stat, EmptyState } from '../../shared/ui/panel.tsx';
import { TimeSeriesChart } from '../../shared/ui/time-series-chart.tsx';
import { BarList } from '../../shared/ui/bar-list.tsx';
import { formatCount, formatMs, formatRate, formatUsd } from '../../shared/format/format.ts';
import { BudgetPanel } from '../spend/components/budget-list.tsx';
import { StatusStrip } from './components/status-strip.tsx';
import { GettingStarted } from './components/getting-started.tsx';
import { liveSeries, RATE_WINDOW_SECONDS, runningMs, tokensPerSecond } from './overview-slice.ts';

/** Status has no events for uptime or store health, so the page refreshes it while open. */
const STATUS_REFRESH_MS = 30_000;

export function OverviewPage() {
  const status = useAppStore((state) => state.status);
  const streamState = useAppStore((state) => state.streamState);
  const buckets = useAppStore((state) => state.buckets);
  const inFlight = useAppStore((state) => state.inFlight);
  const sinceStatus = useAppStore((state) => state.sinceStatus);
  const spendToday = useAppStore((state) => state.spendToday);
  const spendMonth = useAppStore((state) => state.spendMonth);
  const budgets = useAppStore((state) => state.budgets);
  const loadStatus = useAppStore((state) => state.loadStatus);
  const loadSpend = useAppStore((state) => state.loadSpend);
  const routes = useAppStore((state) => state.routes);
  const loadRoutes = useAppStore((state) => state.loadRoutes);
  const now = useNow(1000);
  // Whole seconds: the series only move once a second, so charts are fed at most that often.
  const second = Math.floor(now / 1000);

  useEffect(() => {
    void loadSpend();
    // Whether any route has a deployment; a config reload refreshes loaded routes (see the store's ingest).
    void loadRoutes();
    const timer = setInterval(() => void loadStatus(), STATUS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadStatus, loadSpend, loadRoutes]);

  const series = useMemo(() => liveSeries(buckets, second * 1000), [buckets, second]);
  const rates = useMemo(() => tokensPerSecond(buckets, second * 1000), [buckets, second]);
  const totalRate = Object.values(rates).reduce((sum, rate) => sum + rate, 0);
  const recentRequests = series.requests.slice(-RATE_WINDOW_SECONDS).reduce((sum, count) => sum + count, 0) / RATE_WINDOW_SECONDS;
  const running = Object.values(inFlight).sort((left, right) => left.startedAt - right.startedAt);
  const errorsLastHour = (status?.lastHour.errors ?? 0) + sinceStatus.errors;
  const requestsLastHour = (status?.lastHour.requests ?? 0) + sinceStatus.requests;
  const globalBudget = budgets.find((budget) => budget.scope === 'global');
  const noModels = routes !== null && routes.routes.every((route) => route.deployments.length === 0);

  return (
    <div className="page" data-testid="page-overview">
      {status === null ? <EmptyState>Connecting to the gateway…</EmptyState> : <StatusStrip status={status} streamState={streamState} now={now} />}
      {noModels ? <GettingStarted /> : null}
      <div className="stats">
        <Stat label="Output tokens/s" value={formatRate(totalRate)} detail={`last ${RATE_WINDOW_SECONDS}s`} testId="stat-tokens-per-second" />
        <Stat label="Requests/s" value={formatRate(recentRequests)} detail={`last ${RATE_WINDOW_SECONDS}s`} testId="stat-requests-per-second" />
        <Stat label="In flight" value={running.length} testId="stat-in-flight" />
        <Stat
          label="Errors, last hour"
          value={formatCount(errorsLastHour)}
          detail={`of ${formatCount(requestsLastHour)} requests`}
          tone={errorsLastHour > 0 ? 'bad' : undefined}
          testId="stat-errors"
        />
        <Stat
          label="Spend today"
          value={spendToday === null ? '—' : formatUsd(spendToday.costUsd)}
          detail={spendToday === null ? undefined : `${formatCount(spendToday.requests)} requests`}
          testId="stat-spend-today"
        />
        <Stat
          label="Spend this month"
          value={spendMonth === null ? '—' : formatUsd(spendMonth.costUsd)}
          detail={globalBudget === undefined ? undefined : `budget ${formatUsd(globalBudget.limitUsd)} / ${globalBudget.duration}`}
          tone={globalBudget !== undefined && globalBudget.leftUsd <= 0 ? 'bad' : undefined}
          testId="stat-spend-month"
        />
      </div>
      <div className="grid-2">
        <Panel title="Output tokens/s by model" testId="chart-tokens">
          <TimeSeriesChart
            x={series.seconds}
            series={series.tokens.length === 0 ? [{ label: 'tokens/s', values: series.requests.map(() => 0) }] : series.tokens.map((entry) => ({ label: entry.model, values: entry.values }))}
            format={formatRate}
            ariaLabel="Output tokens per second by model over the last two minutes"
          />
        </Panel>
        <Panel title="Requests/s" testId="chart-requests">
          <TimeSeriesChart x={series.seconds} series={[{ label: 'finished requests/s', values: series.requests }]} format={formatRate} ariaLabel="Finished requests per second over the last two minutes" />
        </Panel>
      </div>
      <div className="grid-2">
        <Panel title="Tokens/s now">
          {Object.keys(rates).length === 0
            ? <EmptyState>No output in the last {RATE_WINDOW_SECONDS} seconds.</EmptyState>
            : <BarList testId="model-rates" items={Object.entries(rates).sort((left, right) => right[1] - left[1]).map(([model, rate]) => ({ key: model, label: model, value: rate }))} format={(value) => `${formatRate(value)} t/s`} />}
        </Panel>
        <Panel title={`In flight (${running.length})`}>
          {running.length === 0 ? <EmptyState>Nothing running.</EmptyState> : (
            <table className="table compact" data-testid="in-flight-table">
              <thead><tr><th>Model</th><th>Running</th><th>TTFT</th><th className="numeric">Tokens</th></tr></thead>
              <tbody>
                {running.slice(0, 8).map((request) => (
                  <tr key={request.id}>
                    <td>{request.model}</td>
                    <td>{formatMs(runningMs(request, now))}</td>
                    <td>{request.firstTokenAt === null ? 'waiting' : formatMs(request.firstTokenAt - request.startedAt)}</td>
                    <td className="numeric">{formatCount(request.outputTokens)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
      <BudgetPanel budgets={budgets} />
    </div>
  );
}
