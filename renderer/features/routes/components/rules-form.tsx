import type { FormEvent } from 'react';
import type { ClaudeCodeRules, ConfigIssueBody } from '../../../../gateway/admin/contract.ts';
import { useAppStore } from '../../../store/use-app-store.ts';
import { issuesForRule, RULE_NAMES, type RuleName } from '../routes-slice.ts';
import { IssueList } from './issue-list.tsx';

const RULE_HELP: Record<RuleName, string> = {
  default: 'Everything else Claude Code sends',
  background: 'Haiku-class background requests (titles, summaries)',
  think: 'Requests with extended thinking on',
  longContext: 'Requests above the long-context threshold',
  webSearch: 'Requests carrying the web_search tool',
};

export function RulesForm({ draft, groups, issues }: { draft: ClaudeCodeRules; groups: string[]; issues: readonly ConfigIssueBody[] }) {
  const editRules = useAppStore((state) => state.editRules);
  const saveRules = useAppStore((state) => state.saveRules);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void saveRules();
  };
  return (
    <form className="rules-form" onSubmit={submit} data-testid="rules-form">
      {RULE_NAMES.map((rule) => {
        const fieldIssues = issuesForRule(issues, rule);
        const id = `rule-${rule}`;
        return (
          <div key={rule} className={`field ${fieldIssues.length > 0 ? 'field-invalid' : ''}`}>
            <label htmlFor={id}>{rule}</label>
            <select id={id} value={draft[rule] ?? ''} aria-invalid={fieldIssues.length > 0} aria-describedby={`${id}-help`} onChange={(event) => editRules({ [rule]: event.target.value === '' ? null : event.target.value })}>
              <option value="">{rule === 'default' ? '(what the client asks for)' : '(same as default)'}</option>
              {groups.map((group) => <option key={group} value={group}>{group}</option>)}
              {draft[rule] !== null && !groups.includes(draft[rule] ?? '') ? <option value={draft[rule] ?? ''}>{draft[rule]} (unknown)</option> : null}
            </select>
            <span id={`${id}-help`} className="muted small">{RULE_HELP[rule]}</span>
            <IssueList issues={fieldIssues} tone="bad" />
          </div>
        );
      })}
      <div className="field">
        <label htmlFor="rule-threshold">long-context threshold</label>
        <input id="rule-threshold" type="number" min={1} value={draft.longContextThreshold} onChange={(event) => editRules({ longContextThreshold: Number(event.target.value) })} />
        <span className="muted small">Estimated input tokens</span>
        <IssueList issues={issuesForRule(issues, 'longContextThreshold')} tone="bad" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="rules-save">Save rules</button>
      </div>
    </form>
  );
}
