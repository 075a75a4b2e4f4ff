import os from 'node:os';
import path from 'node:path';

/**
 * The OS's per-user app-data folder for "Gatehouse": the same folder Electron's
 * app.getPath('userData') gives, so the desktop app and `npm run serve` share config and logs.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Gatehouse');
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'Gatehouse');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Gatehouse');
}
