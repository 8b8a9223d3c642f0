import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { redTeamingParametersSchema, type RedTeamingParameters } from '../../../config/redTeamingParameters';
import { stackConverters, type ConverterStack } from '../converters';
import { createScorer, type Scorer, type ScorerSpecInput } from '../scorers';
import { createTarget, type PromptTarget } from '../targets';
import type { OrchestratorInstance } from '../instance';
import type { InstanceContext } from './promptSendingInstance';
import { defaultAdversarialSystemPrompt } from './redTeamingPrompts';
import { InvalidConfigError } from '../../../domain/errors';

/**
 * PyRIT's RedTeamingOrchestrator, wired: the target, the attacker, the objective scorer (and the refusal scorer
 * when backtracking), the converter stack. Pooled like every instance; it disposes every client it built.
 */
export class RedTeamingInstance implements OrchestratorInstance {
  readonly objectiveTarget: PromptTarget;
  readonly adversarialChat: PromptTarget;
  readonly objectiveScorer: Scorer;
  /** Only when backtracking is on: otherwise nothing asks whether the target refused. */
  readonly refusalScorer: Scorer | undefined;
  readonly converters: ConverterStack;
  readonly maxTurns: number;
  readonly maxBacktracks: number;
  readonly useScoreAsFeedback: boolean;
  readonly batchSize: number;
  readonly memoryLabels: Record<string, string>;

  /** Every target this instance built (judges included), so dispose closes them all. */
  private readonly built: PromptTarget[] = [];

  private constructor(
    parameters: RedTeamingParameters,
    readonly systemPromptTemplate: string,
    context: InstanceContext,
  ) {
    this.converters = stackConverters(parameters.prompt_converters);
    this.maxTurns = parameters.max_turns;
    this.maxBacktracks = parameters.backtrack.max_backtracks;
    this.useScoreAsFeedback = parameters.use_score_as_feedback;
    this.batchSize = parameters.batch_size;
    this.memoryLabels = parameters.memory_labels;
    const build = (spec: Parameters<typeof createTarget>[0], configPath: string): PromptTarget => {
      const target = createTarget(spec, { ...context, configPath });
      this.built.push(target);
      return target;
    };
    const scorer = (spec: ScorerSpecInput, configPath: string): Scorer =>
      createScorer(spec, { configPath, createTarget: build });
    try {
      this.objectiveTarget = build(parameters.objective_target, '$.parameters.objective_target');
      this.adversarialChat = build(parameters.adversarial_chat, '$.parameters.adversarial_chat');
      this.objectiveScorer = scorer(parameters.objective_scorer, '$.parameters.objective_scorer');
      this.refusalScorer =
        this.maxBacktracks > 0
          ? scorer(parameters.backtrack.refusal_scorer, '$.parameters.backtrack.refusal_scorer')
          : undefined;
    } catch (error) {
      // A `process` target holds a child: it must not outlive a constructor that failed after making it.
      void this.dispose();
      throw error;
    }
  }

  /** Async because the attacker's system prompt may live in a file. */
  static async create(parameters: unknown, context: InstanceContext): Promise<RedTeamingInstance> {
    const valid = redTeamingParametersSchema.parse(parameters);
    const template =
      valid.adversarial_chat_system_prompt ??
      (await readSystemPrompt(valid.adversarial_chat_system_prompt_path, context.configDir));
    return new RedTeamingInstance(valid, template, context);
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.built.map((target) => target.dispose()));
  }
}

async function readSystemPrompt(file: string | undefined, configDir: string): Promise<string> {
  if (file === undefined) return defaultAdversarialSystemPrompt;
  const resolved = path.resolve(configDir, file);
  try {
    const text = await readFile(resolved, 'utf8');
    if (text.trim() === '') throw new Error('the file is empty');
    return text;
  } catch (error) {
    throw new InvalidConfigError(`Cannot read the attacker system prompt ${resolved}: ${(error as Error).message}`, {
      path: '$.parameters.adversarial_chat_system_prompt_path',
    });
  }
}
