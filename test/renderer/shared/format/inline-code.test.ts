import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitInlineCode } from '../../../../renderer/shared/format/inline-code.ts';

test('backticked commands in a gateway message become code runs, and the backticks go', () => {
  // The message /admin/local/status gives on Linux without Ollama.
  const message = 'Ollama is not installed. Install Ollama with `curl -fsSL https://ollama.com/install.sh | sh` (see https://ollama.com/download/linux), then refresh.';
  assert.deepEqual(splitInlineCode(message), [
    { text: 'Ollama is not installed. Install Ollama with ', code: false },
    { text: 'curl -fsSL https://ollama.com/install.sh | sh', code: true },
    { text: ' (see https://ollama.com/download/linux), then refresh.', code: false },
  ]);
});

test('a message without a pair of backticks is one plain run', () => {
  assert.deepEqual(splitInlineCode('a lone ` stays'), [{ text: 'a lone ` stays', code: false }]);
  assert.deepEqual(splitInlineCode(''), []);
});
