import type { Budget } from '../../../../gateway/admin/contract.ts';
import { Meter } from '../../../shared/ui/bar-list.tsx';
import { EmptyState, Panel } from '../../../shared/ui/panel.tsx';
import { formatDateTime, formatUsd } from '../../../shared/format/format.ts';

function BudgetList({ budgets }: { budgets: Budget[] }) {
  if (budgets.length === 0) return <EmptyState>No budgets set. Add max_budget to a route or litellm_settings.</EmptyState>;
  return (
    <ul className="budget-list" data-testid="budget-list">
      {budgets.map((budget) => {
        const fraction = budget.limitUsd === 0 ? 1 : budget.spentUsd / budget.limitUsd;
        const tone = fraction >= 1 ? 'bad' : fraction >= 0.8 ? 'warn' : 'good';
        return (
          <li key={`${budget.scope}:${budget.name}`}>
            <div className="budget-line">
              <span>{budget.scope === 'global' ? 'All traffic' : `${budget.scope} ${budget.name}`}</span>
              <span className="muted">
                {formatUsd(budget.spentUsd)} of {formatUsd(budget.limitUsd)} per {budget.duration} · {formatUsd(Math.max(0, budget.leftUsd))} left · resets {formatDateTime(budget.resetsAt)}
              </span>
            </div>
            <Meter fraction={fraction} tone={tone} label={`${budget.name} budget used`} />
          </li>
        );
      })}
    </ul>
  );
}

export function BudgetPanel({ budgets }: { budgets: Budget[] }) {
  return (
    <Panel title="Budgets">
      <BudgetList budgets={budgets} />
    </Panel>
  );
}
