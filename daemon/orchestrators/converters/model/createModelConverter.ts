import type { ConverterSpec } from '../../../../config/converters/converterSpec';
import type { TargetSpecInput } from '../../../../config/targetSpec';
import { InvalidConfigError } from '../../../../domain/errors';
import type { PromptTarget } from '../../targets/promptTarget';
import type { ModelConverter } from '../converter';
import { createLlmGenericTextConverter } from './llmGenericText';
import { createMathPromptConverter } from './mathPrompt';
import { createNoiseConverter } from './noise';
import { createPersuasionConverter } from './persuasion';
import { createRandomTranslationConverter } from './randomTranslation';
import { createScientificTranslationConverter } from './scientificTranslation';
import { createTenseConverter } from './tense';
import { createToneConverter } from './tone';
import { createTranslationConverter } from './translation';
import { createVariationConverter } from './variation';

export interface ModelConverterOptions {
  /**
   * Builds a `converter_target` (the instance's own factory, so it resolves keys the usual way and disposes the
   * client with the instance). Without one, an LLM-backed converter cannot be built.
   */
  readonly createTarget?: (spec: TargetSpecInput, configPath: string) => PromptTarget;
  /** JSON path of this converter in its config. */
  readonly configPath?: string;
}

export type ModelConverterSpec = Extract<ConverterSpec, { converter_target: unknown }>;

export function createModelConverter(spec: ModelConverterSpec, options: ModelConverterOptions): ModelConverter {
  const configPath = options.configPath ?? '$.parameters.prompt_converters';
  if (options.createTarget === undefined) {
    throw new InvalidConfigError(`The ${spec.type} converter needs a model, and nothing here can build one.`, {
      path: configPath,
    });
  }
  const target = options.createTarget(spec.converter_target, `${configPath}.converter_target`);
  switch (spec.type) {
    case 'llm_generic_text':
      return createLlmGenericTextConverter(spec, target);
    case 'translation':
      return createTranslationConverter(spec, target);
    case 'random_translation':
      return createRandomTranslationConverter(spec, target);
    case 'tense':
      return createTenseConverter(spec, target);
    case 'tone':
      return createToneConverter(spec, target);
    case 'variation':
      return createVariationConverter(spec, target);
    case 'persuasion':
      return createPersuasionConverter(spec, target);
    case 'noise':
      return createNoiseConverter(spec, target);
    case 'math_prompt':
      return createMathPromptConverter(spec, target);
    case 'scientific_translation':
      return createScientificTranslationConverter(spec, target);
  }
}
