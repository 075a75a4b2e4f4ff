/**
 * A shell snippet that wraps only between words. Browsers may break a line after any hyphen,
 * which turns `--undo` into `-` and `-undo` on screen; each word is kept whole instead, and a
 * word wider than the block scrolls. The text (and so a copy by selection) is unchanged.
 */
export function CommandBlock({ text, testId }: { text: string; testId: string }) {
  return (
    <pre className="code-block" data-testid={testId}>
      {text.split(/(\s+)/).map((part, index) => (/^\s*$/.test(part) ? part : <span key={index} className="code-word">{part}</span>))}
    </pre>
  );
}
