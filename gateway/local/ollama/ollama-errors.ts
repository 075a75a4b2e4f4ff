/**
 * The failures of talking to Ollama, as GatewayErrors whose messages say what to do next.
 * They all name Ollama and its address, because the user may run several servers.
 */
import { GatewayError } from '../../errors/index.ts';

export function installHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Install Ollama for macOS from https://ollama.com/download/mac (or `brew install ollama`), open it once, then refresh.';
    case 'win32':
      return 'Install Ollama for Windows from https://ollama.com/download/windows (or `winget install Ollama.Ollama`), then refresh.';
    default:
      return 'Install Ollama with `curl -fsSL https://ollama.com/install.sh | sh` (see https://ollama.com/download/linux), then refresh.';
  }
}

export function ollamaNotInstalled(platform: NodeJS.Platform): GatewayError {
  return new GatewayError('provider_unreachable', 503, `Ollama is not installed on this machine. ${installHint(platform)}`);
}

export function ollamaUnreachable(baseUrl: string, cause: unknown): GatewayError {
  return new GatewayError(
    'provider_unreachable',
    503,
    `Ollama is not answering at ${baseUrl}. Start it (\`ollama serve\`, or the Ollama app), or set OLLAMA_HOST to where it runs.`,
    { cause },
  );
}

/** OLLAMA_HOST names another machine: starting `ollama serve` here would not bring that one up. */
export function ollamaRemoteUnreachable(baseUrl: string): GatewayError {
  return new GatewayError(
    'provider_unreachable',
    503,
    `The remote Ollama at ${baseUrl} is not answering. Gatehouse starts Ollama only on this machine: start it on that host, or point OLLAMA_HOST (gatehouse.ollama.host) at this machine.`,
  );
}

export function ollamaTimeout(baseUrl: string, what: string, cause?: unknown): GatewayError {
  return new GatewayError('provider_timeout', 504, `Ollama at ${baseUrl} did not ${what} in time; it may be busy loading a model, try again.`, { cause });
}

/** Maps a non-2xx answer, keeping Ollama's own `{"error": "..."}` text because it is specific. */
export function ollamaHttpError(baseUrl: string, status: number, ollamaMessage: string | undefined, model?: string): GatewayError {
  const detail = ollamaMessage ? `: ${ollamaMessage}` : '';
  if (status === 404) {
    const subject = model ? `Model "${model}" is not available in Ollama at ${baseUrl}` : `Ollama at ${baseUrl} answered 404`;
    const advice = model ? ` Pull it first (\`ollama pull ${model}\` or the Models page).` : '';
    return new GatewayError('caller_not_found', 404, `${subject}${detail}.${advice}`, { upstreamStatus: status });
  }
  if (status >= 500) {
    return new GatewayError('provider_server_error', 502, `Ollama at ${baseUrl} failed (HTTP ${status})${detail}. Its log usually says why.`, { upstreamStatus: status });
  }
  return new GatewayError('provider_rejected', 502, `Ollama at ${baseUrl} rejected the request (HTTP ${status})${detail}.`, { upstreamStatus: status });
}

export function ollamaBadResponse(baseUrl: string, what: string, cause?: unknown): GatewayError {
  return new GatewayError('provider_bad_response', 502, `Ollama at ${baseUrl} sent an unreadable ${what}; is this really an Ollama server?`, { cause });
}

/** An `{"error": "..."}` line in the middle of a 200 NDJSON stream. */
export function ollamaStreamError(baseUrl: string, what: string, ollamaMessage: string): GatewayError {
  return new GatewayError('provider_stream_interrupted', 502, `Ollama at ${baseUrl} stopped during ${what}: ${ollamaMessage}`);
}
