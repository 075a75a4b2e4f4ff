/**
 * A usage field as a token count, or undefined when it is not one. Upstreams send fractions,
 * booleans and negatives in usage often enough (LiteLLM case 19) that each field is checked.
 */
export const toTokenCount = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
