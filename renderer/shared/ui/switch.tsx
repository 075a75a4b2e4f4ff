interface SwitchProps {
  checked: boolean;
  label: string;
  disabled?: boolean;
  testId?: string;
  onChange(checked: boolean): void;
}

/** A checkbox styled as a switch: keeps native keyboard and screen-reader behaviour. */
export function Switch({ checked, label, disabled, testId, onChange }: SwitchProps) {
  return (
    <label className="switch">
      <input type="checkbox" role="switch" checked={checked} disabled={disabled} aria-label={label} data-testid={testId} onChange={(event) => onChange(event.target.checked)} />
      <span className="switch-track" aria-hidden="true" />
    </label>
  );
}
