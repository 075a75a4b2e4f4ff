export interface TextRun {
  text: string;
  code: boolean;
}

/**
 * Splits a gateway message into plain text and `backticked` commands, the way its messages
 * quote what to type. A backtick without a partner stays as it is.
 */
export function splitInlineCode(message: string): TextRun[] {
  const runs: TextRun[] = [];
  const pattern = /`([^`]+)`/g;
  let last = 0;
  for (let match = pattern.exec(message); match !== null; match = pattern.exec(message)) {
    if (match.index > last) runs.push({ text: message.slice(last, match.index), code: false });
    runs.push({ text: match[1]!, code: true });
    last = pattern.lastIndex;
  }
  if (last < message.length) runs.push({ text: message.slice(last), code: false });
  return runs;
}
