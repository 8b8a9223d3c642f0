import type { LlmGenericTextSpec } from '../../../../config/converters/model/llmGenericText';
import type { PromptTarget } from '../../targets/promptTarget';
import type { ModelConverter } from '../converter';
import { modelConverter } from './modelConverter';

export function createLlmGenericTextConverter(spec: LlmGenericTextSpec, target: PromptTarget): ModelConverter {
  const template = spec.user_prompt_template;
  return modelConverter(target, {
    className: 'LLMGenericTextConverter',
    moduleName: 'llm_generic_text_converter',
    systemPrompt: spec.system_prompt,
    userMessage:
      template === undefined ? undefined : (text) => template.replace(/\{\{\s*objective\s*\}\}/g, () => text),
  });
}
