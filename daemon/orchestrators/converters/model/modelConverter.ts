import type { PromptTarget } from '../../targets/promptTarget';
import { pyritConverterIdentifier, type ModelConverter } from '../converter';
import { askModel } from './askModel';

export interface ModelRewrite {
  readonly className: string;
  readonly moduleName: string;
  readonly systemPrompt: string;
  /** What the model is sent for a prompt; the prompt itself by default. */
  readonly userMessage?: (text: string) => string;
  /** Turns the trimmed reply into the converted prompt; throws ConversionError for one it cannot use. */
  readonly readReply?: (reply: string) => string;
}

/** An LLM-backed converter from its prompts: what most of PyRIT's are (LLMGenericTextConverter underneath). */
export function modelConverter(target: PromptTarget, rewrite: ModelRewrite): ModelConverter {
  return {
    identifier: pyritConverterIdentifier(rewrite.className, rewrite.moduleName),
    needsModel: true,
    convertWithModel: async (text, signal) => {
      const reply = await askModel(target, {
        className: rewrite.className,
        systemPrompt: rewrite.systemPrompt,
        userMessage: rewrite.userMessage?.(text) ?? text,
        signal,
      });
      return rewrite.readReply?.(reply) ?? reply;
    },
  };
}
