import type { GatehouseBridge } from '../../electron/ipc/contract.ts';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser. */
    gatehouse?: GatehouseBridge;
  }
}

export function desktopBridge(): GatehouseBridge | undefined {
  return window.gatehouse;
}
