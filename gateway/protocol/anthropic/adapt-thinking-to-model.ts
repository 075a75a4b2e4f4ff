import type { AnthropicMessagesRequest, ThinkingConfig } from './types.ts';
import { mapThinkingToReasoningEffort } from '../anthropic-to-openai/map-thinking-to-reasoning-effort.ts';
import { mapReasoningEffortToThinking } from '../openai-to-anthropic/map-reasoning-effort-to-thinking.ts';
import { withoutThinking } from './without-thinking.ts';
import { isThinkingOff } from './is-thinking-off.ts';
import { claudeModelRules, effortWithThinkingOff, isLadderEffort, nearestEffort, type ClaudeModelRules } from './claude-model-rules.ts';

/*
 * The thinking a request asks for, in the form the Claude model it goes to accepts (see
 * claude-model-rules.ts for the rules and their sources). An OpenAI client's reasoning effort
 * arrives as a budget, which Claude 4.7 and later refuse: it goes as adaptive thinking at the
 * effort the budget stands for (OpenAI's xhigh and max included, where the model takes them).
 * "No reasoning" arrives as `disabled`, which the always-thinking models refuse: there thinking
 * is left out and the effort set to the lowest, as Anthropic advises, and Sonnet 5.5 gets its
 * `between_tools`. Adaptive thinking sent to Claude 4.5 or earlier (an Anthropic client's
 * request for a newer Claude, mapped to an older one) goes as the budget its effort stands for.
 * An effort the model does not take becomes the nearest one below it, and is left out for
 * models that take none. Claude
 * Code and other Anthropic clients choose their own thinking for the model they name; only
 * translated requests and requests sent to another model than named are adapted.
 */

/** A budget as adaptive thinking at the effort it stands for, for a model that refuses budgets. */
function asAdaptive(request: AnthropicMessagesRequest, thinking: Extract<ThinkingConfig, { type: 'enabled' }>, rules: ClaudeModelRules): AnthropicMessagesRequest {
  // The budget's effort by the same buckets an OpenAI upstream's reasoning_effort is chosen by.
  const effort = mapThinkingToReasoningEffort(thinking, undefined, 'max');
  return {
    ...request,
    thinking: { type: 'adaptive' },
    output_config: { effort: nearestEffort(rules, isLadderEffort(effort) ? effort : 'low'), ...request.output_config },
  };
}

/**
 * Adaptive thinking as a budget, for a model from before adaptive thinking: the effort asked for
 * (Anthropic's default, high, when none) sized as an OpenAI client's reasoning effort is, and
 * below max_tokens; left off when max_tokens leaves no room for the smallest budget.
 */
function asBudget(request: AnthropicMessagesRequest): AnthropicMessagesRequest {
  const effort = mapThinkingToReasoningEffort({ type: 'adaptive' }, request.output_config?.effort ?? 'high', 'max');
  const thinking = mapReasoningEffortToThinking(effort, request.max_tokens);
  return thinking === undefined ? withoutThinking(request) : { ...request, thinking };
}

/** Thinking off in the way the model accepts: `disabled`, else `between_tools`, else the lowest effort. */
function asOff(request: AnthropicMessagesRequest, rules: ClaudeModelRules): AnthropicMessagesRequest {
  const { thinking: _off, ...rest } = request;
  if (rules.thinkingTypes.has('disabled')) return { ...rest, thinking: { type: 'disabled' } };
  if (rules.thinkingTypes.has('between_tools')) return { ...rest, thinking: { type: 'between_tools' } };
  return { ...rest, output_config: { effort: 'low', ...request.output_config } };
}

/** The effort the model takes nearest the one asked for, within what its thinking setting allows. */
function fitEffort(request: AnthropicMessagesRequest, rules: ClaudeModelRules): AnthropicMessagesRequest {
  const effort = request.output_config?.effort;
  if (!isLadderEffort(effort)) return request;
  if (rules.efforts?.length === 0) return withoutEffort(request);
  const allowed = isThinkingOff(request.thinking) ? effortWithThinkingOff(rules, effort) : effort;
  const fitted = nearestEffort(rules, allowed);
  return fitted === effort ? request : { ...request, output_config: { ...request.output_config, effort: fitted } };
}

function withoutEffort(request: AnthropicMessagesRequest): AnthropicMessagesRequest {
  const { output_config: { effort: _effort, ...outputConfig } = {}, ...rest } = request;
  return Object.keys(outputConfig).length === 0 ? rest : { ...rest, output_config: outputConfig };
}

/** The request with thinking and effort the model accepts; the same object when it already does. */
export function adaptThinkingToModel(request: AnthropicMessagesRequest, model: string): AnthropicMessagesRequest {
  const rules = claudeModelRules(model);
  if (rules === undefined) return request;
  const thinking = request.thinking;
  if (thinking?.type === 'enabled' && !rules.thinkingTypes.has('enabled') && rules.thinkingTypes.has('adaptive')) return fitEffort(asAdaptive(request, thinking, rules), rules);
  if (thinking?.type === 'adaptive' && !rules.thinkingTypes.has('adaptive') && rules.thinkingTypes.has('enabled')) return fitEffort(asBudget(request), rules);
  if (thinking !== undefined && isThinkingOff(thinking) && !rules.thinkingTypes.has(thinking.type)) return fitEffort(asOff(request, rules), rules);
  return fitEffort(request, rules);
}
