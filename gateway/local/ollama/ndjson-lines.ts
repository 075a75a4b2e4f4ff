/** Adapts the incremental NDJSON parser to a response body read with `for await`. */
import { createNdjsonParser } from '../../protocol/ndjson/create-ndjson-parser.ts';

export async function* readNdjson(body: AsyncIterable<Buffer | string>): AsyncGenerator<unknown> {
  const parser = createNdjsonParser();
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    yield* parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  yield* parser.push(decoder.decode());
  yield* parser.end();
}
