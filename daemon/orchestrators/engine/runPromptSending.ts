import type { AttackOutcome } from '../../../domain/attackOutcome';
import type { Logger } from '../../log';
import {
  ATTACK_IDENTIFIERS,
  buildAttackResult,
  buildRequestPiece,
  buildResponsePiece,
  createPieceContext,
  type MemoryStore,
  type PyritIdentifier,
  withUsage,
} from '../../memory';
import { isConversionError } from '../converters/conversionError';
import type { TargetResponse } from '../targets/promptTarget';
import { judgeAnswer } from './judgeAnswer';
import { notSentAnswer } from './notSent';
import type { PromptSendingInstance } from './promptSendingInstance';

export interface PendingPrompt {
  /** Stable within the execution (the prompt's index), so resume can tell answered prompts from the rest. */
  key: string;
  value: string;
  /** A retried error: the attack result that the new exchange takes over. */
  supersedes?: string;
}

/** Sends to the objective target and their latency, for the run's timing figures (outcomes are stored). */
export interface RunTally {
  sent: number;
  latencyTotalMs: number;
}

export interface PromptSendingRun {
  executionId: string;
  orchestratorId: string;
  prompts: readonly PendingPrompt[];
  instance: PromptSendingInstance;
  store: MemoryStore;
  signal: AbortSignal;
  log: Logger;
  /** Called after each prompt's exchange and attack result are committed, with its outcome. */
  onAnswered(outcome: AttackOutcome): void;
}

const ORCHESTRATOR_TYPE: PyritIdentifier = {
  __type__: 'PromptSendingOrchestrator',
  __module__: 'pyrit.orchestrator.single_turn.prompt_sending_orchestrator',
};

/**
 * Sends each prompt through the converters to the target, scores the answer, decides the outcome and commits
 * request, response, scores and attack result in one transaction — so after any crash a prompt is either answered
 * and judged or not at all, and resume sends exactly the rest. An answer that is an error is not scored. `batch_size` workers pull prompts in order; cancel stops the pulling and aborts sends
 * in flight (an aborted prompt stores nothing and stays resumable).
 */
export async function runPromptSending(run: PromptSendingRun): Promise<RunTally> {
  const { instance, store, signal } = run;
  const context = createPieceContext({
    labels: { ...instance.memoryLabels, orchestrator_id: run.orchestratorId, execution_id: run.executionId },
    promptTarget: { ...instance.target.identifier },
    orchestrator: { ...ORCHESTRATOR_TYPE, id: run.orchestratorId },
    converters: instance.converters.identifiers.map((identifier) => ({ ...identifier })),
  });
  const tally: RunTally = { sent: 0, latencyTotalMs: 0 };
  let next = 0;

  // The first real failure (the database refusing a write, say) stops every worker from taking more prompts;
  // the ones in flight finish, and the run reports that failure.
  let failure: unknown;
  const uncommitted = new Set<Promise<void>>();
  const maxUncommitted = Math.max(64, instance.batchSize * 4);

  const sendOne = async (prompt: PendingPrompt): Promise<void> => {
    const startedAt = performance.now();
    let converted = prompt.value;
    let notSent: TargetResponse | undefined;
    try {
      converted = await instance.converters.convert(prompt.value, signal);
    } catch (error) {
      if (!isConversionError(error)) throw error;
      notSent = notSentAnswer(error);
    }
    const request = buildRequestPiece(context, {
      prompt: prompt.value,
      convertedPrompt: converted,
      promptKey: prompt.key,
    });
    const answer =
      notSent ?? (await instance.target.send({ prompt: converted, conversation_id: request.conversationId, signal }));
    const failed = answer.response_error !== 'none';
    const response = buildResponsePiece(context, request, {
      value: failed && answer.text === '' ? (answer.error_message ?? answer.response_error) : answer.text,
      responseError: answer.response_error,
      promptMetadata: withUsage(undefined, answer.usage),
    });
    const { verdicts, decision } = await judgeAnswer({
      answer,
      responseId: response.id,
      objective: prompt.value,
      request: { original_value: prompt.value, converted_value: converted },
      scorers: instance.scorers,
      aggregator: instance.scoreAggregator,
      signal,
      log: run.log,
      executionId: run.executionId,
    });
    const attackResult = buildAttackResult({
      executionId: run.executionId,
      promptIndex: Number(prompt.key),
      conversationId: request.conversationId,
      objective: prompt.value,
      attack: { ...ATTACK_IDENTIFIERS.promptSending, id: run.orchestratorId },
      lastResponseId: response.id,
      decision,
      executedTurns: 1,
      executionTimeMs: performance.now() - startedAt,
      labelsJson: context.labelsJson,
      metadata: { score_aggregator: instance.scoreAggregator },
    });
    // The worker moves on to its next prompt while this exchange waits for its group commit: sends overlap
    // commits, and commits get bigger (fewer, cheaper). A prompt counts as answered only once committed.
    const committed = store
      .addExchange({
        pieces: [request, response],
        scores: verdicts.map((verdict) => verdict.input),
        attackResult,
        supersedes: prompt.supersedes,
      })
      .then(() => {
        if (notSent === undefined) {
          tally.sent += 1;
          tally.latencyTotalMs += answer.latency_ms;
        }
        run.onAnswered(decision.outcome);
      });
    uncommitted.add(committed);
    committed.then(
      () => uncommitted.delete(committed),
      (error: unknown) => {
        uncommitted.delete(committed);
        failure ??= error;
      },
    );
    // Bounded, so a database slower than the target applies back-pressure instead of piling up memory.
    while (uncommitted.size >= maxUncommitted) await Promise.race(uncommitted).catch(() => undefined);
  };

  const worker = async (): Promise<void> => {
    while (!signal.aborted && failure === undefined && next < run.prompts.length) {
      const prompt = run.prompts[next++];
      try {
        await sendOne(prompt);
      } catch (error) {
        if (!signal.aborted) failure ??= error;
      }
    }
  };
  const workers = Math.max(1, Math.min(instance.batchSize, run.prompts.length));
  await Promise.all(Array.from({ length: workers }, worker));
  await Promise.allSettled([...uncommitted]);
  if (failure !== undefined) throw failure;
  return tally;
}
