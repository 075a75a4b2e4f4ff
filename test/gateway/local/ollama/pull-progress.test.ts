import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PullProgressTracker } from '../../../../gateway/local/ollama/pull-progress.ts';

const GB = 1e9;
const MB = 1e6;

test('a resumed pull: bytes already on disk are progress, not download speed', () => {
  let now = 0;
  const tracker = new PullProgressTracker(() => now);
  const digest = 'sha256:aaaa';
  tracker.update({ status: 'pulling manifest' });
  // Ollama's first line for a half-downloaded blob already counts the parts on disk (server/download.go Prepare).
  now = 60;
  let progress = tracker.update({ status: 'pulling aaaa', digest, total: 4 * GB, completed: 3 * GB });
  assert.equal(progress.completedBytes, 3 * GB);
  now = 1_060;
  progress = tracker.update({ status: 'pulling aaaa', digest, total: 4 * GB, completed: 3 * GB + 10 * MB });
  assert.ok(progress.bytesPerSecond !== null && progress.bytesPerSecond > 9 * MB && progress.bytesPerSecond <= 10 * MB, `about 10 MB/s, not ${progress.bytesPerSecond}`);
  assert.ok(progress.etaSeconds !== null && progress.etaSeconds > 90, `about 99 s left, not ${progress.etaSeconds}`);
});

test('a layer that is already present (shared with another model) does not inflate the speed', () => {
  let now = 0;
  const tracker = new PullProgressTracker(() => now);
  tracker.update({ status: 'pulling bbbb', digest: 'sha256:bbbb', total: 5 * GB, completed: 0 });
  now = 1_000;
  tracker.update({ status: 'pulling bbbb', digest: 'sha256:bbbb', total: 5 * GB, completed: 20 * MB });
  now = 1_060;
  const progress = tracker.update({ status: 'pulling cccc', digest: 'sha256:cccc', total: 2 * GB, completed: 2 * GB });
  assert.equal(progress.completedBytes, 2 * GB + 20 * MB);
  assert.ok(progress.bytesPerSecond !== null && progress.bytesPerSecond < 25 * MB, `about 20 MB/s, not ${progress.bytesPerSecond}`);
});
