export { parsersForModel, type ModelParsers } from './model-parsers';
export { vllmServeArgv, vllmStartAndWait, type VllmServeOptions } from './vllm-serve';
export { WORKER_TOKEN_ENV, type PayloadBase } from './common';
export { svgGenerationJob, type SvgGenerationPayload, type TeacherSource } from './svg-generation';
export { axolotlSftJob, type AxolotlSftPayload } from './axolotl-sft';
export { evaluationJob, type EvaluationPayload } from './evaluation';
export { modelServingJob, type ModelServingPayload } from './model-serving';
