import { splitInlineCode } from '../format/inline-code.ts';
import { CodeWords } from './code-words.tsx';

/** A gateway message with its `backticked` commands shown as code rather than as raw backticks, each kept whole between its words. */
export function MessageText({ text }: { text: string }) {
  return <>{splitInlineCode(text).map((run, index) => (run.code ? <code key={index}><CodeWords text={run.text} /></code> : run.text))}</>;
}
