import { redTeamingParametersSchema, type RedTeamingParameters } from '../../../config/redTeamingParameters';
import { stackConverters, type ConverterStack } from '../converters';
import type { Scorer } from '../scorers';
import type { PromptTarget } from '../targets';
import type { OrchestratorInstance } from '../instance';
import type { InstanceContext } from './promptSendingInstance';
import { defaultAdversarialSystemPrompt } from './redTeamingPrompts';
import { AttackModels, attackerSystemPrompt } from './attackModels';

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
  private readonly models: AttackModels;

  private constructor(
    parameters: RedTeamingParameters,
    readonly systemPromptTemplate: string,
    context: InstanceContext,
  ) {
    this.maxTurns = parameters.max_turns;
    this.maxBacktracks = parameters.backtrack.max_backtracks;
    this.useScoreAsFeedback = parameters.use_score_as_feedback;
    this.batchSize = parameters.batch_size;
    this.memoryLabels = parameters.memory_labels;
    const models = (this.models = new AttackModels(context));
    try {
      this.converters = stackConverters(parameters.prompt_converters, {
        configDir: context.configDir,
        createTarget: (target, configPath) => models.target(target, configPath, 'converter'),
      });
      this.objectiveTarget = models.target(
        parameters.objective_target,
        '$.parameters.objective_target',
        'objective_target',
      );
      this.adversarialChat = models.target(
        parameters.adversarial_chat,
        '$.parameters.adversarial_chat',
        'adversarial_chat',
      );
      this.objectiveScorer = models.scorer(parameters.objective_scorer, '$.parameters.objective_scorer');
      this.refusalScorer =
        this.maxBacktracks > 0
          ? models.scorer(parameters.backtrack.refusal_scorer, '$.parameters.backtrack.refusal_scorer')
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
    const template = await attackerSystemPrompt(
      {
        inline: valid.adversarial_chat_system_prompt,
        file: valid.adversarial_chat_system_prompt_path,
        fallback: defaultAdversarialSystemPrompt,
        configPath: '$.parameters.adversarial_chat_system_prompt_path',
      },
      context.configDir,
    );
    return new RedTeamingInstance(valid, template, context);
  }

  async dispose(): Promise<void> {
    await this.models.dispose();
  }
}
