import { request } from 'undici';

/** Whether an Ollama server answers at this URL, and its model names; fast and never throws. */
export async function probeOllama(baseUrl: string, timeoutMs = 400): Promise<{ running: boolean; models: string[] }> {
  try {
    const response = await request(`${baseUrl}/api/tags`, { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return { running: false, models: [] };
    }
    const body = (await response.body.json()) as { models?: { name?: string }[] };
    return { running: true, models: (body.models ?? []).flatMap((model) => (model.name ? [model.name] : [])) };
  } catch {
    return { running: false, models: [] };
  }
}

export function ollamaBaseUrl(env: NodeJS.ProcessEnv): string {
  const host = env.OLLAMA_HOST;
  if (!host) return 'http://127.0.0.1:11434';
  const withScheme = /^https?:\/\//.test(host) ? host : `http://${host}`;
  const url = new URL(withScheme);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (!url.port && !/^https?:\/\/[^/]+:\d+/.test(withScheme)) url.port = '11434';
  return url.origin;
}
