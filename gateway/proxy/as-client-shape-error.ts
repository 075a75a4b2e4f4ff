import { invalidRequest } from '../errors/index.ts';
import type { ClientProtocol } from './client-protocol.ts';

const API_NAMES: Record<ClientProtocol, string> = { anthropic: 'Anthropic Messages', openai: 'OpenAI Chat Completions', responses: 'OpenAI Responses' };

/**
 * validateEnvelope checks only the envelope; the translators and token counters trust the rest
 * of the shape (content an array or string, tools an array, …). A TypeError from one of them is
 * a body that breaks the API's types: the client's 400, not our 500. Anything else is unchanged.
 */
export function clientShapeError(protocol: ClientProtocol, error: unknown): unknown {
  if (!(error instanceof TypeError)) return error;
  const api = API_NAMES[protocol];
  return invalidRequest(`The request body does not have the types the ${api} API defines (${error.message}).`);
}

/** Runs a translation of the client's body, a TypeError from it becoming the client's 400. */
export function asClientShapeError<T>(protocol: ClientProtocol, translate: () => T): T {
  try {
    return translate();
  } catch (error) {
    throw clientShapeError(protocol, error);
  }
}
