import type { ThinkingConfig } from './types.ts';

/**
 * Thinking switched off: `disabled`, or Claude Sonnet 5.5's `between_tools`, its lowest setting
 * (notes between tool calls only, no thinking up front). No thinking field at all is not "off":
 * the newest models then think by default.
 */
export function isThinkingOff(thinking: ThinkingConfig | undefined): thinking is Extract<ThinkingConfig, { type: 'disabled' | 'between_tools' }> {
  return thinking?.type === 'disabled' || thinking?.type === 'between_tools';
}
