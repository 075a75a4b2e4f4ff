import { isAscii, isUtf8 } from 'node:buffer';

const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
/** Past this share of non-ASCII bytes the escaped text grows enough that the plain decode wins. */
const MAX_NON_ASCII_SHARE = 1 / 16;

/**
 * JSON.parse of UTF-8 bytes, for request bodies. Claude Code sends ~85 KB bodies with a few
 * hundred non-ASCII bytes (dashes, arrows, ellipses in its prompt and tool descriptions). V8
 * decodes such mixed text at ~3 ns a byte into a two-byte string that, past 64k characters,
 * lands in large-object space: ~300 µs before the parse starts. Non-ASCII can only stand inside
 * JSON strings, where `\uXXXX` means the same character, so the body is rewritten as ASCII with
 * those characters escaped and read as latin1 (8 µs): the parsed value is identical, in about
 * half the time. Bodies that are not valid UTF-8, mostly non-ASCII, or with a backslash
 * right before a non-ASCII character take the plain decode, so every result and every error
 * is exactly what JSON.parse(bytes.toString('utf8')) gives.
 */
export function parseJsonBytes(bytes: Buffer): unknown {
  if (isAscii(bytes)) return JSON.parse(bytes.toString('latin1'));
  const ascii = isUtf8(bytes) ? escapedAsciiText(bytes) : undefined;
  if (ascii === undefined) return JSON.parse(bytes.toString('utf8'));
  try {
    return JSON.parse(ascii);
  } catch {
    // The message and position must describe the client's text, not the escaped one.
    return JSON.parse(bytes.toString('utf8'));
  }
}

/** The bytes (valid UTF-8) with every non-ASCII character as a `\uXXXX` escape, or undefined where that would not be exact or not pay. */
export function escapedAsciiText(bytes: Buffer): string | undefined {
  const length = bytes.length;
  const budget = Math.floor(length * MAX_NON_ASCII_SHARE);
  // Each non-ASCII byte becomes at most 3 output bytes (a 2-byte sequence: one 6-byte escape).
  const out = Buffer.allocUnsafe(length + 2 * budget);
  let written = 0;
  let copiedUpTo = 0;
  let nonAscii = 0;
  const scanner = new NonAsciiScanner(bytes);
  let index = scanner.next(0);
  while (index < length) {
    if (index > 0 && bytes[index - 1] === BACKSLASH) return undefined;
    written += bytes.copy(out, written, copiedUpTo, index);
    const lead = bytes[index]!;
    let codePoint: number;
    let size: number;
    if (lead < 0xe0) {
      codePoint = ((lead & 0x1f) << 6) | (bytes[index + 1]! & 0x3f);
      size = 2;
    } else if (lead < 0xf0) {
      codePoint = ((lead & 0x0f) << 12) | ((bytes[index + 1]! & 0x3f) << 6) | (bytes[index + 2]! & 0x3f);
      size = 3;
    } else {
      codePoint = ((lead & 0x07) << 18) | ((bytes[index + 1]! & 0x3f) << 12) | ((bytes[index + 2]! & 0x3f) << 6) | (bytes[index + 3]! & 0x3f);
      size = 4;
    }
    nonAscii += size;
    if (nonAscii > budget) return undefined;
    if (codePoint < 0x10000) written = writeEscape(out, written, codePoint);
    else {
      const offset = codePoint - 0x10000;
      written = writeEscape(out, writeEscape(out, written, 0xd800 | (offset >> 10)), 0xdc00 | (offset & 0x3ff));
    }
    index += size;
    copiedUpTo = index;
    index = scanner.next(index);
  }
  written += bytes.copy(out, written, copiedUpTo, length);
  return out.toString('latin1', 0, written);
}

function writeEscape(out: Buffer, at: number, unit: number): number {
  out[at] = BACKSLASH;
  out[at + 1] = LETTER_U;
  out[at + 2] = HEX_DIGITS[unit >> 12]!;
  out[at + 3] = HEX_DIGITS[(unit >> 8) & 15]!;
  out[at + 4] = HEX_DIGITS[(unit >> 4) & 15]!;
  out[at + 5] = HEX_DIGITS[unit & 15]!;
  return at + 6;
}

/** Finds bytes ≥ 0x80, four bytes a step over the part of the buffer aligned for a Uint32Array. */
class NonAsciiScanner {
  readonly #bytes: Buffer;
  readonly #alignedStart: number;
  readonly #words: Uint32Array;

  constructor(bytes: Buffer) {
    this.#bytes = bytes;
    this.#alignedStart = Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3);
    this.#words = new Uint32Array(bytes.buffer, bytes.byteOffset + this.#alignedStart, (bytes.length - this.#alignedStart) >>> 2);
  }

  /** The index of the first non-ASCII byte from `from` on, or the length. */
  next(from: number): number {
    const bytes = this.#bytes;
    const length = bytes.length;
    let index = from;
    while (index < length && (index < this.#alignedStart || ((index - this.#alignedStart) & 3) !== 0)) {
      if (bytes[index]! >= 0x80) return index;
      index += 1;
    }
    const words = this.#words;
    let word = (index - this.#alignedStart) >>> 2;
    while (word < words.length && (words[word]! & 0x80808080) === 0) word += 1;
    index = Math.max(index, this.#alignedStart + (word << 2));
    while (index < length && bytes[index]! < 0x80) index += 1;
    return index;
  }
}
