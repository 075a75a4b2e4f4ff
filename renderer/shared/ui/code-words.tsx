/**
 * Code that wraps only between words. Browsers may break a line after any hyphen, which turns
 * `--undo` into `-` and `-undo` on screen; each word is kept whole instead. The text (and so a
 * copy by selection) is unchanged.
 */
export function CodeWords({ text }: { text: string }) {
  return <>{text.split(/(\s+)/).map((part, index) => (/^\s*$/.test(part) ? part : <span key={index} className="code-word">{part}</span>))}</>;
}
