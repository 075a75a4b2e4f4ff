import type { TextBlock } from '../anthropic/types.ts';

const BILLING_HEADER_PREFIX = 'x-anthropic-billing-header:';

/**
 * Claude Code's first system block is per-request billing metadata for Anthropic. It is no
 * instruction, and since it changes between requests it would defeat the upstream's prefix cache.
 */
export function isClaudeCodeBillingHeader(block: TextBlock): boolean {
  return block.text.startsWith(BILLING_HEADER_PREFIX);
}
