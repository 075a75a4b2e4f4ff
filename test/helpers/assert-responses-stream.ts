import assert from 'node:assert/strict';
import type { ResponsesStreamEvent } from '../../gateway/protocol/responses/types.ts';
import { createSseParser } from '../../gateway/protocol/sse/create-sse-parser.ts';

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);
/** Events that belong to one open output item, and so must name it. */
const ITEM_EVENTS = /^response\.(content_part|output_text|function_call_arguments|custom_tool_call_input|reasoning_summary_part|reasoning_summary_text)\./;

/**
 * The Responses streaming grammar as the OpenAI SDK's accumulator reads it, over raw SSE text:
 * every frame's `event:` line is its data's type; sequence numbers run 0, 1, 2…;
 * response.created then response.in_progress open the stream; output items are added at
 * output_index 0, 1, 2…, each event of an item names an item that is open, and every item is
 * done before the response ends; a custom tool call's input deltas join to the input its
 * .done event and its finished item carry; the stream ends with one response.completed / .incomplete, or
 * fails with response.failed and/or an `error` event last. Returns the parsed events.
 */
export function assertResponsesStream(text: string): ResponsesStreamEvent[] {
  const parser = createSseParser();
  const frames = [...parser.push(text), ...parser.end()];
  const events = frames.map((frame, position) => {
    const event = JSON.parse(frame.data) as ResponsesStreamEvent;
    assert.equal(frame.event, event.type, `frame ${position}: the event line names its type`);
    assert.equal(event.sequence_number, position, `frame ${position} (${event.type}): sequence numbers run in order`);
    return event;
  });
  assert.equal(events[0]?.type, 'response.created', 'response.created comes first');
  assert.equal(events[1]?.type, 'response.in_progress', 'response.in_progress comes second');
  const open = new Map<number, string>();
  /** Per open custom tool call (by output index), its input deltas so far. */
  const customInputs = new Map<number, string>();
  let added = 0;
  events.forEach((event, position) => {
    const where = `event ${position} (${event.type})`;
    assert.ok(position === 0 || !TERMINAL.has(events[position - 1]!.type) || event.type === 'error', `${where} comes after the response ended`);
    if (event.type === 'response.output_item.added') {
      assert.equal(event.output_index, added, `${where}: items are added in order`);
      open.set(added, (event.item as { id: string }).id);
      added += 1;
    } else if (event.type === 'response.output_item.done') {
      assert.ok(open.has(event.output_index as number), `${where}: the item is open`);
      open.delete(event.output_index as number);
      const item = event.item as { type: string; input?: string };
      if (item.type === 'custom_tool_call') assert.equal(item.input, customInputs.get(event.output_index as number) ?? '', `${where}: the custom call's input is its deltas joined`);
    } else if (ITEM_EVENTS.test(event.type)) {
      assert.equal(event.item_id, open.get(event.output_index as number), `${where}: names an open item`);
      const index = event.output_index as number;
      if (event.type === 'response.custom_tool_call_input.delta') customInputs.set(index, (customInputs.get(index) ?? '') + (event.delta as string));
      if (event.type === 'response.custom_tool_call_input.done') assert.equal(event.input, customInputs.get(index) ?? '', `${where}: the input is its deltas joined`);
    } else if (event.type === 'response.completed' || event.type === 'response.incomplete') {
      assert.equal(open.size, 0, `${where}: every item is done first`);
      assert.equal(position, events.length - 1, `${where} ends the stream`);
    } else if (event.type === 'error') {
      assert.equal(position, events.length - 1, `${where} ends the stream`);
    }
  });
  assert.ok(TERMINAL.has(events.at(-1)!.type) || events.at(-1)!.type === 'error', 'the stream ends with the response or an error');
  return events;
}
