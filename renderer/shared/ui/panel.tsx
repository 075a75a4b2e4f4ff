import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Controls shown at the right of the title bar. */
  actions?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Panel({ title, actions, className, testId, children }: PanelProps) {
  const headingId = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={headingId} data-testid={testId}>
      <header className="panel-header">
        <h2 id={headingId}>{title}</h2>
        {actions === undefined ? null : <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}

interface StatProps {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: 'good' | 'warn' | 'bad';
  testId?: string;
}

export function Stat({ label, value, detail, tone, testId }: StatProps) {
  return (
    <div className={`stat ${tone === undefined ? '' : `stat-${tone}`}`} data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {detail === undefined ? null : <div className="stat-detail">{detail}</div>}
    </div>
  );
}

export function Badge({ tone, children }: { tone: 'good' | 'warn' | 'bad' | 'muted' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function EmptyState({ children, testId }: { children: ReactNode; testId?: string }) {
  return <p className="empty" data-testid={testId}>{children}</p>;
}
