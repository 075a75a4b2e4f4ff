/** Names whose values are credentials: config keys (api_key, master_key, admin_token) and headers (x-api-key, api-key, Authorization). */
const SECRET_NAME = /(^|[_-])(key|token|secret|password)$|^authorization$/i;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);
