/**
 * Fit for a model Ollama already has: its real file size from /api/tags and its shape from
 * /api/show, falling back to the catalog when /api/show lacks the GGUF keys. Also the one-step
 * "expose as a deployment", with num_ctx chosen for this machine.
 */
import type { DeploymentConfig } from '../../config/schema.ts';
import { GatewayError } from '../../errors/index.ts';
import type { HardwareSnapshot } from '../hardware/hardware-types.ts';
import type { OllamaClient } from '../ollama/ollama-client.ts';
import { deploymentFromModel } from '../ollama/deployment-from-model.ts';
import { CLAUDE_CODE_MIN_CONTEXT, estimateFit, recommendContext, type FitEstimate, type FitOptions, type ModelShape } from './estimate-fit.ts';
import { MODEL_CATALOG } from './model-catalog.ts';
import { budgetFromHardware, shapeFromShow } from './model-shape.ts';

export interface InstalledModelFit {
  model: string;
  shape: ModelShape;
  estimate: FitEstimate;
  /** The num_ctx to configure on this machine. */
  recommendedContext: number;
}

function catalogShape(model: string, sizeBytes: number): ModelShape | null {
  const entry = MODEL_CATALOG.find((candidate) => candidate.quantizations.some((quantization) => quantization.tag === model));
  return entry ? { ...entry.shape, weightsBytes: sizeBytes } : null;
}

/** @param context defaults to the recommended context, so the verdict describes what would be configured. */
export async function fitInstalledModel(client: OllamaClient, hardware: HardwareSnapshot, model: string, context?: number, options: FitOptions = {}): Promise<InstalledModelFit> {
  const [show, models] = await Promise.all([client.show(model), client.listModels()]);
  const sizeBytes = models.find((entry) => entry.name === model || entry.name === `${model}:latest`)?.sizeBytes;
  const shape = shapeFromShow(show, sizeBytes) ?? (sizeBytes === undefined ? null : catalogShape(model, sizeBytes));
  if (shape === null) {
    throw new GatewayError('provider_bad_response', 502, `Ollama does not report the layer and attention sizes of ${model}, so its memory needs cannot be estimated.`);
  }
  const budget = budgetFromHardware(hardware);
  const recommendedContext = recommendContext(shape, budget, options);
  return { model, shape, estimate: estimateFit(shape, context ?? recommendedContext, budget, options), recommendedContext };
}

export interface ExposeModelOptions {
  modelName?: string;
  route?: string;
  /** A context the user chose; otherwise the recommended one. */
  numCtx?: number;
}

export async function deploymentForInstalledModel(client: OllamaClient, hardware: HardwareSnapshot, model: string, options: ExposeModelOptions = {}): Promise<DeploymentConfig> {
  let numCtx = options.numCtx;
  if (numCtx === undefined) {
    // A model whose shape is unknown still gets a context Claude Code can work with.
    numCtx = await fitInstalledModel(client, hardware, model).then((fit) => fit.recommendedContext, () => CLAUDE_CODE_MIN_CONTEXT);
  }
  return deploymentFromModel({ model, apiBase: client.baseUrl, numCtx, modelName: options.modelName, route: options.route });
}
