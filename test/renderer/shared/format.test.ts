import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes } from '../../../renderer/shared/format/format.ts';

test('sizes are computed in powers of 1024 and labelled as such (GiB), not as decimal GB', () => {
  // gpt-oss:120b as /api/tags reports it; `ollama list` calls this 65 GB (decimal).
  assert.equal(formatBytes(65_290_180_781), '61 GiB');
  assert.equal(formatBytes(8 * 1024 ** 3), '8.0 GiB');
  assert.equal(formatBytes(522 * 1024 ** 2), '522 MiB');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(null), '—');
});
