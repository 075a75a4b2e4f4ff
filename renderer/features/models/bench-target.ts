/**
 * What a benchmark measured, in words: an Ollama model directly, or a model group through the
 * gateway ("via gateway · openai-mock"), so that the two kinds never pass for one another in
 * one table. Also the groups a benchmark can be started on.
 */
import type { BenchResult, ModelEntry } from '../../../gateway/admin/contract.ts';

/** The configured groups, once each and sorted; a wildcard group (`claude-*`) names no one model to send. */
export function benchableGroups(models: readonly ModelEntry[]): string[] {
  return [...new Set(models.flatMap((model) => (model.group === null || model.group.includes('*') ? [] : [model.group])))].sort();
}

/** Null for a direct Ollama benchmark; the deployments that answered when through the gateway. */
export function describeBenchTarget(result: Pick<BenchResult, 'kind' | 'deployments'>): string | null {
  if (result.kind !== 'gateway') return null;
  return result.deployments.length === 0 ? 'via gateway' : `via gateway · ${result.deployments.join(', ')}`;
}

/** A group benchmark sends a warm-up and then one request per run, each a real, charged request. */
export function groupBenchNote(runs: number): string {
  return `Sends ${runs + 1} real requests (a warm-up and ${runs} runs) through the gateway to the group's upstream: they appear in the request log and cost what any request costs (cloud groups are charged).`;
}
