/** Base64 data URIs, the form OpenAI uses for inline images and files. */

export const toDataUri = (mediaType: string, base64Data: string): string => `data:${mediaType};base64,${base64Data}`;

const DATA_URI = /^data:([^;,]+)((?:;[^;,]+)*);base64,/;

/** Returns undefined for URLs that are not base64 data URIs (plain http(s) URLs included). */
export function parseDataUri(uri: string): { mediaType: string; data: string } | undefined {
  const match = DATA_URI.exec(uri);
  if (match === null) return undefined;
  return { mediaType: match[1]!, data: uri.slice(match[0].length) };
}
