/**
 * OpenAI carries tool arguments as JSON text, Anthropic as an object. Empty text means no
 * arguments (LiteLLM #7: "" → {}). Returns undefined when the text is not a JSON object, so
 * each caller decides whether that is the client's fault or the upstream's.
 */
export function parseToolArguments(text: string | null | undefined): Record<string, unknown> | undefined {
  if (text === null || text === undefined || text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
