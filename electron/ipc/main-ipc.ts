// The only file that imports ipcMain (R8).
import { ipcMain } from 'electron';
import type { IpcChannel } from './contract.ts';
import { createIpcDispatcher, IPC_ARGUMENT_SCHEMAS, type IpcHandlers } from './ipc-dispatcher.ts';

/** Registers every invoke channel; returns a function that removes them (on quit). */
export function registerIpcHandlers(handlers: IpcHandlers, isTrustedSender: (url: string) => boolean): () => void {
  const dispatch = createIpcDispatcher(handlers, isTrustedSender);
  const channels = Object.keys(IPC_ARGUMENT_SCHEMAS) as IpcChannel[];
  for (const channel of channels) ipcMain.handle(channel, (event, argument: unknown) => dispatch(channel, event.senderFrame?.url, argument));
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
