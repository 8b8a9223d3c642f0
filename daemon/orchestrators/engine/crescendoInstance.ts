import { crescendoParametersSchema, type CrescendoParameters } from '../../../config/crescendoParameters';
import { stackConverters, type ConverterStack } from '../converters';
import type { Scorer } from '../scorers';
import type { PromptTarget } from '../targets';
import type { OrchestratorInstance } from '../instance';
import type { InstanceContext } from './promptSendingInstance';
import { AttackModels, attackerSystemPrompt } from './attackModels';
import { defaultCrescendoSystemPrompt } from './crescendoPrompts';

/** PyRIT's CrescendoAttack, wired: target, attacker, objective and refusal scorers, converters. */
export class CrescendoInstance implements OrchestratorInstance {
  readonly objectiveTarget: PromptTarget;
  readonly adversarialChat: PromptTarget;
  readonly objectiveScorer: Scorer;
  readonly refusalScorer: Scorer;
  readonly converters: ConverterStack;
  readonly maxTurns: number;
  readonly maxBacktracks: number;
  readonly batchSize: number;
  readonly memoryLabels: Record<string, string>;
  private readonly models: AttackModels;

  private constructor(
    parameters: CrescendoParameters,
    readonly systemPromptTemplate: string,
    context: InstanceContext,
  ) {
    this.converters = stackConverters(parameters.prompt_converters);
    this.maxTurns = parameters.max_turns;
    this.maxBacktracks = parameters.max_backtracks;
    this.batchSize = parameters.batch_size;
    this.memoryLabels = parameters.memory_labels;
    const models = (this.models = new AttackModels(context));
    try {
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
      this.refusalScorer = models.scorer(parameters.refusal_scorer, '$.parameters.refusal_scorer');
    } catch (error) {
      // A `process` target holds a child: it must not outlive a constructor that failed after making it.
      void this.dispose();
      throw error;
    }
  }

  static async create(parameters: unknown, context: InstanceContext): Promise<CrescendoInstance> {
    const valid = crescendoParametersSchema.parse(parameters);
    const template = await attackerSystemPrompt(
      {
        inline: valid.adversarial_chat_system_prompt,
        file: valid.adversarial_chat_system_prompt_path,
        fallback: defaultCrescendoSystemPrompt,
        configPath: '$.parameters.adversarial_chat_system_prompt_path',
      },
      context.configDir,
    );
    return new CrescendoInstance(valid, template, context);
  }

  async dispose(): Promise<void> {
    await this.models.dispose();
  }
}
