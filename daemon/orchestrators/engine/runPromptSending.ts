import {
  buildRequestPiece,
  buildResponsePiece,
  createPieceContext,
  type MemoryStore,
  type PyritIdentifier,
  type ScoreInput,
} from '../../memory';
import type { Logger } from '../../log';
import type { ScoreResult } from '../scorers';
import type { PromptSendingInstance } from './promptSendingInstance';

export interface PendingPrompt {
  /** Stable within the execution (the prompt's index), so resume can tell answered prompts from the rest. */
  key: string;
  value: string;
}

export interface RunTally {
  sent: number;
  failed: number;
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
  /** Called after each prompt's exchange is committed. */
  onAnswered(failed: boolean): void;
}

const ORCHESTRATOR_TYPE: PyritIdentifier = {
  __type__: 'PromptSendingOrchestrator',
  __module__: 'pyrit.orchestrator.single_turn.prompt_sending_orchestrator',
};

export function scoreInput(pieceId: string, score: ScoreResult): ScoreInput {
  return {
    pieceId,
    scoreType: score.score_type,
    value: score.score_type === 'true_false' ? score.score_value === 'True' : Number(score.score_value),
    category: score.score_category,
    scorer: { ...score.scorer_class_identifier },
    valueDescription: score.score_value_description,
    rationale: score.score_rationale,
    metadata: score.score_metadata === undefined ? null : JSON.stringify(score.score_metadata),
  };
}

/**
 * Sends each prompt through the converters to the target, scores the answer and commits request, response and
 * scores in one transaction — so after any crash a prompt is either fully answered or not at all, and resume
 * sends exactly the rest. `batch_size` workers pull prompts in order; cancel stops the pulling and aborts sends
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
  const tally: RunTally = { sent: 0, failed: 0, latencyTotalMs: 0 };
  let next = 0;

  // The first real failure (the database refusing a write, say) stops every worker from taking more prompts;
  // the ones in flight finish, and the run reports that failure.
  let failure: unknown;
  const uncommitted = new Set<Promise<void>>();
  const maxUncommitted = Math.max(64, instance.batchSize * 4);

  const sendOne = async (prompt: PendingPrompt): Promise<void> => {
    const converted = instance.converters.convert(prompt.value);
    const request = buildRequestPiece(context, {
      prompt: prompt.value,
      convertedPrompt: converted,
      promptKey: prompt.key,
    });
    const answer = await instance.target.send({ prompt: converted, conversation_id: request.conversationId, signal });
    const failed = answer.response_error !== 'none';
    const response = buildResponsePiece(context, request, {
      value: failed && answer.text === '' ? (answer.error_message ?? answer.response_error) : answer.text,
      responseError: answer.response_error,
    });
    const scores: ScoreInput[] = [];
    for (const scorer of instance.scorers) {
      try {
        const score = await scorer.score(
          { converted_value: answer.text, response_error: answer.response_error },
          { objective: prompt.value, signal },
        );
        scores.push(scoreInput(response.id, score));
      } catch (error) {
        if (signal.aborted) throw error;
        // A judge that fails must not cost the user the response they paid for: store it unscored.
        run.log.warn(
          `execution ${run.executionId}: scorer ${scorer.identifier.__type__} failed: ${(error as Error).message}`,
        );
      }
    }
    // The worker moves on to its next prompt while this exchange waits for its group commit: sends overlap
    // commits, and commits get bigger (fewer, cheaper). A prompt counts as answered only once committed.
    const committed = store.addExchange({ pieces: [request, response], scores }).then(() => {
      tally.sent += 1;
      tally.latencyTotalMs += answer.latency_ms;
      if (failed) tally.failed += 1;
      run.onAnswered(failed);
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
