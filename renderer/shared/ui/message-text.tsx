import { splitInlineCode } from '../format/inline-code.ts';

/** A gateway message with its `backticked` commands shown as code rather than as raw backticks. */
export function MessageText({ text }: { text: string }) {
  return <>{splitInlineCode(text).map((run, index) => (run.code ? <code key={index}>{run.text}</code> : run.text))}</>;
}
