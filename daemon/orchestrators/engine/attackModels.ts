import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createScorer, type Scorer, type ScorerSpecInput } from '../scorers';
import { createTarget, type PromptTarget } from '../targets';
import type { InstanceContext } from './promptSendingInstance';
import { InvalidConfigError } from '../../../domain/errors';
import type { ModelRole } from '../../../protocol/schemas/usage';

/**
 * The models a multi-turn attack instance builds (target, attacker, judges), remembered so that `dispose` closes
 * every one of them, a `process` target's child included, even when building failed halfway.
 */
export class AttackModels {
  private readonly built: PromptTarget[] = [];

  constructor(private readonly context: InstanceContext) {}

  target(spec: Parameters<typeof createTarget>[0], configPath: string, role: ModelRole): PromptTarget {
    const target = createTarget(spec, { ...this.context, configPath, role });
    this.built.push(target);
    return target;
  }

  scorer(spec: ScorerSpecInput, configPath: string): Scorer {
    return createScorer(spec, { configPath, createTarget: (target, at) => this.target(target, at, 'scorer') });
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.built.map((target) => target.dispose()));
  }
}

/**
 * The attacker's system prompt: inline, from a file beside the config, or the attack's default. A file that cannot
 * be read is the config's fault, reported at the path that named it.
 */
export async function attackerSystemPrompt(
  options: { inline: string | undefined; file: string | undefined; fallback: string; configPath: string },
  configDir: string,
): Promise<string> {
  if (options.inline !== undefined) return options.inline;
  if (options.file === undefined) return options.fallback;
  const resolved = path.resolve(configDir, options.file);
  try {
    const text = await readFile(resolved, 'utf8');
    if (text.trim() === '') throw new Error('the file is empty');
    return text;
  } catch (error) {
    throw new InvalidConfigError(`Cannot read the attacker system prompt ${resolved}: ${(error as Error).message}`, {
      path: options.configPath,
    });
  }
}
