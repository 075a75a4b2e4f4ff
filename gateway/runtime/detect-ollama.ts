import { OllamaClient } from '../local/ollama/ollama-client.ts';
import { parseOllamaHost } from '../local/ollama/ollama-host.ts';

/** A first run must not wait on an Ollama that is not there. */
const PROBE_TIMEOUT_MS = 400;

/**
 * For the first-run config: the Ollama URL (OLLAMA_HOST by Ollama's own rules) and its
 * installed models, or no models when nothing answers there.
 */
export async function detectOllama(env: NodeJS.ProcessEnv): Promise<{ url: string; models: string[] | undefined }> {
  const url = parseOllamaHost(env.OLLAMA_HOST).baseUrl;
  const client = new OllamaClient({ baseUrl: url, requestTimeoutMs: PROBE_TIMEOUT_MS });
  try {
    return { url, models: (await client.listModels()).map((model) => model.name) };
  } catch {
    return { url, models: undefined };
  }
}
