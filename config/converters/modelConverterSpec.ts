import { llmGenericTextSpecSchema } from './model/llmGenericText';
import { mathPromptSpecSchema } from './model/mathPrompt';
import { noiseSpecSchema } from './model/noise';
import { persuasionSpecSchema } from './model/persuasion';
import { randomTranslationSpecSchema } from './model/randomTranslation';
import { scientificTranslationSpecSchema } from './model/scientificTranslation';
import { tenseSpecSchema } from './model/tense';
import { toneSpecSchema } from './model/tone';
import { translationSpecSchema } from './model/translation';
import { variationSpecSchema } from './model/variation';

/** The LLM-backed converters: each asks its `converter_target` model to rewrite the prompt. */
export const modelConverterSchemas = [
  llmGenericTextSpecSchema,
  translationSpecSchema,
  randomTranslationSpecSchema,
  tenseSpecSchema,
  toneSpecSchema,
  variationSpecSchema,
  persuasionSpecSchema,
  noiseSpecSchema,
  mathPromptSpecSchema,
  scientificTranslationSpecSchema,
] as const;
