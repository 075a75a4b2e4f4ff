import type { DoctorCheck } from '../../../../gateway/admin/contract.ts';
import { EmptyState } from '../../../shared/ui/panel.tsx';
import { MessageText } from '../../../shared/ui/message-text.tsx';

const ICON = { pass: '✓', warn: '!', fail: '✕' } as const;

export function DoctorList({ checks }: { checks: DoctorCheck[] | null }) {
  if (checks === null) return <EmptyState>Checking…</EmptyState>;
  return (
    <ul className="doctor" data-testid="doctor-list">
      {checks.map((check) => (
        <li key={check.id} className={`doctor-${check.status}`} data-testid={`doctor-${check.id}`}>
          <span className="doctor-icon" aria-label={check.status}>{ICON[check.status]}</span>
          <span><MessageText text={check.message} />{check.fix === null ? null : <span className="muted"> — <MessageText text={check.fix} /></span>}</span>
        </li>
      ))}
    </ul>
  );
}
