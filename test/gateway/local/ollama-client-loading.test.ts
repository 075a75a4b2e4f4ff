import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';

test("the Ollama client imports undici's entry point with its first call, not with the module", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-ollama-loading-'));
  const loads = path.join(dir, 'loads.txt');
  writeFileSync(loads, '');
  register('../../helpers/record-module-loads.mjs', import.meta.url, { data: { file: loads } });
  const undiciLoaded = () => readFileSync(loads, 'utf8').split('\n').some((url) => url.endsWith('/node_modules/undici/index.js'));
  try {
    const { OllamaClient } = await import('../../../gateway/local/ollama/ollama-client.ts');
    assert.ok(readFileSync(loads, 'utf8').includes('/gateway/local/ollama/ollama-client.ts'), 'the hook sees the module');
    assert.equal(undiciLoaded(), false);
    // Port 9 (discard) is closed here: the call fails as it should, after loading undici.
    assert.equal(await new OllamaClient({ baseUrl: 'http://127.0.0.1:9' }).isRunning(), false);
    assert.equal(undiciLoaded(), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
