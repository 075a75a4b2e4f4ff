/** Anthropic's documented estimate: tokens ≈ width × height / 750, after scaling to fit 1568 px on the long edge. */
const MAX_EDGE = 1568;
const PIXELS_PER_TOKEN = 750;
/** When dimensions cannot be read (URL sources, PDFs, unknown formats). */
const FALLBACK_TOKENS = 1600;

/** Width and height from a PNG, GIF or JPEG header, without decoding the image. */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1]!;
      const length = view.getUint16(offset + 2);
      // SOF0..SOF15 except DHT (c4), JPG (c8) and DAC (cc) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
      }
      offset += 2 + length;
    }
  }
  return undefined;
}

export function imageTokens(source: { type: string; data?: string }): number {
  if (source.type !== 'base64' || !source.data) return FALLBACK_TOKENS;
  const head = Buffer.from(source.data.slice(0, 64 * 1024), 'base64');
  const size = imageDimensions(head);
  if (!size || size.width === 0 || size.height === 0) return FALLBACK_TOKENS;
  const scale = Math.min(1, MAX_EDGE / Math.max(size.width, size.height));
  return Math.ceil((size.width * scale * size.height * scale) / PIXELS_PER_TOKEN);
}
