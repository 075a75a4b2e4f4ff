import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SecretStore, type Encryption } from '../../electron/secret-store.ts';

/** Reversible but not identity, so a test can tell stored bytes from the key. */
const fakeEncryption: Encryption = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from([...Buffer.from(text)].reverse()),
  decryptString: (buffer) => Buffer.from([...buffer].reverse()).toString(),
};

test('keys are stored encrypted, reported only as stored, and exported to the env', () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gatehouse-secrets-')), 'keys.json');
  const store = new SecretStore(file, fakeEncryption);
  assert.equal(store.list().every((status) => !status.stored), true);
  const status = store.set('anthropic', ' sk-ant-secret-value ');
  assert.deepEqual(status, { provider: 'anthropic', stored: true, encryptionAvailable: true });
  assert.doesNotMatch(readFileSync(file, 'utf8'), /sk-ant-secret-value/);
  assert.doesNotMatch(JSON.stringify(store.list()), /sk-ant/);
  if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  const env: Record<string, string | undefined> = { ANTHROPIC_API_KEY: 'from-shell' };
  store.exportTo(env);
  assert.equal(env.ANTHROPIC_API_KEY, 'sk-ant-secret-value');
  store.delete('anthropic');
  assert.equal(store.list().find((entry) => entry.provider === 'anthropic')?.stored, false);
});

test('the variables it exports are the ones named as the keychain\'s, and only while stored', () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gatehouse-secrets-')), 'keys.json');
  const store = new SecretStore(file, fakeEncryption);
  store.set('openrouter', 'sk-or-secret');
  store.set('gemini', 'gemini-secret');
  const env: Record<string, string | undefined> = {};
  store.exportTo(env);
  assert.deepEqual(store.exportedVariables(), new Set(Object.keys(env)));
  assert.deepEqual(store.exportedVariables(), new Set(['OPENROUTER_API_KEY', 'GEMINI_API_KEY']));
  store.delete('gemini');
  assert.deepEqual(store.exportedVariables(), new Set(['OPENROUTER_API_KEY']));
});
