import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import type { SecretProvider, SecretStatus } from './ipc/contract.ts';

/** The environment variable each provider's key is exported as, which config `os.environ/…` references read. */
export const PROVIDER_ENV_VARS: Record<SecretProvider, string> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
  deepseek: 'DEEPSEEK_API_KEY',
  gemini: 'GEMINI_API_KEY',
  groq: 'GROQ_API_KEY',
  mistral: 'MISTRAL_API_KEY',
};

/** Electron's safeStorage, injected so the store is testable without Electron. */
export interface Encryption {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Provider keys encrypted with the OS keychain (safeStorage) into one file in userData. Keys go
 * in and out only towards the gateway's environment; the renderer learns only `stored: true`.
 */
export class SecretStore {
  readonly #filePath: string;
  readonly #encryption: Encryption;

  constructor(filePath: string, encryption: Encryption) {
    this.#filePath = filePath;
    this.#encryption = encryption;
  }

  list(): SecretStatus[] {
    const stored = this.#read();
    return (Object.keys(PROVIDER_ENV_VARS) as SecretProvider[]).map((provider) => this.#status(provider, stored));
  }

  set(provider: SecretProvider, key: string): SecretStatus {
    const stored = this.#read();
    stored[provider] = this.#encryption.encryptString(key.trim()).toString('base64');
    this.#write(stored);
    return this.#status(provider, stored);
  }

  delete(provider: SecretProvider): SecretStatus {
    const stored = this.#read();
    delete stored[provider];
    this.#write(stored);
    return this.#status(provider, stored);
  }

  /** The variables exportTo sets: the gateway reports their keys as coming from the keychain, not the shell. */
  exportedVariables(): Set<string> {
    return new Set(Object.keys(this.#read()).map((provider) => PROVIDER_ENV_VARS[provider as SecretProvider]).filter((variable) => variable !== undefined));
  }

  /** Puts every stored key into `env` under its provider's variable; a key the user typed wins over the shell's. */
  exportTo(env: Record<string, string | undefined>): void {
    for (const [provider, encrypted] of Object.entries(this.#read())) {
      const variable = PROVIDER_ENV_VARS[provider as SecretProvider];
      if (variable !== undefined && encrypted !== undefined) env[variable] = this.#encryption.decryptString(Buffer.from(encrypted, 'base64'));
    }
  }

  #status(provider: SecretProvider, stored: Partial<Record<SecretProvider, string>>): SecretStatus {
    return { provider, stored: stored[provider] !== undefined, encryptionAvailable: this.#encryption.isEncryptionAvailable() };
  }

  #read(): Partial<Record<SecretProvider, string>> {
    if (!existsSync(this.#filePath)) return {};
    try {
      return JSON.parse(readFileSync(this.#filePath, 'utf8')) as Partial<Record<SecretProvider, string>>;
    } catch {
      return {};
    }
  }

  #write(stored: Partial<Record<SecretProvider, string>>): void {
    const temporary = `${this.#filePath}.tmp`;
    writeFileSync(temporary, JSON.stringify(stored), { mode: 0o600 });
    renameSync(temporary, this.#filePath);
  }
}
