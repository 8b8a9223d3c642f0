import { z } from 'zod';
import { shippedJailbreakTemplateNames } from './jailbreakTemplates';

export const textJailbreakSpecSchema = z
  .strictObject({
    type: z
      .literal('text_jailbreak')
      .describe('Put the prompt into a jailbreak template (PyRIT TextJailbreakConverter).'),
    template_path: z
      .string()
      .min(1)
      .optional()
      .describe('Your template file: PyRIT YAML (its `value` field) or plain text; relative to the config file.'),
    template_file_name: z
      .enum(shippedJailbreakTemplateNames)
      .optional()
      .describe('One of the benign demonstration templates shipped with ViolentUTF.'),
    string_template: z.string().min(1).optional().describe('The template itself, inline.'),
  })
  .describe('Fills {{ prompt }} in a template with the prompt. Give exactly one of the three template sources.')
  .refine(
    (spec) =>
      [spec.template_path, spec.template_file_name, spec.string_template].filter((source) => source !== undefined)
        .length === 1,
    { message: 'give exactly one of template_path, template_file_name and string_template' },
  )
  .refine((spec) => spec.string_template === undefined || hasPromptSlot(spec.string_template), {
    message: 'string_template must contain {{ prompt }}, where the prompt goes',
    path: ['string_template'],
  });

/** PyRIT's templates are Jinja: `{{ prompt }}`, spaces optional. */
export const promptSlot = /\{\{\s*prompt\s*\}\}/g;

export function hasPromptSlot(template: string): boolean {
  return template.search(promptSlot) >= 0;
}

export type TextJailbreakSpec = z.output<typeof textJailbreakSpecSchema>;
