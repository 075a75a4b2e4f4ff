import assert from 'node:assert/strict';
import type { AnthropicStreamEvent } from '../../gateway/protocol/anthropic/types.ts';
import { createSseParser } from '../../gateway/protocol/sse/create-sse-parser.ts';

/** Which block types each delta may extend; Claude Code drops or misreads a delta sent to any other. */
const BLOCK_TYPES_OF_DELTA: Record<string, readonly string[]> = {
  text_delta: ['text'],
  citations_delta: ['text'],
  thinking_delta: ['thinking'],
  signature_delta: ['thinking'],
  input_json_delta: ['tool_use', 'server_tool_use'],
};

/** A block as the client assembles it: its start, and the deltas' text (tool input as parsed JSON). */
export interface AssembledBlock {
  type: string;
  text: string;
  input?: unknown;
}

/**
 * The whole Anthropic streaming grammar, as a client that acts on each event reads it:
 * message_start first and once; blocks started at 0, 1, 2… one at a time, each delta aimed at the
 * open block and of its kind, every block stopped; each tool_use's streamed input a JSON object;
 * then exactly one message_delta and message_stop last. An `error` event may end the stream
 * anywhere instead. Returns the blocks, so a test can look at what the client ended up with.
 */
export function assertAnthropicStream(events: readonly AnthropicStreamEvent[]): AssembledBlock[] {
  const blocks: AssembledBlock[] = [];
  let open: AssembledBlock | undefined;
  let started = false;
  let sawMessageDelta = false;
  events.forEach((event, position) => {
    const where = `event ${position} (${event.type})`;
    assert.ok(position === 0 || events[position - 1]?.type !== 'message_stop', `${where} comes after message_stop`);
    if (event.type === 'error') {
      assert.equal(position, events.length - 1, `${where} must end the stream`);
      return;
    }
    if (event.type === 'message_start') {
      assert.equal(position, 0, `${where}: message_start comes first, and once`);
      started = true;
      return;
    }
    assert.ok(started, `${where} before message_start`);
    switch (event.type) {
      case 'ping':
        return;
      case 'content_block_start': {
        assert.ok(!sawMessageDelta, `${where} after message_delta`);
        assert.equal(open, undefined, `${where}: block ${blocks.length - 1} is still open`);
        assert.equal(event.index, blocks.length, `${where}: blocks start at 0 and count up one by one`);
        open = { type: event.content_block.type, text: '' };
        blocks.push(open);
        return;
      }
      case 'content_block_delta': {
        assert.ok(open !== undefined, `${where}: no block is open`);
        assert.equal(event.index, blocks.length - 1, `${where}: the delta is for block ${event.index}, but block ${blocks.length - 1} is the open one`);
        const allowed = BLOCK_TYPES_OF_DELTA[event.delta.type] ?? [];
        assert.ok(allowed.includes(open.type), `${where}: a ${event.delta.type} cannot extend a ${open.type} block`);
        const { delta } = event;
        open.text += delta.type === 'text_delta' ? delta.text : delta.type === 'thinking_delta' ? delta.thinking : delta.type === 'input_json_delta' ? delta.partial_json : '';
        return;
      }
      case 'content_block_stop': {
        assert.ok(open !== undefined, `${where}: no block is open`);
        assert.equal(event.index, blocks.length - 1, `${where}: stops block ${event.index}, but block ${blocks.length - 1} is the open one`);
        if (open.type === 'tool_use') {
          // No input_json_delta at all means the start's input ({}) stands.
          const json = open.text === '' ? '{}' : open.text;
          let input: unknown;
          assert.doesNotThrow(() => { input = JSON.parse(json); }, `${where}: tool_use block ${event.index} input is not JSON: ${json}`);
          assert.ok(typeof input === 'object' && input !== null && !Array.isArray(input), `${where}: tool_use block ${event.index} input is not an object: ${json}`);
          open.input = input;
        }
        open = undefined;
        return;
      }
      case 'message_delta':
        assert.ok(!sawMessageDelta, `${where}: a second message_delta`);
        assert.equal(open, undefined, `${where}: block ${blocks.length - 1} is still open`);
        sawMessageDelta = true;
        return;
      case 'message_stop':
        assert.ok(sawMessageDelta, `${where}: message_stop without a message_delta before it`);
        return;
    }
  });
  const last = events.at(-1)?.type;
  assert.ok(last === 'message_stop' || last === 'error', `the stream ends with ${last ?? 'nothing'}, not message_stop (or an error)`);
  return blocks;
}

/** A streamed reply body as the client reads it: each frame's `event:` name is its data's type, then the grammar above. */
export function assertAnthropicSse(body: string): AssembledBlock[] {
  const parser = createSseParser();
  const frames = [...parser.push(body), ...parser.end()];
  const events = frames.map((frame, position) => {
    const event = JSON.parse(frame.data) as AnthropicStreamEvent;
    assert.equal(frame.event, event.type, `frame ${position} is named ${frame.event} but carries ${event.type}`);
    return event;
  });
  return assertAnthropicStream(events);
}
