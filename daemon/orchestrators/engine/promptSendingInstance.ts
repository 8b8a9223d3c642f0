import { stackConverters, type ConverterSpecInput, type ConverterStack } from '../converters';
import { createScorer, type Scorer, type ScorerSpecInput } from '../scorers';
import { createTarget, type PromptTarget } from '../targets';
import type { TargetSpecInput } from '../../../config/targetSpec';
import type { OrchestratorInstance } from '../instance';
import { DEFAULT_SCORE_AGGREGATOR, type ScoreAggregator } from '../../../domain/attackOutcome';

export interface PromptSendingParameters {
  objective_target: TargetSpecInput;
  prompt_converters?: ConverterSpecInput[];
  scorers?: ScorerSpecInput[];
  batch_size?: number;
  score_aggregator?: ScoreAggregator;
  memory_labels?: Record<string, string>;
}

export interface InstanceContext {
  configDir: string;
  secrets: Record<string, string>;
  env: Record<string, string | undefined>;
  /** Which api_key_env variables the user allowed to which hosts off this machine (targets/apiKey.ts). */
  envAllowed?: (variable: string, host: string) => boolean;
}

/**
 * PyRIT's PromptSendingOrchestrator, wired: one target client, the converter stack and the scorers, built once
 * and reused by every execution of the same configuration (the pool holds it).
 */
export class PromptSendingInstance implements OrchestratorInstance {
  readonly converters: ConverterStack;
  readonly scorers: Scorer[];
  readonly target: PromptTarget;
  readonly batchSize: number;
  readonly scoreAggregator: ScoreAggregator;
  readonly memoryLabels: Record<string, string>;

  /** Judge models built for self-ask scorers: this instance made them, so it disposes them. */
  private readonly judges: PromptTarget[] = [];

  constructor(parameters: PromptSendingParameters, context: InstanceContext) {
    this.batchSize = parameters.batch_size ?? 8;
    this.scoreAggregator = parameters.score_aggregator ?? DEFAULT_SCORE_AGGREGATOR;
    this.memoryLabels = parameters.memory_labels ?? {};
    try {
      // A converter_target is built like a judge, and disposed with them.
      this.converters = stackConverters(parameters.prompt_converters ?? [], {
        configDir: context.configDir,
        createTarget: (target, configPath) => {
          const model = createTarget(target, { ...context, configPath, role: 'converter' });
          this.judges.push(model);
          return model;
        },
      });
      this.scorers = (parameters.scorers ?? []).map((spec, index) =>
        createScorer(spec, {
          configPath: `$.parameters.scorers[${index}]`,
          createTarget: (target, configPath) => {
            const judge = createTarget(target, { ...context, configPath, role: 'scorer' });
            this.judges.push(judge);
            return judge;
          },
        }),
      );
      this.target = createTarget(parameters.objective_target, context);
    } catch (error) {
      // A judge (a `process` one holds a child) must not outlive a constructor that failed after making it.
      void this.disposeJudges();
      throw error;
    }
  }

  private async disposeJudges(): Promise<void> {
    await Promise.allSettled(this.judges.map((judge) => judge.dispose()));
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([this.target.dispose(), this.disposeJudges()]);
  }
}
