import type { ReactNode } from 'react';

export interface BarItem {
  key: string;
  value: number;
  label: ReactNode;
}

/** Horizontal bars for a ranked breakdown; plain elements read better than a chart for a dozen names. */
export function BarList({ items, format, testId }: { items: BarItem[]; format(value: number): string; testId?: string }) {
  const max = Math.max(...items.map((item) => item.value), 0);
  return (
    <ul className="bar-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.key}>
          <span className="bar-list-label" title={item.key}>{item.label}</span>
          <span className="bar-list-track" aria-hidden="true">
            <span className="bar-list-fill" style={{ width: `${max === 0 ? 0 : (item.value / max) * 100}%` }} />
          </span>
          <span className="bar-list-value">{format(item.value)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A used-of-limit meter, e.g. a budget or a download. */
export function Meter({ fraction, label, tone = 'info' }: { fraction: number | null; label: string; tone?: 'info' | 'warn' | 'bad' | 'good' }) {
  const clamped = fraction === null ? null : Math.max(0, Math.min(1, fraction));
  return (
    <div
      className={`meter meter-${tone} ${clamped === null ? 'meter-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped === null ? undefined : Math.round(clamped * 100)}
    >
      <span className="meter-fill" style={{ width: `${clamped === null ? 30 : clamped * 100}%` }} />
    </div>
  );
}
