import { resolveApiKey } from './apiKey';
import { createEchoTarget } from './echoTarget';
import { createHttpTarget, type HttpTargetSpec } from './httpTarget';
import { createOpenAiChatTarget } from './openAiChatTarget';
import { createProcessTarget } from './processTarget';
import type { PromptTarget } from './promptTarget';
import { bodyTemplateProblem } from './promptTemplate';
import { defaultTargetConfigPath, targetConfigError } from './targetConfigError';
import { targetSpecSchema, type TargetSpec, type TargetSpecInput } from '../../../config/targetSpec';
import { resolveTuning, type TargetTuning } from './targetTuning';
import { InvalidConfigError } from '../../../domain/errors';
import type { ModelRole } from '../../../protocol/schemas/usage';
import { meteredTarget } from '../usage/meteredTarget';

export interface TargetContext {
  /** Folder of the config file; a `process` target's relative `cwd` starts here. */
  readonly configDir: string;
  /** Secrets the client supplied with executions/start, by name (`api_key_secret`). Held for that run only. */
  readonly secrets: Readonly<Record<string, string>>;
  /** The daemon's environment (`api_key_env`, and what a `process` target inherits). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The user's allowances for sending an `api_key_env` variable off this machine; none when absent. */
  readonly envAllowed?: (variable: string, host: string) => boolean;
  /** JSON path of this target in its config, for error data; "$.parameters.objective_target" unless given. */
  readonly configPath?: string;
  /** What the model is for, which its calls are counted under; "objective_target" unless given. */
  readonly role?: ModelRole;
}

/**
 * Validates a target spec (filling in defaults), resolves its key, and builds the target. A bad spec or a key
 * that cannot be found throws `InvalidConfig` naming the field — never the key.
 */
export function createTarget(
  spec: TargetSpecInput,
  context: TargetContext,
  tuning?: Partial<TargetTuning>,
): PromptTarget {
  const configPath = context.configPath ?? defaultTargetConfigPath;
  const parsed = targetSpecSchema.safeParse(spec);
  if (!parsed.success) throw targetConfigError(parsed.error, configPath);
  const valid = parsed.data;
  const resolved = resolveTuning(tuning);
  const price = valid.type === 'openai_chat' ? valid.price : undefined;
  return meteredTarget(buildTarget(valid, context, configPath, resolved), context.role ?? 'objective_target', price);
}

function buildTarget(
  valid: TargetSpec,
  context: TargetContext,
  configPath: string,
  resolved: TargetTuning,
): PromptTarget {
  switch (valid.type) {
    case 'openai_chat':
      return createOpenAiChatTarget(valid, resolveApiKey(valid, context, configPath, valid.endpoint), resolved);
    case 'http':
      checkBodyTemplate(valid, configPath);
      return createHttpTarget(valid, resolveApiKey(valid, context, configPath, valid.url), resolved);
    case 'process':
      return createProcessTarget(valid, context, resolved);
    case 'echo':
      return createEchoTarget(valid, resolved.clock);
  }
}

/** Caught at config time rather than as a 400 on every prompt of a run. */
function checkBodyTemplate(spec: HttpTargetSpec, configPath: string): void {
  if (spec.method === 'GET') return;
  const contentType = Object.entries(spec.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (contentType !== undefined && !/json/i.test(contentType)) return;
  const problem = bodyTemplateProblem(spec.body_template);
  if (problem !== undefined) throw new InvalidConfigError(problem, { path: `${configPath}.body_template` });
}
