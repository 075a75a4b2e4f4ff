import { CodeWords } from '../../../shared/ui/code-words.tsx';

/** A shell snippet that wraps only between words; a word wider than the block scrolls. */
export function CommandBlock({ text, testId }: { text: string; testId: string }) {
  return (
    <pre className="code-block" data-testid={testId}>
      <CodeWords text={text} />
    </pre>
  );
}
