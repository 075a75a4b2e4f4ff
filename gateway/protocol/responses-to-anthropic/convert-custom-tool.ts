import type { OpenAIFunctionTool } from '../openai/types.ts';
import type { ResponsesCustomTool } from '../responses/types.ts';

/** The one property a custom tool's canonical input has; the answer's converters read it back. */
export const CUSTOM_TOOL_INPUT = 'input';

const RAW_TEXT = `The tool's raw text input, exactly as the tool reads it: not wrapped in JSON, not quoted.`;

function formatNote(format: ResponsesCustomTool['format']): string {
  const note = `Pass the tool's raw text as \`${CUSTOM_TOOL_INPUT}\`, exactly as the tool reads it (not wrapped in JSON).`;
  if (format?.type !== 'grammar') return `${note} It is free text.`;
  return `${note} It must follow this ${format.syntax} grammar:\n${format.definition}`;
}

/**
 * A custom (freeform) tool — Codex CLI declares apply_patch this way — as a function taking one
 * string. No other vendor constrains output to a grammar, so the grammar travels in the
 * description instead (the model then knows the patch format); the answer's converters unwrap
 * the string back into the custom_tool_call's raw `input`.
 */
export function customToolAsFunction(tool: ResponsesCustomTool): OpenAIFunctionTool {
  const note = formatNote(tool.format);
  return {
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description ? `${tool.description}\n\n${note}` : note,
      parameters: {
        type: 'object',
        properties: { [CUSTOM_TOOL_INPUT]: { type: 'string', description: RAW_TEXT } },
        required: [CUSTOM_TOOL_INPUT],
        additionalProperties: false,
      },
    },
  };
}
