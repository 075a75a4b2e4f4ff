import type { AdminApi } from '../../renderer/api/client.ts';

/** An AdminApi whose unlisted methods fail loudly, so a test states exactly which calls it expects. */
export function fakeApi(methods: Partial<AdminApi>): AdminApi {
  return new Proxy(methods as AdminApi, {
    get(target, name: string) {
      const method = (target as unknown as Record<string, unknown>)[name];
      if (method !== undefined) return method;
      return () => Promise.reject(new Error(`unexpected call: ${name}`));
    },
  });
}
