/**
 * Gemini's OpenAI-compatible API embeds a thought signature in the tool-call id after this
 * separator, and rejects the next turn if it does not come back (LiteLLM follows the same
 * convention).
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const GEMINI_SIGNATURE_SEPARATOR = '__thought__';
