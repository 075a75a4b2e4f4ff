/**
 * Keeping secrets out of admin answers. The config is redacted structurally (every literal value
 * under a secret-looking key), and every answer is then scrubbed of the secrets the gateway
 * holds, which also catches a key echoed in an error message or pasted into a comment.
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { REDACTED_PLACEHOLDER } from './contract.ts';
import { isSecretName } from '../secrets/secret-name.ts';

const ENV_REFERENCE = 'os.environ/';
/** Shorter values would turn ordinary words into masks; real keys and tokens are far longer. */

export type SecretVisitor = (value: Scalar, path: readonly (string | number)[]) => void;

/** Calls `visit` for every scalar value under a secret-looking key, with its path from the root. */
export function visitSecretValues(node: unknown, visit: SecretVisitor, path: readonly (string | number)[] = []): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (isScalar(pair.value) && isSecretName(key)) visit(pair.value, [...path, key]);
      else visitSecretValues(pair.value, visit, [...path, key]);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => visitSecretValues(item, visit, [...path, index]));
  }
}

/** A literal secret, as opposed to an os.environ/ reference, which only names a variable. */
export const isLiteralSecret = (value: unknown): value is string => typeof value === 'string' && value !== '' && !value.startsWith(ENV_REFERENCE);


/** A secret-looking name, quoted or not, as the structural visit above judges keys (isSecretName). */
const SECRET_NAME_TEXT = String.raw`["']?(?:[\w-]*(?:key|token|secret|password)|authorization)["']?`;
/** Block style, `api_key: value` opening a line: the value runs to the end of the line. */
const SECRET_LINE = new RegExp(String.raw`^(\s*(?:-\s+)?${SECRET_NAME_TEXT}\s*:\s*)(?!os\.environ\/)(\S.*)$`, 'gim');
/** Flow style, `{ model: …, api_key: value }`: the value runs to the next comma or brace. */
const SECRET_FLOW_PAIR = new RegExp(String.raw`([{,]\s*${SECRET_NAME_TEXT}\s*:\s*)(?!os\.environ\/)("[^"\n]*"|'[^'\n]*'|[^\s,}][^,}\n]*)`, 'gi');

/** For a file that is not valid YAML: textually, so a broken file still cannot leak its keys. */
export function redactSecretLines(text: string): string {
  return text.replace(SECRET_LINE, `$1${REDACTED_PLACEHOLDER}`).replace(SECRET_FLOW_PAIR, `$1${REDACTED_PLACEHOLDER}`);
}
