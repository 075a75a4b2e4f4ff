/**
 * Starting Ollama together with the gateway. It runs in the background and never throws,
 * because a missing or slow Ollama must neither delay `Gatehouse listening` nor fail startup:
 * cloud routes work without it, and the outcome is one log line.
 */
import type { GatehouseConfig } from '../../config/schema.ts';
import { providerPrefix } from '../../router/provider-prefixes.ts';
import type { OllamaManager } from './ollama-manager.ts';
import type { SupervisorEvent } from './ollama-supervisor.ts';

const LOCAL_ROUTE = 'local';

/** True when the config serves anything through Ollama: an Ollama deployment, or a `local` route. */
export function configUsesOllama(config: GatehouseConfig): boolean {
  if (Object.hasOwn(config.gatehouse.routes, LOCAL_ROUTE)) return true;
  return config.model_list.some((entry) => {
    const provider = entry.litellm_params.model.slice(0, entry.litellm_params.model.indexOf('/'));
    return entry.model_info?.route === LOCAL_ROUTE || providerPrefix(provider).protocol === 'ollama';
  });
}

/**
 * Makes sure Ollama answers, starting `ollama serve` when it is installed but silent. `signal`
 * is aborted when the gateway closes: a start that fails because of the close is not news.
 */
export async function autostartOllama(manager: OllamaManager, log: (line: string) => void, signal: AbortSignal): Promise<void> {
  try {
    const status = await manager.ensureRunning();
    if (status.startedByUs) log(`Ollama: started \`ollama serve\` at ${status.host} (version ${status.version ?? 'unknown'}; log ${status.logFile ?? 'none'}).`);
  } catch (error) {
    if (signal.aborted) return;
    log(`Ollama: not running, local models are unavailable. ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Supervisor events worth a log line; an exit we asked for is not one of them. */
export function describeSupervisorEvent(event: SupervisorEvent): string | undefined {
  switch (event.type) {
    case 'exited':
      return event.expected ? undefined : `Ollama: \`ollama serve\` exited unexpectedly (${event.signal ?? `code ${event.code}`}).`;
    case 'restart-scheduled':
      return `Ollama: restarting \`ollama serve\` in ${Math.round(event.delayMs / 100) / 10} s (attempt ${event.attempt}).`;
    case 'orphan-stopped':
      return `Ollama: stopped the \`ollama serve\` (pid ${event.pid}) that an earlier Gatehouse started and did not stop (it crashed or was killed).`;
    case 'foreign-server':
    case 'gave-up':
      return `Ollama: ${event.message}`;
    case 'started':
      return undefined;
  }
}
