// The only file that imports ipcRenderer and contextBridge (R8). It runs sandboxed, so it exposes
// a fixed set of functions and never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import type { GatehouseBridge, IpcChannel, IpcInvoke } from '../ipc/contract.ts';

function invoke<Channel extends IpcChannel>(channel: Channel, argument?: IpcInvoke[Channel]['argument']): Promise<IpcInvoke[Channel]['result']> {
  return ipcRenderer.invoke(channel, argument) as Promise<IpcInvoke[Channel]['result']>;
}

const bridge: GatehouseBridge = {
  connection: () => invoke('gateway:connection'),
  secrets: {
    list: () => invoke('secrets:list'),
    set: (provider, key) => invoke('secrets:set', { provider, key }),
    delete: (provider) => invoke('secrets:delete', { provider }),
  },
  openAtLogin: {
    get: () => invoke('app:get-open-at-login'),
    set: (enabled) => invoke('app:set-open-at-login', { enabled }),
  },
  revealDataFolder: () => invoke('app:reveal-data-folder'),
  quit: () => invoke('app:quit'),
};

contextBridge.exposeInMainWorld('gatehouse', bridge);
