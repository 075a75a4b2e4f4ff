/**
 * Response shapes of Ollama's model-management endpoints (/api/tags, /api/ps, /api/show,
 * /api/pull, /api/version). Chat types live in gateway/protocol/ollama/types.ts.
 * Every field Ollama marks `omitempty` is optional here, so callers must handle its absence.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 */

export interface OllamaModelDetails {
  format?: string;
  family?: string;
  families?: string[] | null;
  parameter_size?: string;
  quantization_level?: string;
  parent_model?: string;
}

export interface OllamaTagsModel {
  name: string;
  model: string;
  modified_at?: string;
  size: number;
  digest?: string;
  details?: OllamaModelDetails;
}

export interface OllamaPsModel extends OllamaTagsModel {
  expires_at?: string;
  size_vram?: number;
  context_length?: number;
}

export interface OllamaShowResponse {
  details?: OllamaModelDetails;
  capabilities?: string[];
  template?: string;
  parameters?: string;
  modelfile?: string;
  /** GGUF metadata: `general.parameter_count`, `<arch>.block_count`, `<arch>.attention.head_count_kv`, ... */
  model_info?: Record<string, unknown>;
}

export interface OllamaPullLine {
  status?: string;
  digest?: string;
  total?: number;
  completed?: number;
  error?: string;
}
