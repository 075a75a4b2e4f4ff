import type { OpenAIFunctionTool } from '../openai/types.ts';

/** The one property a custom tool's canonical input has; the answer's converters read it back. */
export const CUSTOM_TOOL_INPUT = 'input';

/** A custom (freeform) tool as both OpenAI APIs declare it, the grammar (if any) taken out of their different `format` shapes. */
export interface CustomToolDefinition {
  name: string;
  description?: string | null;
  grammar?: { syntax: string; definition: string };
}

const RAW_TEXT = `The tool's raw text input, exactly as the tool reads it: not wrapped in JSON, not quoted.`;

function formatNote(grammar: CustomToolDefinition['grammar']): string {
  const note = `Pass the tool's raw text as \`${CUSTOM_TOOL_INPUT}\`, exactly as the tool reads it (not wrapped in JSON).`;
  if (grammar === undefined) return `${note} It is free text.`;
  return `${note} It must follow this ${grammar.syntax} grammar:\n${grammar.definition}`;
}

/**
 * A custom (freeform) tool — Codex CLI declares apply_patch this way — as a function taking one
 * string. No other vendor constrains output to a grammar, so the grammar travels in the
 * description instead (the model then knows the patch format); the answer's converters unwrap
 * the string back into the custom tool call's raw `input`.
 */
export function customToolAsFunction(tool: CustomToolDefinition): OpenAIFunctionTool {
  const note = formatNote(tool.grammar);
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
