/**
 * vLLM tool-call and reasoning parsers per model family. Names as accepted by
 * `vllm serve --tool-call-parser/--reasoning-parser` (vLLM docs "Tool Calling" and
 * "Reasoning Outputs"; the vLLM GLM-4.5 blog post uses `glm45` for both).
 * SERA's own launch scripts (SERA-PIPELINE-FACTS §10) serve GLM with the glm45 tool
 * parser and NO reasoning parser, and the Qwen3 students with hermes and no reasoning
 * parser, because the trajectory postprocessing expects <think>…</think> inside
 * `content`. So templates default to `reasoning: 'inline'` and only add the reasoning
 * parser when asked (`reasoning: 'parse'`).
 */
export interface ModelParsers {
  family: string;
  toolCallParser: string;
  /** undefined: the family has no separate reasoning channel. */
  reasoningParser?: string;
}

const TABLE: { test: RegExp; parsers: ModelParsers }[] = [
  { test: /glm-?4\.[56]/i, parsers: { family: 'glm-4.5/4.6', toolCallParser: 'glm45', reasoningParser: 'glm45' } },
  { test: /qwen3[-_.]?coder/i, parsers: { family: 'qwen3-coder', toolCallParser: 'qwen3_coder' } },
  // SERA students are Qwen3 fine-tunes ("allenai/SERA-32B"), so they share Qwen3's parsers
  { test: /qwen3|sera-/i, parsers: { family: 'qwen3', toolCallParser: 'hermes', reasoningParser: 'qwen3' } },
  { test: /qwen2\.5/i, parsers: { family: 'qwen2.5', toolCallParser: 'hermes' } },
];

/** Parsers for a model id/path; unknown models fall back to hermes (Qwen-style tool calls). */
export function parsersForModel(model: string): ModelParsers {
  return TABLE.find((t) => t.test.test(model))?.parsers ?? { family: 'unknown', toolCallParser: 'hermes' };
}
