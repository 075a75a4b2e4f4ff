import type { ConfigIssueBody } from '../../../../gateway/admin/contract.ts';
import { IssueList } from './issue-list.tsx';

/** model_list entries the gateway runs without (an unsupported provider, a duplicate id), each with why and what to do instead. */
export function SkippedEntries({ issues }: { issues: readonly ConfigIssueBody[] }) {
  if (issues.length === 0) return null;
  const one = issues.length === 1;
  return (
    <div className="callout callout-warn" data-testid="skipped-entries">
      <strong>{one ? 'One model_list entry does not load' : `${issues.length} model_list entries do not load`}; the gateway runs without {one ? 'it' : 'them'}.</strong>
      <IssueList issues={issues} tone="warn" />
    </div>
  );
}
