import { useEffect } from 'react';
import { useAppStore } from '../../store/use-app-store.ts';
import { Panel, Badge, EmptyState } from '../../shared/ui/panel.tsx';
import { MessageText } from '../../shared/ui/message-text.tsx';
import { SHELL_LABELS, ShellTabs } from './components/shell-tabs.tsx';
import { DoctorList } from './components/doctor-list.tsx';
import { defaultShell } from './setup-slice.ts';

export function SetupPage() {
  const plan = useAppStore((state) => state.plan);
  const doctorChecks = useAppStore((state) => state.doctorChecks);
  const rcShells = useAppStore((state) => state.rcShells);
  const busy = useAppStore((state) => state.setupBusy);
  const outcome = useAppStore((state) => state.setupOutcome);
  const skippedProfiles = useAppStore((state) => state.skippedProfiles);
  const loadSetup = useAppStore((state) => state.loadSetup);
  const applyClaudeCode = useAppStore((state) => state.applyClaudeCode);
  const undoClaudeCode = useAppStore((state) => state.undoClaudeCode);
  const runDoctor = useAppStore((state) => state.runDoctor);
  const toggleRcShell = useAppStore((state) => state.toggleRcShell);
  const selectShell = useAppStore((state) => state.selectShell);

  useEffect(() => {
    selectShell(defaultShell(navigator.platform));
    void loadSetup();
  }, [loadSetup, selectShell]);

  return (
    <div className="page" data-testid="page-setup">
      <Panel title="Configure Claude Code" actions={plan === null ? null : <Badge tone={plan.applied ? 'good' : 'muted'}>{plan.applied ? 'applied' : 'not applied'}</Badge>}>
        {plan === null ? <EmptyState>Loading…</EmptyState> : (
          <>
            <p>Points Claude Code at <code>{plan.baseUrl}</code> by merging these into <code>{plan.settingsPath}</code> (backed up first; undo restores it exactly).</p>
            {plan.changes.length === 0 ? <p className="muted">settings.json already has these values.</p> : (
              <table className="table compact" data-testid="plan-changes">
                <thead><tr><th>Variable</th><th>Now</th><th>After</th></tr></thead>
                <tbody>
                  {plan.changes.map((change) => <tr key={change.key}><td><code>{change.key}</code></td><td className="muted">{change.from === null ? '(unset)' : change.from === '' ? '(empty)' : change.from}</td><td>{change.to === null ? '(removed)' : change.to === '' ? '(empty)' : change.to}</td></tr>)}
                </tbody>
              </table>
            )}
            <fieldset className="checkbox-row">
              <legend>Also add to shell profiles</legend>
              {plan.profileShells.map((shell) => (
                <label key={shell}><input type="checkbox" checked={rcShells.includes(shell)} onChange={() => toggleRcShell(shell)} data-testid={`rc-${shell}`} /> {SHELL_LABELS[shell]}</label>
              ))}
            </fieldset>
            {plan.platform === 'win32' ? (
              <p className="muted small" data-testid="cmd-hint">
                cmd reads no profile: for new cmd windows, run its <code>setx</code> commands once.{' '}
                <button type="button" className="button button-small" onClick={() => selectShell('cmd')}>Show cmd commands</button>
              </p>
            ) : null}
            <div className="form-actions">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void applyClaudeCode()} data-testid="claude-apply">Apply</button>
              <button type="button" className="button" disabled={busy || !plan.canUndo} onClick={() => void undoClaudeCode()} data-testid="claude-undo">Undo</button>
            </div>
            {outcome === null ? null : <p role="status" className="muted" data-testid="setup-outcome">{outcome}</p>}
            {skippedProfiles.length === 0 ? null : (
              <ul className="issues issues-warn" data-testid="setup-skipped">
                {skippedProfiles.map((skipped) => (
                  <li key={skipped.path}>Skipped <code>{skipped.path}</code>: {skipped.edition}&apos;s execution policy {skipped.executionPolicy} runs no profile. <MessageText text={skipped.fix} /></li>
                ))}
              </ul>
            )}
          </>
        )}
      </Panel>
      <Panel title="Or set it in your shell">
        {plan === null ? null : <ShellTabs snippets={plan.snippets} />}
      </Panel>
      <Panel title="Doctor" actions={<button type="button" className="button button-small" onClick={() => void runDoctor()} data-testid="doctor-run">Run again</button>}>
        <DoctorList checks={doctorChecks} />
      </Panel>
    </div>
  );
}
