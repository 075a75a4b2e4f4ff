import { z } from 'zod';
import { SECRET_PROVIDERS, type IpcChannel, type IpcInvoke } from './contract.ts';

const none = z.undefined();

/** Every channel's argument, validated in main: the renderer is untrusted input (aesthetics §2.9). */
export const IPC_ARGUMENT_SCHEMAS: { [Channel in IpcChannel]: z.ZodType<IpcInvoke[Channel]['argument']> } = {
  'gateway:connection': none,
  'secrets:list': none,
  'secrets:set': z.strictObject({ provider: z.enum(SECRET_PROVIDERS), key: z.string().trim().min(8).max(4096) }),
  'secrets:delete': z.strictObject({ provider: z.enum(SECRET_PROVIDERS) }),
  'app:get-open-at-login': none,
  'app:set-open-at-login': z.strictObject({ enabled: z.boolean() }),
  'app:reveal-data-folder': none,
  'app:quit': none,
};

export type IpcHandlers = {
  [Channel in IpcChannel]: (argument: IpcInvoke[Channel]['argument']) => IpcInvoke[Channel]['result'] | Promise<IpcInvoke[Channel]['result']>;
};

export class IpcRejectedError extends Error {
  override name = 'IpcRejectedError';
}

/**
 * Checks who is calling and with what, then runs the handler. Pure of Electron so it is unit-tested;
 * main-ipc.ts feeds it `event.senderFrame.url`.
 */
export function createIpcDispatcher(handlers: IpcHandlers, isTrustedSender: (url: string) => boolean) {
  return async function dispatch<Channel extends IpcChannel>(channel: Channel, senderUrl: string | undefined, argument: unknown): Promise<IpcInvoke[Channel]['result']> {
    if (senderUrl === undefined || !isTrustedSender(senderUrl)) throw new IpcRejectedError(`${channel}: refused, the caller is not the dashboard`);
    const schema = IPC_ARGUMENT_SCHEMAS[channel] as z.ZodType<IpcInvoke[Channel]['argument']> | undefined;
    if (schema === undefined) throw new IpcRejectedError(`${String(channel)}: unknown channel`);
    const parsed = schema.safeParse(argument);
    if (!parsed.success) throw new IpcRejectedError(`${channel}: invalid argument (${parsed.error.issues.map((issue) => issue.message).join('; ')})`);
    const handler = handlers[channel] as (value: IpcInvoke[Channel]['argument']) => IpcInvoke[Channel]['result'] | Promise<IpcInvoke[Channel]['result']>;
    return handler(parsed.data);
  };
}
