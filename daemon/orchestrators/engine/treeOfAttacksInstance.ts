import {
  pairParametersSchema,
  tapParametersSchema,
  type PairParameters,
  type TapParameters,
} from '../../../config/treeOfAttacksParameters';
import { ATTACK_IDENTIFIERS, type PyritIdentifier } from '../../memory';
import { stackConverters, type ConverterStack } from '../converters';
import type { Scorer } from '../scorers';
import type { PromptTarget } from '../targets';
import type { OrchestratorInstance } from '../instance';
import type { InstanceContext } from './promptSendingInstance';
import { AttackModels, attackerSystemPrompt } from './attackModels';
import {
  defaultTreeOfAttacksSystemPrompt,
  onTopicFalseDescription,
  onTopicTrueDescription,
} from './treeOfAttacksPrompts';

/** The shape of the search: TAP's tree, or PAIR's streams (a tree one branch wide per stream, never pruned by score). */
export interface TreeShape {
  /** Branches at the first level (TAP tree_width, PAIR n_streams). */
  firstLevel: number;
  /** Branches kept after a level when pruning by score; undefined keeps every branch (PAIR). */
  keptPerLevel: number | undefined;
  depth: number;
  branchingFactor: number;
}

/**
 * TAP and PAIR, wired: one engine (runTreeOfAttacks) runs both, as PyRIT 0.x ran PAIR on its TAP orchestrator.
 * The on-topic judge exists only for TAP with on_topic_checking_enabled.
 */
export class TreeOfAttacksInstance implements OrchestratorInstance {
  readonly objectiveTarget: PromptTarget;
  readonly adversarialChat: PromptTarget;
  readonly objectiveScorer: Scorer;
  readonly onTopicScorer: Scorer | undefined;
  readonly converters: ConverterStack;
  readonly batchSize: number;
  readonly memoryLabels: Record<string, string>;
  readonly desiredPrefix: string;
  readonly seed: number | undefined;
  private readonly models: AttackModels;

  private constructor(
    parameters: TapParameters | PairParameters,
    readonly attack: PyritIdentifier,
    readonly shape: TreeShape,
    readonly systemPromptTemplate: string,
    context: InstanceContext,
  ) {
    this.converters = stackConverters(parameters.prompt_converters);
    this.batchSize = parameters.batch_size;
    this.memoryLabels = parameters.memory_labels;
    this.desiredPrefix = parameters.desired_response_prefix;
    this.seed = 'seed' in parameters ? parameters.seed : undefined;
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
      this.onTopicScorer =
        'on_topic_checking_enabled' in parameters && parameters.on_topic_checking_enabled
          ? models.scorer(
              parameters.on_topic_scorer ?? {
                type: 'self_ask_true_false',
                chat_target: parameters.adversarial_chat,
                category: 'on_topic',
                true_description: onTopicTrueDescription,
                false_description: onTopicFalseDescription,
              },
              parameters.on_topic_scorer === undefined
                ? '$.parameters.adversarial_chat'
                : '$.parameters.on_topic_scorer',
            )
          : undefined;
    } catch (error) {
      // A `process` target holds a child: it must not outlive a constructor that failed after making it.
      void this.dispose();
      throw error;
    }
  }

  static async createTap(parameters: unknown, context: InstanceContext): Promise<TreeOfAttacksInstance> {
    const valid = tapParametersSchema.parse(parameters);
    const shape: TreeShape = {
      firstLevel: valid.tree_width,
      keptPerLevel: valid.tree_width,
      depth: valid.tree_depth,
      branchingFactor: valid.branching_factor,
    };
    return new TreeOfAttacksInstance(
      valid,
      ATTACK_IDENTIFIERS.treeOfAttacks,
      shape,
      await systemPrompt(valid, context),
      context,
    );
  }

  static async createPair(parameters: unknown, context: InstanceContext): Promise<TreeOfAttacksInstance> {
    const valid = pairParametersSchema.parse(parameters);
    const shape: TreeShape = {
      firstLevel: valid.n_streams,
      keptPerLevel: undefined,
      depth: valid.depth,
      branchingFactor: 1,
    };
    return new TreeOfAttacksInstance(
      valid,
      ATTACK_IDENTIFIERS.pair,
      shape,
      await systemPrompt(valid, context),
      context,
    );
  }

  async dispose(): Promise<void> {
    await this.models.dispose();
  }
}

function systemPrompt(parameters: TapParameters | PairParameters, context: InstanceContext): Promise<string> {
  return attackerSystemPrompt(
    {
      inline: parameters.adversarial_chat_system_prompt,
      file: parameters.adversarial_chat_system_prompt_path,
      fallback: defaultTreeOfAttacksSystemPrompt,
      configPath: '$.parameters.adversarial_chat_system_prompt_path',
    },
    context.configDir,
  );
}
