import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/use-app-store.ts';
import { Panel, Badge, EmptyState } from '../../shared/ui/panel.tsx';
import { Switch } from '../../shared/ui/switch.tsx';
import { formatUsd } from '../../shared/format/format.ts';
import { RulesForm } from './components/rules-form.tsx';
import { ConfigEditor } from './components/config-editor.tsx';
import { IssueList } from './components/issue-list.tsx';
import { SkippedEntries } from './components/skipped-entries.tsx';

export function RoutesPage() {
  const routes = useAppStore((state) => state.routes);
  const rulesDraft = useAppStore((state) => state.rulesDraft);
  const configResult = useAppStore((state) => state.configResult);
  const status = useAppStore((state) => state.status);
  const routeBusy = useAppStore((state) => state.routeBusy);
  const loadRoutes = useAppStore((state) => state.loadRoutes);
  const toggleRoute = useAppStore((state) => state.toggleRoute);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    void loadRoutes();
  }, [loadRoutes]);

  const resultErrors = configResult?.errors ?? [];
  // Rule errors are shown beside their field; the rest belong to the file as a whole.
  const fileLevelErrors = resultErrors.filter((issue) => !issue.path.startsWith('gatehouse.claude_code.'));
  const fileErrors = status?.configErrors ?? [];

  return (
    <div className="page" data-testid="page-routes">
      {fileErrors.length === 0 ? null : (
        <div className="callout callout-bad">
          <strong>The config file on disk has errors; the gateway keeps running on the last good version.</strong>
          <IssueList issues={fileErrors} tone="bad" testId="config-file-errors" />
        </div>
      )}
      <Panel title="Routes">
        {routes === null ? <EmptyState>Loading…</EmptyState> : routes.routes.length === 0 ? (
          <EmptyState testId="routes-empty">No routes yet. A route is the way a model in <code>model_list</code> goes out: its provider (<code>anthropic</code>, <code>openai</code>, <code>local</code> for Ollama, …) unless its <code>model_info.route</code> names one. Add a model with Edit YAML under Config file below.</EmptyState>
        ) : (
          <table className="table" data-testid="routes-table">
            <thead><tr><th>Enabled</th><th>Route</th><th>Deployments</th><th>Budget</th><th /></tr></thead>
            <tbody>
              {routes.routes.map((route) => (
                <tr key={route.name} data-testid={`route-row-${route.name}`}>
                  <td><Switch checked={route.enabled} disabled={routeBusy[route.name] === true} label={`Route ${route.name}`} testId={`route-toggle-${route.name}`} onChange={(enabled) => void toggleRoute(route.name, enabled)} /></td>
                  <td><strong>{route.name}</strong>{route.description === null ? null : <div className="muted small">{route.description}</div>}</td>
                  <td>{route.deployments.length === 0 ? '—' : route.deployments.join(', ')}</td>
                  <td>{route.budget === null ? '—' : `${formatUsd(route.budget.spentUsd)} of ${formatUsd(route.budget.limitUsd)} / ${route.budget.duration}`}</td>
                  <td>{route.free ? <Badge tone="good">free</Badge> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="Claude Code rules">
        {rulesDraft === null || routes === null ? <EmptyState>Loading…</EmptyState> : <RulesForm draft={rulesDraft} groups={routes.groups} issues={resultErrors} />}
        {configResult?.saved ? <p className="muted" role="status">Saved; the gateway reloaded the config.</p> : null}
      </Panel>
      <Panel title="Config file" actions={<button type="button" className="button button-small" aria-expanded={editing} onClick={() => setEditing(!editing)}>{editing ? 'Close' : 'Edit YAML'}</button>}>
        <p className="muted small">{status?.configPath ?? 'Built-in defaults (no file yet)'}</p>
        <IssueList issues={fileLevelErrors} tone="bad" testId="config-errors" />
        <SkippedEntries issues={configResult?.problems ?? status?.configProblems ?? []} />
        <IssueList issues={configResult?.warnings ?? status?.configWarnings ?? []} tone="warn" />
        {editing ? <ConfigEditor /> : null}
      </Panel>
    </div>
  );
}
