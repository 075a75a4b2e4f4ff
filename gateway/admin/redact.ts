/**
 * Keeping secrets out of admin answers. The config is redacted structurally (every literal value
 * under a secret-looking key, and the credentials inside any URL), and every answer is then
 * scrubbed of the secrets the gateway holds, which also catches a key echoed in an error message
 * or pasted into a comment.
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { REDACTED_PLACEHOLDER } from './contract.ts';
import { isSecretName } from '../secrets/secret-name.ts';

const ENV_REFERENCE = 'os.environ/';

/** `secretName`: the value sits under a secret-looking key (api_key, master_key, Authorization, ...). */
export type ScalarVisitor = (value: Scalar, path: readonly (string | number)[], secretName: boolean) => void;

/** Calls `visit` for every scalar value in the tree, with its path from the root. */
export function visitScalarValues(node: unknown, visit: ScalarVisitor, path: readonly (string | number)[] = []): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (isScalar(pair.value)) visit(pair.value, [...path, key], isSecretName(key));
      else visitScalarValues(pair.value, visit, [...path, key]);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (isScalar(item)) visit(item, [...path, index], false);
      else visitScalarValues(item, visit, [...path, index]);
    });
  }
}

/** A literal secret, as opposed to an os.environ/ reference, which only names a variable. */
export const isLiteralSecret = (value: unknown): value is string => typeof value === 'string' && value !== '' && !value.startsWith(ENV_REFERENCE);

/** `scheme://userinfo@`: a password (`user:password`) or a lone token (`token@`) under a key name that says nothing. */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"']+)@/gi;
/** A query parameter; its value is a credential when its name is secret-looking (api-key, key, access_token, ...). */
const QUERY_PARAM = /([?&])([^=&#\s"']+)=([^&#\s"',}]*)/g;
/** Query names that carry keys without a secret-looking suffix: `apikey`, and Azure SAS signatures. */
const isSecretQueryName = (name: string): boolean => isSecretName(name) || /^(apikey|sig)$/i.test(name);

/** `text` with each non-empty credential its URLs carry (userinfo password or token, secret query values) passed through `replace`. */
function mapUrlCredentials(text: string, replace: (credential: string) => string): string {
  const credential = (value: string) => (value === '' ? value : replace(value));
  return text
    .replace(URL_USERINFO, (_whole, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return colon === -1 ? `${scheme}${credential(userinfo)}@` : `${scheme}${userinfo.slice(0, colon + 1)}${credential(userinfo.slice(colon + 1))}@`;
    })
    .replace(QUERY_PARAM, (whole, separator: string, name: string, value: string) => (isSecretQueryName(name) ? `${separator}${name}=${credential(value)}` : whole));
}

/** Masks the credentials inside URLs (api_base, database_url, ...), keeping scheme, user, host, path and other parameters readable. */
export const redactUrlCredentials = (text: string): string => mapUrlCredentials(text, () => REDACTED_PLACEHOLDER);

/** Whether a URL in `text` holds the placeholder where a credential goes: a redacted URL sent back. */
export function holdsRedactedUrlCredential(text: string): boolean {
  let held = false;
  mapUrlCredentials(text, (credential) => {
    held ||= credential === REDACTED_PLACEHOLDER;
    return credential;
  });
  return held;
}

/** A secret-looking name, quoted or not, as the structural visit above judges keys (isSecretName). */
const SECRET_NAME_TEXT = String.raw`["']?(?:[\w-]*(?:key|token|secret|password)|authorization)["']?`;
/** Block style, `api_key: value` opening a line: the value runs to the end of the line. */
const SECRET_LINE = new RegExp(String.raw`^(\s*(?:-\s+)?${SECRET_NAME_TEXT}\s*:\s*)(?!os\.environ\/)(\S.*)$`, 'gim');
/** Flow style, `{ model: …, api_key: value }`: the value runs to the next comma or brace. */
const SECRET_FLOW_PAIR = new RegExp(String.raw`([{,]\s*${SECRET_NAME_TEXT}\s*:\s*)(?!os\.environ\/)("[^"\n]*"|'[^'\n]*'|[^\s,}][^,}\n]*)`, 'gi');

/** For a file that is not valid YAML: textually, so a broken file still cannot leak its keys. */
export function redactSecretLines(text: string): string {
  return redactUrlCredentials(text.replace(SECRET_LINE, `$1${REDACTED_PLACEHOLDER}`).replace(SECRET_FLOW_PAIR, `$1${REDACTED_PLACEHOLDER}`));
}
