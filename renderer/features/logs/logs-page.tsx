import { useEffect } from 'react';
import { useAppStore } from '../../store/use-app-store.ts';
import { Switch } from '../../shared/ui/switch.tsx';
import { EmptyState } from '../../shared/ui/panel.tsx';
import { LOG_RANGES, type LogRange } from './logs-slice.ts';
import { LogTable } from './components/log-table.tsx';
import { LogDrawer } from './components/log-drawer.tsx';

export function LogsPage() {
  const logs = useAppStore((state) => state.logs);
  const filters = useAppStore((state) => state.logFilters);
  const liveTail = useAppStore((state) => state.liveTail);
  const loading = useAppStore((state) => state.logsLoading);
  const selectedLogId = useAppStore((state) => state.selectedLogId);
  const selectedLog = useAppStore((state) => state.selectedLog);
  const routes = useAppStore((state) => state.routes);
  const setLogFilters = useAppStore((state) => state.setLogFilters);
  const loadLogs = useAppStore((state) => state.loadLogs);
  const loadMoreLogs = useAppStore((state) => state.loadMoreLogs);
  const setLiveTail = useAppStore((state) => state.setLiveTail);
  const openLog = useAppStore((state) => state.openLog);
  const closeLog = useAppStore((state) => state.closeLog);
  const holdLogs = useAppStore((state) => state.holdLogs);
  const heldCount = useAppStore((state) => state.heldLogs.length);
  const loadRoutes = useAppStore((state) => state.loadRoutes);

  useEffect(() => {
    void loadLogs();
    // The route filter needs the route names; they may not be loaded yet on a direct visit.
    if (routes === null) void loadRoutes();
  }, [loadLogs, loadRoutes]);

  return (
    <div className="page page-logs" data-testid="page-logs">
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>Time
          <select value={filters.range} onChange={(event) => void setLogFilters({ range: event.target.value as LogRange })} data-testid="filter-range">
            {Object.keys(LOG_RANGES).map((range) => <option key={range} value={range}>{range === 'all' ? 'all time' : `last ${range}`}</option>)}
          </select>
        </label>
        <label>Route
          <select value={filters.route} onChange={(event) => void setLogFilters({ route: event.target.value })} data-testid="filter-route">
            <option value="">all</option>
            {routes?.routes.map((route) => <option key={route.name} value={route.name}>{route.name}</option>)}
          </select>
        </label>
        <label>Model
          <input value={filters.model} placeholder="any" onChange={(event) => void setLogFilters({ model: event.target.value })} data-testid="filter-model" spellCheck={false} />
        </label>
        <label>Status
          <select value={filters.status} onChange={(event) => void setLogFilters({ status: event.target.value })} data-testid="filter-status">
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="error">errors</option>
            {[400, 401, 404, 429, 499, 500, 502, 503, 504].map((status) => <option key={status} value={String(status)}>{status}</option>)}
          </select>
        </label>
        <label className="filters-live">
          <Switch checked={liveTail} label="Live tail" onChange={setLiveTail} testId="live-tail" /> Live tail
        </label>
        <span className="muted small" aria-live="polite">{loading ? 'Loading…' : `${logs.length} rows`}</span>
        {heldCount === 0 ? null : <span className="muted small" data-testid="logs-held">{heldCount} new, shown when the pointer leaves the table</span>}
      </form>
      {logs.length === 0 && !loading ? <EmptyState>No requests match. Send one to the gateway and it appears here.</EmptyState> : (
        <LogTable logs={logs} selectedId={selectedLogId} onOpen={(id) => void openLog(id)} onEndReached={loadMoreLogs} onHold={holdLogs} />
      )}
      {selectedLogId === null ? null : <LogDrawer detail={selectedLog} onClose={closeLog} />}
    </div>
  );
}
