import { sha256Hex } from '../shared/sha256.ts';
import type { ToolNameMap } from '../shared/tool-name-map.ts';

/** OpenAI's function-name rule; most OpenAI-compatible servers enforce the same. */
const VALID_OPENAI_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const INVALID_CHARACTERS = /[^a-zA-Z0-9_-]/g;
export const BLANK_TOOL_NAME_PLACEHOLDER = 'unnamed_tool';

/**
 * LiteLLM's scheme, so names match across both gateways: 55 characters of the name, "_", and
 * 8 hex characters of the SHA-256 of the original, which keeps distinct names distinct.
 */
export const shortenToolName = (name: string): string => `${name.replace(INVALID_CHARACTERS, '_').slice(0, 55)}_${sha256Hex(name).slice(0, 8)}`;

export interface ToolNameEncoder {
  encode(name: string | null | undefined): string;
  /** Every name encode() changed, for restoring them in the response. */
  readonly toolNames: ToolNameMap;
}

export function createToolNameEncoder(): ToolNameEncoder {
  const toolNames = new Map<string, string>();
  return {
    toolNames,
    encode(name) {
      const original = name ?? '';
      if (VALID_OPENAI_TOOL_NAME.test(original)) return original;
      const encoded = original.trim() === '' ? BLANK_TOOL_NAME_PLACEHOLDER : shortenToolName(original);
      toolNames.set(encoded, original);
      return encoded;
    },
  };
}
