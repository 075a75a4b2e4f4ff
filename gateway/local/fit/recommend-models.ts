/**
 * "What fits this machine": for each catalog model, the best quantization that runs fully
 * on the GPU at a context Claude Code can live with, else the smallest one and where it would run.
 */
import { CLAUDE_CODE_MIN_CONTEXT } from '../../claude-code/minimum-context.ts';
import { estimateFit, recommendContext, type FitEstimate, type FitOptions, type FitVerdict, type MemoryBudget } from './estimate-fit.ts';
import { MODEL_CATALOG, type CatalogModel } from './model-catalog.ts';

export interface Recommendation {
  /** The Ollama tag to pull. */
  name: string;
  family: string;
  description: string;
  parameterSize: string;
  quantization: string;
  sizeBytes: number;
  /** The num_ctx this machine can give the model. */
  contextLength: number;
  maxContext: number;
  fit: FitVerdict;
  estimate: FitEstimate;
}

const VERDICT_RANK: Record<FitVerdict, number> = { gpu: 0, partial: 1, cpu: 2, no: 3 };

function recommendOne(model: CatalogModel, budget: MemoryBudget, options: FitOptions): Recommendation {
  const judged = model.quantizations.map((quantization) => {
    const shape = { ...model.shape, weightsBytes: quantization.sizeBytes };
    const context = Math.min(model.shape.maxContext, CLAUDE_CODE_MIN_CONTEXT);
    return { quantization, shape, estimate: estimateFit(shape, context, budget, options) };
  });
  const chosen = judged.find((candidate) => candidate.estimate.verdict === 'gpu') ?? judged[judged.length - 1]!;
  return {
    name: chosen.quantization.tag,
    family: model.family,
    description: model.description,
    parameterSize: model.parameterSize,
    quantization: chosen.quantization.quantization,
    sizeBytes: chosen.quantization.sizeBytes,
    contextLength: recommendContext(chosen.shape, budget, options),
    maxContext: model.shape.maxContext,
    fit: chosen.estimate.verdict,
    estimate: chosen.estimate,
  };
}

/**
 * Best runnable first: GPU fits, then partial offload, then CPU, then what does not fit. On the
 * GPU the larger model is the better pick; off it, speed falls with size, so smaller comes first.
 */
export function recommendModels(budget: MemoryBudget, options: FitOptions = {}, catalog: readonly CatalogModel[] = MODEL_CATALOG): Recommendation[] {
  return catalog
    .map((model) => ({ model, recommendation: recommendOne(model, budget, options) }))
    .sort((left, right) =>
      VERDICT_RANK[left.recommendation.fit] - VERDICT_RANK[right.recommendation.fit]
      || (left.recommendation.fit === 'gpu' ? right.model.parameterCount - left.model.parameterCount : left.model.parameterCount - right.model.parameterCount))
    .map(({ recommendation }) => recommendation);
}
