import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSseParser, type SseEvent } from '../../../../gateway/protocol/sse/create-sse-parser.ts';

const STREAM = [
  ': keep-alive comment',
  'event: message_start',
  'data: {"type":"message_start"}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta",',
  'data:"delta":{"text":"é😀"}}',
  '',
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

const EXPECTED: SseEvent[] = [
  { event: 'message_start', data: '{"type":"message_start"}' },
  { event: 'content_block_delta', data: '{"type":"content_block_delta",\n"delta":{"text":"é😀"}}' },
  { data: '[DONE]' },
];

function parseInPieces(text: string, pieceLength: number): SseEvent[] {
  const parser = createSseParser();
  const events: SseEvent[] = [];
  for (let offset = 0; offset < text.length; offset += pieceLength) events.push(...parser.push(text.slice(offset, offset + pieceLength)));
  events.push(...parser.end());
  return events;
}

test('events, multi-line data and comments, in one push', () => {
  assert.deepStrictEqual(parseInPieces(STREAM, STREAM.length), EXPECTED);
});

test('the same events whatever the split, with LF, CRLF or CR line endings', () => {
  for (const lineEnding of ['\n', '\r\n', '\r']) {
    const text = STREAM.replaceAll('\n', lineEnding);
    for (let pieceLength = 1; pieceLength <= 17; pieceLength += 1) {
      assert.deepStrictEqual(parseInPieces(text, pieceLength), EXPECTED, `${JSON.stringify(lineEnding)} in pieces of ${pieceLength}`);
    }
  }
});

test('a CRLF split between two pushes is one line break, not an empty line', () => {
  const parser = createSseParser();
  assert.deepStrictEqual(parser.push('data: a\r'), []);
  assert.deepStrictEqual(parser.push('\ndata: b\r\n\r\n'), [{ data: 'a\nb' }]);
});

test('end() delivers an event whose final blank line never came; field without colon and one optional space', () => {
  const parser = createSseParser();
  assert.deepStrictEqual(parser.push('data\ndata:  two spaces\nid: 7\nretry: 10\ndata: last'), []);
  assert.deepStrictEqual(parser.end(), [{ data: '\n two spaces\nlast' }]);
  assert.deepStrictEqual(parser.end(), []);
});

test('an event with no data is not dispatched', () => {
  const parser = createSseParser();
  assert.deepStrictEqual(parser.push('event: ping\n\n'), []);
});
