export { orchestratorConfigSchema, type OrchestratorConfig, type OrchestratorConfigInput } from './orchestratorConfig';
export { configInputSchema, type ConfigInput } from './configInput';
export {
  promptSendingParametersSchema,
  type PromptSendingParameters,
  type PromptSendingParametersInput,
} from './promptSendingParameters';
export {
  isOrchestratorType,
  orchestratorTypeDefinitions,
  orchestratorTypes,
  parametersSchemaFor,
  type OrchestratorType,
  type OrchestratorTypeInfo,
} from './orchestratorTypes';
export {
  validateConfig,
  validateParameters,
  type OrchestratorParameters,
  type ValidateOptions,
} from './validateConfig';
export type { ConfigIssue } from './configIssue';
export { formatJsonPath, type PathSegment } from './jsonPath';
export { loadConfigFile, type LoadedConfigFile } from './loadConfigFile';
export { resolveInput } from './resolveInput';
export { loadDataset } from './datasets/loadDataset';
export { datasetLimits, type DatasetLimits } from './datasets/datasetLimits';
export type { LoadedDataset, LoadedPrompt, PromptDataType, PromptMetadata } from './datasets/loadedPrompt';
export { configJsonSchema, configJsonSchemaText, inlineConfigJsonSchema, writeConfigSchema } from './configJsonSchema';
export type { SourcePosition } from './textPosition';
