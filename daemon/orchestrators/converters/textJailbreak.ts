import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { hasPromptSlot, promptSlot, type TextJailbreakSpec } from '../../../config/converters/textJailbreak';
import { shippedJailbreakTemplates } from '../../../config/converters/jailbreakTemplates';
import { InvalidConfigError } from '../../../domain/errors';
import { pyritConverterIdentifier, type Converter } from './converter';

/** A template is a page of text; a file much bigger than this is the wrong file. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

function templateProblem(configPath: string, message: string): InvalidConfigError {
  return new InvalidConfigError(message, { path: `${configPath}.template_path` });
}

/** PyRIT's jailbreak YAML keeps the template in `value`; any other file is the template as it is. */
function readTemplate(file: string, configPath: string): string {
  let text: string;
  try {
    if (statSync(file).size > MAX_TEMPLATE_BYTES) {
      throw templateProblem(configPath, `Jailbreak template ${file} is over 1 MiB; is it the right file?`);
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InvalidConfigError) throw error;
    throw templateProblem(configPath, `Cannot read the jailbreak template ${file}: ${(error as Error).message}`);
  }
  if (!/\.ya?ml$/i.test(file)) return text;
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw templateProblem(configPath, `The jailbreak template ${file} is not valid YAML: ${(error as Error).message}`);
  }
  const value = (document as { value?: unknown } | null)?.value;
  if (typeof value !== 'string') {
    throw templateProblem(configPath, `The jailbreak template ${file} has no \`value\` text (PyRIT's template field).`);
  }
  return value;
}

export interface JailbreakContext {
  /** Folder of the config file: a relative template_path starts here. */
  readonly configDir: string;
  /** JSON path of this converter, for error data. */
  readonly configPath: string;
}

export function createTextJailbreakConverter(spec: TextJailbreakSpec, context: JailbreakContext): Converter {
  let template: string;
  if (spec.string_template !== undefined) template = spec.string_template;
  else if (spec.template_file_name !== undefined) template = shippedJailbreakTemplates[spec.template_file_name];
  else {
    const file = path.resolve(context.configDir, spec.template_path ?? '');
    template = readTemplate(file, context.configPath);
    if (!hasPromptSlot(template)) {
      throw templateProblem(context.configPath, `The jailbreak template ${file} has no {{ prompt }} for the prompt.`);
    }
  }
  return {
    identifier: pyritConverterIdentifier('TextJailbreakConverter', 'text_jailbreak_converter'),
    // A function, so "$&" or "$1" in a prompt is inserted as written.
    convert: (text) => template.replace(promptSlot, () => text),
  };
}
