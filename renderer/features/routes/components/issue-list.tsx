import type { ConfigIssueBody } from '../../../../gateway/admin/contract.ts';

export function IssueList({ issues, tone, testId }: { issues: readonly ConfigIssueBody[]; tone: 'bad' | 'warn'; testId?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className={`issues issues-${tone}`} role={tone === 'bad' ? 'alert' : 'status'} data-testid={testId}>
      {issues.map((issue) => <li key={`${issue.path}:${issue.message}`}><code>{issue.path}</code> {issue.message}</li>)}
    </ul>
  );
}
