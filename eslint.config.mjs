// The layering rules of DESIGN.md §3 (aesthetics.md §3, R1–R8) are enforced here, not by review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ban = {
  electron: { name: 'electron', message: 'gateway/ runs headless and never imports electron (R1).' },
  http: { name: 'node:http', message: 'Only gateway/server/ imports node:http (R5).' },
  sqlite: { name: 'better-sqlite3', message: 'Only gateway/store/sqlite-*.ts imports better-sqlite3 (R5).' },
  prom: { name: 'prom-client', message: 'Only gateway/metrics/ imports prom-client (R5).' },
};
const otherRooms = { group: ['**/electron/**', '**/renderer/**'], message: 'gateway/ imports nothing from electron/ or renderer/ (R1).' };

/** One flat-config block per area, because eslint replaces (not merges) a rule's options. */
function gatewayArea(files, { allow = [], ignores = [], extraPatterns = [] } = {}) {
  const paths = Object.entries(ban).filter(([key]) => !allow.includes(key)).map(([, rule]) => rule);
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { paths, patterns: [otherRooms, ...extraPatterns] }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  gatewayArea(['gateway/**/*.ts'], { ignores: ['gateway/server/**', 'gateway/store/sqlite-*.ts', 'gateway/metrics/**', 'gateway/protocol/**'] }),
  gatewayArea(['gateway/server/**/*.ts'], { allow: ['http'] }),
  gatewayArea(['gateway/store/sqlite-*.ts'], { allow: ['sqlite'] }),
  gatewayArea(['gateway/metrics/**/*.ts'], { allow: ['prom'] }),
  gatewayArea(['gateway/protocol/**/*.ts'], {
    extraPatterns: [
      { group: ['node:*', 'undici'], message: 'protocol/ is pure: no I/O (R2).' },
      { group: ['**/providers/**', '**/server/**', '**/router/**', '**/store/**', '**/metrics/**', '**/config/**'], message: 'protocol/ imports only protocol/ and errors/ (R2).' },
    ],
  }),
  {
    files: ['gateway/protocol/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'protocol/ is deterministic: take the clock as a parameter (R2).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'protocol/ is deterministic: take the clock as a parameter (R2).' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'protocol/ is deterministic: take the id generator as a parameter (R2).' },
      ],
    },
  },
  {
    // R8: one file owns each side of Electron IPC, so every channel is declared and validated in one place.
    files: ['electron/**/*.ts'],
    ignores: ['electron/ipc/main-ipc.ts', 'electron/preload/index.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer', 'contextBridge'], message: 'Only electron/ipc/main-ipc.ts (ipcMain) and electron/preload/index.ts (ipcRenderer, contextBridge) touch IPC (R8).' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer runs in a sandboxed page (R7).' }],
        patterns: [
          { group: ['node:*'], message: 'The renderer runs in a sandboxed page (R7).' },
          { group: ['**/gateway/**', '**/electron/**'], allowTypeImports: true, message: 'The renderer imports other rooms as types only (R7).' },
        ],
      }],
    },
  },
);
