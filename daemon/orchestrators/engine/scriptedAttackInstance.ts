import type { ScriptedAttackParameters } from '../../../config/scriptedAttackParameters';
import type { ScoreAggregator } from '../../../domain/attackOutcome';
import type { JsonValue } from '../../../domain/json';
import type { PyritIdentifier } from '../../memory';
import { stackConverters, type ConverterStack } from '../converters';
import type { Scorer } from '../scorers';
import type { PromptTarget } from '../targets';
import type { OrchestratorInstance } from '../instance';
import type { InstanceContext } from './promptSendingInstance';
import { AttackModels } from './attackModels';

/** What one objective sends: an optional system prompt, then user turns in order, all in one conversation. */
export interface AttackScript {
  systemPrompt?: string;
  turns: readonly string[];
}

/** How an attack type turns an objective into its script, and what it records about itself. */
export interface AttackDefinition {
  /** PyRIT 1.x's class (ATTACK_IDENTIFIERS): stored as the attack and orchestrator identifier. */
  attack: PyritIdentifier;
  script(objective: string): AttackScript;
  /** Applied to every user turn before the configured converters (FlipAttack's own flip). */
  ownConverters?: ConverterStack;
  /** Facts of the attack kept in the attack result's metadata (example_count, the seed…). */
  metadata?: Readonly<Record<string, JsonValue>>;
}

/** The converters of the attack itself first, then the user's: PyRIT puts FlipAttack's converter first too. */
function chain(first: ConverterStack | undefined, then: ConverterStack): ConverterStack {
  if (first === undefined) return then;
  return {
    identifiers: [...first.identifiers, ...then.identifiers],
    convert: async (text, signal) => then.convert(await first.convert(text, signal), signal),
  };
}

/**
 * A scripted attack wired: the target, the converter stack and the scorers, built once and pooled like every
 * instance. The four scripted types differ only in their AttackDefinition.
 */
export class ScriptedAttackInstance implements OrchestratorInstance {
  readonly target: PromptTarget;
  readonly converters: ConverterStack;
  readonly scorers: Scorer[];
  readonly scoreAggregator: ScoreAggregator;
  readonly batchSize: number;
  readonly memoryLabels: Record<string, string>;

  /** Every target this instance built (judges included), so dispose closes them all. */
  private readonly models: AttackModels;

  constructor(
    parameters: ScriptedAttackParameters,
    readonly definition: AttackDefinition,
    context: InstanceContext,
  ) {
    this.converters = chain(definition.ownConverters, stackConverters(parameters.prompt_converters));
    this.scoreAggregator = parameters.score_aggregator;
    this.batchSize = parameters.batch_size;
    this.memoryLabels = parameters.memory_labels;
    const models = (this.models = new AttackModels(context));
    try {
      this.scorers = parameters.scorers.map((spec, index) => models.scorer(spec, `$.parameters.scorers[${index}]`));
      this.target = models.target(parameters.objective_target, '$.parameters.objective_target', 'objective_target');
    } catch (error) {
      // A `process` target holds a child: it must not outlive a constructor that failed after making it.
      void this.dispose();
      throw error;
    }
  }

  async dispose(): Promise<void> {
    await this.models.dispose();
  }
}
