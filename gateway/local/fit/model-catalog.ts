/**
 * Models worth running locally behind Claude Code, with their shapes (from the GGUF metadata
 * Ollama shows) and download sizes per quantization (from the Ollama library pages, in
 * decimal GB as published). Enough to say "fits your machine" before anything is pulled;
 * once a model is pulled, its real /api/show data replaces this.
 */
import type { ModelShape } from './estimate-fit.ts';

export interface CatalogQuantization {
  quantization: string;
  /** The Ollama tag that pulls this quantization. */
  tag: string;
  sizeBytes: number;
}

export interface CatalogModel {
  family: string;
  description: string;
  parameterSize: string;
  parameterCount: number;
  shape: Omit<ModelShape, 'weightsBytes'>;
  /** Best quality first; the first one that fits is recommended. */
  quantizations: CatalogQuantization[];
}

const GB = 1e9;

function entry(
  family: string,
  description: string,
  parameterSize: string,
  parameterCount: number,
  [layers, kvHeads, headDim, maxContext, vocabSize]: [number, number, number, number, number],
  quantizations: Array<[string, string, number]>,
): CatalogModel {
  return {
    family,
    description,
    parameterSize,
    parameterCount,
    shape: { layers, kvHeads, headDim, maxContext, vocabSize },
    quantizations: quantizations.map(([quantization, tag, sizeGb]) => ({ quantization, tag, sizeBytes: sizeGb * GB })),
  };
}

export const MODEL_CATALOG: readonly CatalogModel[] = [
  entry('qwen3-coder', 'Qwen3-Coder 30B-A3B: agentic coding, a mixture of experts that is fast for its size.', '30.5B', 30.5e9,
    [48, 4, 128, 262_144, 151_936], [['Q8_0', 'qwen3-coder:30b-a3b-q8_0', 32], ['Q4_K_M', 'qwen3-coder:30b', 19]]),
  entry('qwen3', 'Qwen3 4B: small general model with thinking; good for background requests.', '4B', 4.0e9,
    [36, 8, 128, 40_960, 151_936], [['Q8_0', 'qwen3:4b-q8_0', 4.4], ['Q4_K_M', 'qwen3:4b', 2.5]]),
  entry('qwen3', 'Qwen3 8B: general model with thinking and tool use.', '8.2B', 8.2e9,
    [36, 8, 128, 40_960, 151_936], [['Q8_0', 'qwen3:8b-q8_0', 8.9], ['Q4_K_M', 'qwen3:8b', 5.2]]),
  entry('qwen3', 'Qwen3 14B: stronger reasoning and tool use.', '14.8B', 14.8e9,
    [40, 8, 128, 40_960, 151_936], [['Q8_0', 'qwen3:14b-q8_0', 16], ['Q4_K_M', 'qwen3:14b', 9.3]]),
  entry('qwen3', 'Qwen3 30B-A3B: mixture of experts, quick on CPU offload.', '30.5B', 30.5e9,
    [48, 4, 128, 262_144, 151_936], [['Q8_0', 'qwen3:30b-a3b-q8_0', 32], ['Q4_K_M', 'qwen3:30b', 19]]),
  entry('qwen3', 'Qwen3 32B: the strongest dense Qwen3.', '32.8B', 32.8e9,
    [64, 8, 128, 40_960, 151_936], [['Q8_0', 'qwen3:32b-q8_0', 35], ['Q4_K_M', 'qwen3:32b', 20]]),
  entry('gpt-oss', 'gpt-oss 20B: OpenAI open-weight reasoning model with tool use (MXFP4).', '20.9B', 20.9e9,
    [24, 8, 64, 131_072, 201_088], [['MXFP4', 'gpt-oss:20b', 14]]),
  entry('gpt-oss', 'gpt-oss 120B: large reasoning model for workstations (MXFP4).', '116.8B', 116.8e9,
    [36, 8, 64, 131_072, 201_088], [['MXFP4', 'gpt-oss:120b', 65]]),
  entry('devstral', 'Devstral 24B: Mistral\'s software-engineering agent model.', '23.6B', 23.6e9,
    [40, 8, 128, 131_072, 131_072], [['Q8_0', 'devstral:24b-small-2505-q8_0', 25], ['Q4_K_M', 'devstral:24b', 14]]),
  entry('deepseek-r1', 'DeepSeek-R1 distilled into Qwen 7B: step-by-step reasoning.', '7.6B', 7.6e9,
    [28, 4, 128, 131_072, 152_064], [['Q8_0', 'deepseek-r1:7b-qwen-distill-q8_0', 8.1], ['Q4_K_M', 'deepseek-r1:7b', 4.7]]),
  entry('deepseek-r1', 'DeepSeek-R1-0528 distilled into Qwen3 8B.', '8.2B', 8.2e9,
    [36, 8, 128, 131_072, 151_936], [['Q8_0', 'deepseek-r1:8b-0528-qwen3-q8_0', 8.9], ['Q4_K_M', 'deepseek-r1:8b', 5.2]]),
  entry('deepseek-r1', 'DeepSeek-R1 distilled into Qwen 14B.', '14.8B', 14.8e9,
    [48, 8, 128, 131_072, 152_064], [['Q8_0', 'deepseek-r1:14b-qwen-distill-q8_0', 16], ['Q4_K_M', 'deepseek-r1:14b', 9]]),
  entry('deepseek-r1', 'DeepSeek-R1 distilled into Qwen 32B.', '32.8B', 32.8e9,
    [64, 8, 128, 131_072, 152_064], [['Q8_0', 'deepseek-r1:32b-qwen-distill-q8_0', 35], ['Q4_K_M', 'deepseek-r1:32b', 20]]),
  entry('llama3.2', 'Llama 3.2 3B: tiny and fast, fine for titles and summaries.', '3.2B', 3.2e9,
    [28, 8, 128, 131_072, 128_256], [['Q8_0', 'llama3.2:3b-instruct-q8_0', 3.4], ['Q4_K_M', 'llama3.2:3b', 2]]),
  entry('llama3.1', 'Llama 3.1 8B: dependable general model with tool use.', '8.0B', 8.0e9,
    [32, 8, 128, 131_072, 128_256], [['Q8_0', 'llama3.1:8b-instruct-q8_0', 8.5], ['Q4_K_M', 'llama3.1:8b', 4.9]]),
  entry('gemma3', 'Gemma 3 4B: small multimodal model.', '4.3B', 4.3e9,
    [34, 4, 256, 131_072, 262_144], [['Q8_0', 'gemma3:4b-it-q8_0', 5], ['Q4_K_M', 'gemma3:4b', 3.3]]),
  entry('gemma3', 'Gemma 3 12B: multimodal, strong for its size.', '12.2B', 12.2e9,
    [48, 8, 256, 131_072, 262_144], [['Q8_0', 'gemma3:12b-it-q8_0', 13], ['Q4_K_M', 'gemma3:12b', 8.1]]),
  entry('gemma3', 'Gemma 3 27B: Google\'s largest Gemma 3.', '27.4B', 27.4e9,
    [62, 16, 128, 131_072, 262_144], [['Q8_0', 'gemma3:27b-it-q8_0', 30], ['Q4_K_M', 'gemma3:27b', 17]]),
];
