import { randomHex } from '../proxy/random-hex.ts';

let lastMillis = 0;
let sequence = 0;

/**
 * Request ids that sort by arrival time (UUIDv7's layout: 48-bit milliseconds, a counter
 * within the millisecond, the RFC 9562 variant, random bits). The log's primary key then grows
 * at its end instead of at a random place in the B-tree, and ids read in order in logs and
 * headers.
 */
export function newRequestId(now = Date.now()): string {
  if (now === lastMillis) sequence += 1;
  else {
    lastMillis = now;
    sequence = 0;
  }
  const time = now.toString(16).padStart(12, '0');
  const counter = (sequence & 0xfff).toString(16).padStart(3, '0');
  const random = randomHex(8);
  const variant = '89ab'[Number.parseInt(random[0]!, 16) & 3];
  return `${time.slice(0, 8)}-${time.slice(8)}-7${counter}-${variant}${random.slice(1, 4)}-${random.slice(4)}`;
}
