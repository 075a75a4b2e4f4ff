/**
 * Finds the `ollama` executable: PATH first (what the user would run), then the places each
 * official installer puts it, which are often missing from PATH in a GUI app's environment
 * (a macOS app launched from Finder sees only /usr/bin:/bin).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import path from 'node:path';

export interface LocateProbes {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  isExecutable: (filePath: string) => boolean;
}

function isExecutableFile(filePath: string): boolean {
  try {
    if (!statSync(filePath).isFile()) return false;
    if (process.platform !== 'win32') accessSync(filePath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function defaultLocateProbes(env: NodeJS.ProcessEnv = process.env): LocateProbes {
  return { platform: process.platform, env, homeDir: homedir(), isExecutable: isExecutableFile };
}

export function standardInstallPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homeDir: string): string[] {
  if (platform === 'win32') {
    const localAppData = env.LOCALAPPDATA ?? path.win32.join(homeDir, 'AppData', 'Local');
    const programFiles = env.ProgramFiles ?? 'C:\\Program Files';
    return [path.win32.join(localAppData, 'Programs', 'Ollama', 'ollama.exe'), path.win32.join(programFiles, 'Ollama', 'ollama.exe')];
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Ollama.app/Contents/Resources/ollama',
      path.posix.join(homeDir, 'Applications', 'Ollama.app', 'Contents', 'Resources', 'ollama'),
      '/usr/local/bin/ollama',
      '/opt/homebrew/bin/ollama',
    ];
  }
  return ['/usr/local/bin/ollama', '/usr/bin/ollama'];
}

export function candidateBinaryPaths(probes: LocateProbes): string[] {
  const windows = probes.platform === 'win32';
  const pathModule = windows ? path.win32 : path.posix;
  const pathValue = (windows ? (probes.env.Path ?? probes.env.PATH) : probes.env.PATH) ?? '';
  const fromPath = pathValue
    .split(windows ? ';' : ':')
    .filter((directory) => directory !== '')
    .map((directory) => pathModule.join(directory, windows ? 'ollama.exe' : 'ollama'));
  return [...new Set([...fromPath, ...standardInstallPaths(probes.platform, probes.env, probes.homeDir)])];
}

export function findOllamaBinary(probes: LocateProbes): string | null {
  return candidateBinaryPaths(probes).find((candidate) => probes.isExecutable(candidate)) ?? null;
}

/**
 * Reads the version from `ollama --version`, which prints "ollama version is 0.12.3" when a
 * server answers and "Warning: client version is 0.12.3" when none does.
 */
export function parseOllamaVersionOutput(output: string): string | null {
  const matches = [...output.matchAll(/version is\s+v?(\d+\.\d+[\w.+-]*)/g)];
  return matches.at(-1)?.[1] ?? null;
}

export function readBinaryVersion(binaryPath: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 5_000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(binaryPath, ['--version'], { env, timeout: timeoutMs, windowsHide: true }, (_error, stdout, stderr) => {
      resolve(parseOllamaVersionOutput(`${stdout}\n${stderr}`));
    });
  });
}
