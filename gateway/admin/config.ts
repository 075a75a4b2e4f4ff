/** GET/PUT /admin/config, and the one path every admin edit of the config file goes through. */
import { existsSync, readFileSync } from 'node:fs';
import { isSeq, parseDocument, type Document } from 'yaml';
import { parseConfigFile, saveConfigAtomically } from '../config/config-file.ts';
import { formatPath, type ConfigIssue } from '../config/config-issue.ts';
import { REDACTED_PLACEHOLDER, type ConfigResponse, type ConfigUpdateRequest, type ConfigUpdateResponse } from './contract.ts';
import type { AdminContext } from './admin-api.ts';
import { holdsRedactedUrlCredential, isLiteralSecret, redactSecretLines, redactUrlCredentials, visitScalarValues } from './redact.ts';
import { scrubSecrets } from '../secrets/scrub-secrets.ts';
import { buildDeploymentTable } from '../router/deployment-table.ts';

function readConfigText(context: AdminContext): string {
  const file = context.runtime.configPath;
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

export function getConfig(context: AdminContext): ConfigResponse {
  const text = readConfigText(context);
  const document = parseDocument(text);
  let redacted: string;
  if (document.errors.length > 0) {
    redacted = redactSecretLines(text);
  } else {
    visitScalarValues(document.contents, (value, _path, secretName) => {
      if (secretName) {
        if (isLiteralSecret(value.value)) value.value = REDACTED_PLACEHOLDER;
      } else if (typeof value.value === 'string') {
        const redactedUrl = redactUrlCredentials(value.value);
        if (redactedUrl !== value.value) value.value = redactedUrl;
      }
    });
    redacted = document.toString();
  }
  return { path: context.runtime.configPath, yaml: scrubSecrets(redacted, context.runtime.secrets()) };
}

/**
 * A name for each model_list entry: its id, or its group and model. Entries that share one (a
 * LiteLLM load-balanced group with a key per account) are told apart by their order among themselves.
 */
function entryNames(document: Document): string[] {
  const seen = new Map<string, number>();
  const list = document.get('model_list');
  return Array.from({ length: isSeq(list) ? list.items.length : 0 }, (_, index) => {
    const field = (...keys: string[]) => String(document.getIn(['model_list', index, ...keys]) ?? '');
    const identity = field('model_info', 'id') || `${field('model_name')}|${field('litellm_params', 'model')}`;
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return occurrence === 0 ? identity : `${identity}#${occurrence + 1}`;
  });
}

/** Where a secret sits, with model_list entries named by entryNames, so that reordering or inserting entries keeps each key with its entry. */
function secretLocation(names: readonly string[], path: readonly (string | number)[]): string {
  const [section, index, ...rest] = path;
  if (section !== 'model_list' || typeof index !== 'number') return formatPath(path);
  return formatPath(['model_list', names[index] ?? String(index), ...rest]);
}

/**
 * Puts back the secret each placeholder stands for, taken from the same place in the file on disk.
 * A URL gets its credentials back only when the rest of it is unchanged: moved to another host,
 * they might be sent somewhere they do not belong.
 */
function restoreRedactedSecrets(submitted: Document, current: Document): ConfigIssue[] {
  const previous = new Map<string, unknown>();
  const currentNames = entryNames(current);
  visitScalarValues(current.contents, (value, path) => previous.set(secretLocation(currentNames, path), value.value));
  const submittedNames = entryNames(submitted);
  const issues: ConfigIssue[] = [];
  visitScalarValues(submitted.contents, (value, path, secretName) => {
    const old = previous.get(secretLocation(submittedNames, path));
    if (secretName) {
      if (value.value !== REDACTED_PLACEHOLDER) return;
      if (isLiteralSecret(old)) value.value = old;
      else issues.push({ path: formatPath(path), message: `still holds the redaction placeholder "${REDACTED_PLACEHOLDER}" but the saved config has no secret there; enter the value` });
    } else if (typeof value.value === 'string' && holdsRedactedUrlCredential(value.value)) {
      if (typeof old === 'string' && redactUrlCredentials(old) === value.value) value.value = old;
      else issues.push({ path: formatPath(path), message: `holds the redaction placeholder "${REDACTED_PLACEHOLDER}" as a URL credential but is not the saved URL; enter the credential with the new URL` });
    }
  });
  return issues;
}

export function updateConfig(context: AdminContext, request: ConfigUpdateRequest): ConfigUpdateResponse {
  const submitted = parseDocument(request.yaml, { prettyErrors: true });
  if (submitted.errors.length > 0) return saveValidatedConfig(context, request.yaml, true);
  const issues = restoreRedactedSecrets(submitted, parseDocument(readConfigText(context)));
  if (issues.length > 0) return { saved: false, errors: issues, warnings: [], problems: [] };
  return saveValidatedConfig(context, submitted.toString(), request.dryRun === true);
}

/**
 * Validates with the loader's own parser; when valid (and not a dry run) saves atomically and reloads.
 * Entries that will not load do not refuse the save (the gateway runs the rest) but come back as problems.
 */
function saveValidatedConfig(context: AdminContext, text: string, dryRun: boolean): ConfigUpdateResponse {
  const parsed = parseConfigFile(context.runtime.configPath, text, context.env);
  if (!parsed.config) return { saved: false, errors: parsed.errors, warnings: parsed.warnings, problems: [] };
  if (dryRun) return { saved: false, errors: [], warnings: parsed.warnings, problems: parsed.relocate(buildDeploymentTable(parsed.config).problems) };
  saveConfigAtomically(context.runtime.configPath, text);
  const reload = context.runtime.reloadFromDisk();
  return { saved: reload.ok, errors: reload.errors, warnings: reload.warnings, problems: reload.problems };
}

/**
 * Edits the config file as a YAML document, so the user's comments and layout survive.
 * `edit` returns the problems that refuse the change; none means save and reload.
 */
export function editConfigFile(context: AdminContext, edit: (document: Document) => ConfigIssue[]): ConfigUpdateResponse {
  const document = parseDocument(readConfigText(context));
  if (document.errors.length > 0) {
    return { saved: false, errors: [{ path: context.runtime.configPath, message: 'the config file is not valid YAML; fix it (PUT /admin/config) before changing settings' }], warnings: [], problems: [] };
  }
  const issues = edit(document);
  if (issues.length > 0) return { saved: false, errors: issues, warnings: [], problems: [] };
  return saveValidatedConfig(context, document.toString(), false);
}
