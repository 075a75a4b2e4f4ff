import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The XDG autostart entry (freedesktop Desktop Application Autostart spec). */
export function linuxAutostartEntry(execPath: string): string {
  const quoted = /[\s"'\\]/.test(execPath) ? `"${execPath.replace(/(["\\$`])/g, '\\$1')}"` : execPath;
  return ['[Desktop Entry]', 'Type=Application', 'Name=Gatehouse', 'Comment=Local LLM gateway', `Exec=${quoted} --hidden`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n');
}

export interface LoginItems {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface AutoLaunch {
  get(): boolean;
  set(enabled: boolean): boolean;
}

/**
 * Start at login: Electron's login items on macOS and Windows; an XDG autostart file on Linux,
 * where app.setLoginItemSettings does nothing (reference/desktop.md §6).
 */
export function createAutoLaunch(options: { platform: NodeJS.Platform; loginItems: LoginItems; configHome: string; execPath: string }): AutoLaunch {
  if (options.platform !== 'linux') {
    return {
      get: () => options.loginItems.getLoginItemSettings().openAtLogin,
      set: (enabled) => {
        options.loginItems.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
        return options.loginItems.getLoginItemSettings().openAtLogin;
      },
    };
  }
  const file = path.join(options.configHome, 'autostart', 'gatehouse.desktop');
  return {
    get: () => existsSync(file),
    set: (enabled) => {
      if (enabled) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, linuxAutostartEntry(options.execPath));
      } else {
        rmSync(file, { force: true });
      }
      return existsSync(file);
    },
  };
}
