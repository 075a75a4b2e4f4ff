import { transcode } from 'node:buffer';

/** Below this many characters the direct encode is cheaper than the two steps below. */
const TRANSCODE_FROM_CHARS = 4096;

/**
 * JSON.stringify(value) as UTF-8 bytes: the body a changed or translated request sends upstream.
 * A large body with any non-ASCII character is a two-byte string, which V8 encodes at ~2 ns a
 * character (Claude Code's 85 KB request: 100–170 µs). Copying it out as UTF-16 and converting
 * with ICU takes 30–40 µs for the same bytes. The conversion is exact here because
 * JSON.stringify escapes lone surrogates, so the text is always valid UTF-16. Passing bytes
 * also spares undici the Buffer.byteLength pass it makes over a string body (~50 µs).
 */
export function jsonBodyBytes(value: unknown): Buffer {
  const text = JSON.stringify(value);
  if (text.length < TRANSCODE_FROM_CHARS) return Buffer.from(text, 'utf8');
  return transcode(Buffer.from(text, 'utf16le'), 'utf16le', 'utf8');
}
