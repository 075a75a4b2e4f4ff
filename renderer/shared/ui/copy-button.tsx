import { useState } from 'react';

/** Copies text produced on demand (so secrets are fetched only when the user asks). */
export function CopyButton({ label, text, testId }: { label: string; text: () => Promise<string | null>; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async (): Promise<void> => {
    try {
      const value = await text();
      if (value === null) throw new Error('nothing to copy');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className="button button-small" aria-label={label} data-testid={testId} onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}
