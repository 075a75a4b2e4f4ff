import type { AnthropicMessagesRequest } from './types.ts';
import { adaptThinkingToModel } from './adapt-thinking-to-model.ts';
import { dropThinkingMidToolLoop } from './drop-thinking-mid-tool-loop.ts';
import { fitSamplingToThinking } from './fit-sampling-to-thinking.ts';
import { rejectPrefill } from './reject-prefill.ts';
import { relaxForcedToolChoice } from './relax-forced-tool-choice.ts';

/**
 * A request chosen for another model (an OpenAI client's, or an Anthropic client's sent to
 * another Claude than it named) made one `model` accepts, by claude-model-rules.ts: thinking and
 * effort first, since the tool-loop and sampling rules depend on the thinking sent. The same
 * object when nothing needs to change.
 */
export function fitRequestToClaudeModel(request: AnthropicMessagesRequest, model: string): AnthropicMessagesRequest {
  const thinking = dropThinkingMidToolLoop(adaptThinkingToModel(rejectPrefill(request, model), model));
  return fitSamplingToThinking(relaxForcedToolChoice(thinking, model), model);
}
