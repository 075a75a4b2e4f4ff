/**
 * The API a client spoke: Anthropic Messages, OpenAI Chat Completions or OpenAI Responses.
 * Responses has no upstream of its own kind, so it is always translated through the canonical form.
 */
export type ClientProtocol = 'anthropic' | 'openai' | 'responses';
