import { randomUUID } from 'node:crypto';
import type { AttackOutcome } from '../../../domain/attackOutcome';
import type { Logger } from '../../log';
import {
  buildAttackResult,
  buildPiece,
  createPieceContext,
  type MemoryStore,
  type PieceContext,
  type PromptPiece,
} from '../../memory';
import type { ChatMessage, TargetResponse } from '../targets';
import { judgeAnswer } from './judgeAnswer';
import { runObjectives } from './objectiveWorkers';
import type { PendingPrompt, RunTally } from './runPromptSending';
import type { ScriptedAttackInstance } from './scriptedAttackInstance';

export interface ScriptedAttackRun {
  executionId: string;
  orchestratorId: string;
  /** The objectives; `key` is the objective's index in the execution input. */
  prompts: readonly PendingPrompt[];
  instance: ScriptedAttackInstance;
  store: MemoryStore;
  signal: AbortSignal;
  log: Logger;
  /** Called once per objective, after its last turn and its attack result are committed, with its outcome. */
  onAnswered(outcome: AttackOutcome): void;
}

function answerText(answer: TargetResponse): string {
  return answer.response_error !== 'none' && answer.text === ''
    ? (answer.error_message ?? answer.response_error)
    : answer.text;
}

/**
 * One objective of a scripted attack: its turns go to the target in one new conversation, each with the earlier
 * ones as history, and each turn is committed as it is answered (a crash loses at most the turn in flight). The
 * last answer is scored and committed with the objective's attack result; an answer that fails on the way ends
 * the objective there, judged by the same rule (a transport error is an error, never a "held").
 */
async function attackObjective(
  run: ScriptedAttackRun,
  objective: PendingPrompt,
  tally: RunTally,
): Promise<AttackOutcome> {
  const { instance, signal } = run;
  const { definition } = instance;
  const startedAt = performance.now();
  const conversationId = randomUUID();
  const attack = { ...definition.attack, id: run.orchestratorId };
  const context: PieceContext = createPieceContext({
    labels: {
      ...instance.memoryLabels,
      orchestrator_id: run.orchestratorId,
      execution_id: run.executionId,
      objective_index: objective.key,
    },
    promptTarget: { ...instance.target.identifier },
    orchestrator: attack,
    converters: instance.converters.identifiers.map((identifier) => ({ ...identifier })),
  });
  const script = definition.script(objective.value);
  const history: ChatMessage[] = [];
  const unsaved: PromptPiece[] = [];
  let sequence = 0;
  if (script.systemPrompt !== undefined) {
    // PyRIT stores the system prompt as the conversation's first piece; a leading system message in the history
    // replaces the target's configured one for these requests.
    history.push({ role: 'system', content: script.systemPrompt });
    unsaved.push(
      buildPiece(context, {
        role: 'system',
        conversationId,
        sequence: sequence++,
        originalValue: script.systemPrompt,
        converters: [],
        promptKey: objective.key,
      }),
    );
  }
  for (const [index, turn] of script.turns.entries()) {
    signal.throwIfAborted();
    const converted = await instance.converters.convert(turn, signal);
    const request = buildPiece(context, {
      role: 'user',
      conversationId,
      sequence: sequence++,
      originalValue: turn,
      convertedValue: converted,
      promptKey: objective.key,
    });
    const answer = await instance.target.send({
      prompt: converted,
      conversation_id: conversationId,
      history: [...history],
      signal,
    });
    tally.sent += 1;
    tally.latencyTotalMs += answer.latency_ms;
    const response = buildPiece(context, {
      role: 'assistant',
      conversationId,
      sequence: sequence++,
      originalValue: answerText(answer),
      originalValueDataType: answer.response_error === 'none' ? 'text' : 'error',
      converters: [],
      responseError: answer.response_error,
      promptKey: objective.key,
    });
    const pieces = [...unsaved.splice(0), request, response];
    const last = index === script.turns.length - 1;
    if (!last && answer.response_error === 'none') {
      await run.store.addExchange({ pieces, scores: [] });
      history.push({ role: 'user', content: converted }, { role: 'assistant', content: answer.text });
      continue;
    }
    const { verdicts, decision } = await judgeAnswer({
      answer,
      responseId: response.id,
      objective: objective.value,
      request: { original_value: turn, converted_value: converted },
      scorers: instance.scorers,
      aggregator: instance.scoreAggregator,
      signal,
      log: run.log,
      executionId: run.executionId,
    });
    const attackResult = buildAttackResult({
      executionId: run.executionId,
      promptIndex: Number(objective.key),
      conversationId,
      objective: objective.value,
      attack,
      lastResponseId: response.id,
      decision,
      executedTurns: index + 1,
      executionTimeMs: performance.now() - startedAt,
      labelsJson: context.labelsJson,
      metadata: { ...definition.metadata, score_aggregator: instance.scoreAggregator, turns: script.turns.length },
    });
    await run.store.addExchange({
      pieces,
      scores: verdicts.map((verdict) => verdict.input),
      attackResult,
      supersedes: objective.supersedes,
    });
    return decision.outcome;
  }
  // Every script has at least one turn (the schemas say so), and its last turn returns above.
  throw new Error(`objective ${objective.key}: the ${definition.attack.__type__} script has no turns`);
}

/** Runs every objective, batch_size at a time; an objective stopped midway has no attack result and resumes anew. */
export async function runScriptedAttack(run: ScriptedAttackRun): Promise<RunTally> {
  return runObjectives(run, run.instance.batchSize, (objective, tally) => attackObjective(run, objective, tally));
}
