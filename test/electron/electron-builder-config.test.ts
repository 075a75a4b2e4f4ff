/**
 * CI cannot download Electron or build installers, so the packaging config is checked
 * statically: electron-builder's own schema, the targets the issue asks for, the native-module
 * rebuild, and that the files it packages are what `npm run build` produces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  mac: { target: { target: string; arch: string[] }[] };
  win: { target: { target: string }[] };
  linux: { target: string[] };
  files: string[];
  npmRebuild: boolean;
};

test("the config passes electron-builder's own schema validation", async () => {
  // Internal path: electron-builder validates this way before every build.
  const { validateConfiguration } = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(configuration: unknown, logger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
  };
  await validateConfiguration(config, { isEnabled: false, add: () => undefined });
  await assert.rejects(validateConfiguration({ ...config, mac: { target: 42 } }, { isEnabled: false, add: () => undefined }), 'the validator really rejects a broken config');
});

test('installers per OS: dmg for arm64 and x64, NSIS, AppImage and deb', () => {
  assert.deepEqual(config.mac.target.map((target) => [target.target, [...target.arch].sort()]), [['dmg', ['arm64', 'x64']]]);
  assert.deepEqual(config.win.target.map((target) => target.target), ['nsis']);
  assert.deepEqual([...config.linux.target].sort(), ['AppImage', 'deb']);
});

test('better-sqlite3 is rebuilt for Electron and unpacked from the asar', () => {
  assert.equal(config.npmRebuild, true);
  assert.ok((config.asarUnpack as string[]).includes('**/*.node'));
});

test('the main entry and preload the app starts from are produced by the build', () => {
  const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--electron'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  assert.ok(existsSync(path.join(root, packageJson.main)), `${packageJson.main} exists after the build`);
  assert.ok(existsSync(path.join(root, 'dist/electron/preload.cjs')));
  assert.ok(config.files.includes('dist/**'), 'the build output is packaged');
});
