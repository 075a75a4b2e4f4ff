import type { KeyboardEvent } from 'react';
import type { Shell, ShellSnippet } from '../../../../gateway/admin/contract.ts';
import { useAppStore } from '../../../store/use-app-store.ts';
import { CopyButton } from '../../../shared/ui/copy-button.tsx';
import { CommandBlock } from './command-block.tsx';

export const SHELL_LABELS: Record<Shell, string> = { powershell: 'PowerShell', cmd: 'cmd', bash: 'bash', zsh: 'zsh', fish: 'fish' };

/** WAI-ARIA tabs: arrow keys move between shells, one tab stop for the whole list. */
export function ShellTabs({ snippets }: { snippets: ShellSnippet[] }) {
  const selected = useAppStore((state) => state.selectedShell);
  const selectShell = useAppStore((state) => state.selectShell);
  const revealSnippet = useAppStore((state) => state.revealSnippet);
  const current = snippets.find((snippet) => snippet.shell === selected) ?? snippets[0];

  const onKeyDown = (event: KeyboardEvent): void => {
    const index = snippets.findIndex((snippet) => snippet.shell === current?.shell);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = snippets[(index + step + snippets.length) % snippets.length];
    if (next === undefined) return;
    selectShell(next.shell);
    document.getElementById(`shell-tab-${next.shell}`)?.focus();
  };

  if (current === undefined) return null;
  return (
    <div className="tabs" data-testid="shell-tabs">
      <div role="tablist" aria-label="Shell" onKeyDown={onKeyDown}>
        {snippets.map((snippet) => (
          <button
            key={snippet.shell}
            id={`shell-tab-${snippet.shell}`}
            type="button"
            role="tab"
            aria-selected={snippet.shell === current.shell}
            aria-controls="shell-panel"
            tabIndex={snippet.shell === current.shell ? 0 : -1}
            className="tab"
            onClick={() => selectShell(snippet.shell)}
            data-testid={`shell-tab-${snippet.shell}`}
          >
            {SHELL_LABELS[snippet.shell]}
          </button>
        ))}
      </div>
      <div id="shell-panel" role="tabpanel" aria-labelledby={`shell-tab-${current.shell}`} className="tab-panel">
        <div className="snippet">
          <div className="snippet-head"><span>This session</span><CopyButton label={`Copy ${SHELL_LABELS[current.shell]} session commands`} text={() => revealSnippet(current.shell, 'session')} testId="copy-session" /></div>
          <CommandBlock text={current.session} testId="snippet-session" />
        </div>
        <div className="snippet">
          <div className="snippet-head">
            <span>Every new shell{current.rcFile === null ? '' : <> (<code>{current.rcFile}</code>)</>}</span>
            <CopyButton label={`Copy ${SHELL_LABELS[current.shell]} persistent commands`} text={() => revealSnippet(current.shell, 'persist')} testId="copy-persist" />
          </div>
          <CommandBlock text={current.persist} testId="snippet-persist" />
        </div>
      </div>
    </div>
  );
}
