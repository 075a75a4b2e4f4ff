import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { abandon, forEachChunk } from '../../../gateway/proxy/for-each-chunk.ts';

test('every chunk arrives in order, then the promise resolves at the end', async () => {
  const seen: string[] = [];
  await forEachChunk(Readable.from([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')]), (chunk) => {
    seen.push(chunk.toString());
  });
  assert.deepEqual(seen, ['a', 'b', 'c']);
});

test('chunks that arrive together are handed over as one (one client write for a burst of upstream events)', async () => {
  const stream = new PassThrough();
  const seen: string[] = [];
  const reading = forEachChunk(stream, (chunk) => {
    seen.push(chunk.toString());
  });
  stream.write('event one\n');
  stream.write('event two\n');
  stream.write('event three\n');
  await new Promise((resolve) => setImmediate(resolve));
  stream.end('last\n');
  await reading;
  assert.deepEqual(seen, ['event one\nevent two\nevent three\n', 'last\n']);
});

test('while the callback\'s promise is pending the stream is paused and nothing more arrives; it resumes when it settles', async () => {
  const stream = new PassThrough();
  const seen: string[] = [];
  let release!: () => void;
  const reading = forEachChunk(stream, (chunk) => {
    seen.push(chunk.toString());
    if (seen.length === 1) return new Promise<void>((resolve) => { release = resolve; });
    return undefined;
  });
  stream.write('first');
  await new Promise((resolve) => setImmediate(resolve));
  stream.write('second');
  stream.end();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(seen, ['first']);
  assert.equal(stream.isPaused(), true);
  release();
  await reading;
  assert.deepEqual(seen, ['first', 'second']);
});

test('a rejected callback promise stops reading and rejects with its error', async () => {
  const stream = new PassThrough();
  const broken = new Error('client write failed');
  const reading = forEachChunk(stream, () => Promise.reject(broken));
  stream.write('one');
  await assert.rejects(reading, (error) => error === broken);
  assert.equal(stream.isPaused(), true);
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

test('abandon closes an unfinished stream whose destroy emits an error, without an uncaught exception', async () => {
  // Like undici's body: destroying it before its end reports an abort.
  const body = new Readable({ read() {}, destroy(_error, callback) { callback(new Error('Request aborted')); } });
  body.push('half an answer');
  abandon(body);
  await new Promise((resolve) => body.once('close', resolve));
  assert.equal(body.destroyed, true);
  abandon(body); // already closed: nothing more happens
});
