import type { ToolUseBlock } from '../anthropic/types.ts';
import { restoreToolName, type ToolNameMap } from '../shared/tool-name-map.ts';
import { fallbackToolUseId, normalizeToolCallId } from './normalize-tool-call-id.ts';

export interface ToolUseContext {
  messageId: string;
  toolNames: ToolNameMap;
}

/** An OpenAI tool call as a tool_use block: clean id, the name the client declared. */
export function createToolUseBlock(
  toolCall: { id?: string | undefined; name?: string | undefined },
  input: Record<string, unknown>,
  context: ToolUseContext,
  position: number,
): ToolUseBlock {
  const { id, signature } = toolCall.id ? normalizeToolCallId(toolCall.id) : { id: fallbackToolUseId(context.messageId, position), signature: undefined };
  const block: ToolUseBlock = { type: 'tool_use', id, name: restoreToolName(context.toolNames, toolCall.name ?? ''), input };
  if (signature !== undefined) block.provider_specific_fields = { signature };
  return block;
}
