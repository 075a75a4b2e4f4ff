/**
 * The typed IPC contract between Electron main and the preload (aesthetics §2.10). The renderer
 * sees only `GatehouseBridge` (as `window.gatehouse`), and imports this file with `import type`.
 * Everything else the dashboard needs goes over the admin HTTP API, so the same renderer runs in
 * a browser at /ui.
 */

/** Provider ids whose keys the desktop app can keep in the OS keychain (safeStorage). */
export const SECRET_PROVIDERS = ['anthropic', 'openai', 'openrouter', 'deepseek', 'gemini', 'groq', 'mistral'] as const;
export type SecretProvider = (typeof SECRET_PROVIDERS)[number];

/** What the renderer may learn about a stored key: that it exists, never its value. */
export interface SecretStatus {
  provider: SecretProvider;
  stored: boolean;
  /** False on Linux without a keyring: keys would be stored with a hard-coded password. */
  encryptionAvailable: boolean;
}

/** Invoke channels: `name → (argument) => result`. Namespaced as in Signal (`area:verb`). */
export interface IpcInvoke {
  'gateway:connection': { argument: void; result: { adminUrl: string; adminToken: string; portNotice: string | null } };
  'secrets:list': { argument: void; result: SecretStatus[] };
  'secrets:set': { argument: { provider: SecretProvider; key: string }; result: SecretStatus };
  'secrets:delete': { argument: { provider: SecretProvider }; result: SecretStatus };
  'app:get-open-at-login': { argument: void; result: boolean };
  'app:set-open-at-login': { argument: { enabled: boolean }; result: boolean };
  'app:reveal-data-folder': { argument: void; result: void };
  'app:quit': { argument: void; result: void };
}
export type IpcChannel = keyof IpcInvoke;

/** `window.gatehouse`: present only inside the desktop app. */
export interface GatehouseBridge {
  connection(): Promise<IpcInvoke['gateway:connection']['result']>;
  secrets: {
    list(): Promise<SecretStatus[]>;
    /** The key goes to main and is never sent back. */
    set(provider: SecretProvider, key: string): Promise<SecretStatus>;
    delete(provider: SecretProvider): Promise<SecretStatus>;
  };
  openAtLogin: {
    get(): Promise<boolean>;
    set(enabled: boolean): Promise<boolean>;
  };
  revealDataFolder(): Promise<void>;
  quit(): Promise<void>;
}
