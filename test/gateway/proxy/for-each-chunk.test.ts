import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { forEachChunk } from '../../../gateway/proxy/for-each-chunk.ts';

test('every chunk arrives in order, then the promise resolves at the end', async () => {
  const seen: string[] = [];
  await forEachChunk(Readable.from([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')]), (chunk) => seen.push(chunk.toString()));
  assert.deepEqual(seen, ['a', 'b', 'c']);
});

test('a throwing callback stops reading, leaves the stream paused and open, and rejects with its error', async () => {
  const stream = new PassThrough();
  stream.write('one');
  stream.write('two');
  let calls = 0;
  const refused = new Error('too large');
  await assert.rejects(forEachChunk(stream, () => {
    calls += 1;
    throw refused;
  }), (error) => error === refused);
  stream.write('three');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(calls, 1);
  assert.equal(stream.isPaused(), true);
  assert.equal(stream.destroyed, false);
});

test('a stream error rejects with that error; a destroy without one rejects as a premature close', async () => {
  const failing = new PassThrough();
  const reading = forEachChunk(failing, () => {});
  failing.destroy(new Error('socket hang up'));
  await assert.rejects(reading, /socket hang up/);

  const cut = new PassThrough();
  const cutReading = forEachChunk(cut, () => {});
  cut.write('partial');
  cut.destroy();
  await assert.rejects(cutReading, { code: 'ERR_STREAM_PREMATURE_CLOSE' });
});

test('a stream that already ended resolves; one already destroyed rejects instead of waiting forever', async () => {
  const ended = Readable.from([]);
  ended.resume();
  await new Promise((resolve) => ended.once('end', resolve));
  await forEachChunk(ended, () => assert.fail('no chunks expected'));

  const destroyed = new PassThrough();
  destroyed.on('error', () => {}); // its owner saw the error already
  destroyed.destroy(new Error('gone'));
  await new Promise((resolve) => setImmediate(resolve));
  await assert.rejects(forEachChunk(destroyed, () => {}), /gone/);
});
