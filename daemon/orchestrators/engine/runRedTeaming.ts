import { randomUUID } from 'node:crypto';
import {
  decideOutcome,
  failedAttackOutcome,
  type AttackOutcome,
  type OutcomeDecision,
} from '../../../domain/attackOutcome';
import {
  ATTACK_IDENTIFIERS,
  buildAttackResult,
  buildPiece,
  createPieceContext,
  type MemoryStore,
  type PieceContext,
  type PromptMetadata,
  type PromptPiece,
  type PyritIdentifier,
  type ScoreInput,
  withUsage,
} from '../../memory';
import type { Logger } from '../../log';
import type { ScoreResult } from '../scorers';
import type { ChatMessage, TargetResponse } from '../targets';
import type { RedTeamingInstance } from './redTeamingInstance';
import { AttackerChat, answerText } from './attackerChat';
import { runObjectives } from './objectiveWorkers';
import { adversarialSeedPrompt, backtrackPrompt, feedbackPrompt, systemPromptFor } from './redTeamingPrompts';
import { storedVerdict } from './judgedScores';
import { isConversionError } from '../converters/conversionError';
import { notSentAnswer } from './notSent';
import type { PendingPrompt, RunTally } from './runPromptSending';

export interface RedTeamingRun {
  executionId: string;
  orchestratorId: string;
  /** The objectives; `key` is the objective's index in the execution input. */
  prompts: readonly PendingPrompt[];
  instance: RedTeamingInstance;
  store: MemoryStore;
  signal: AbortSignal;
  log: Logger;
  /** Called once per objective, after its last turn and its attack result are committed, with its outcome. */
  onAnswered(outcome: AttackOutcome): void;
}

/** The marker of an objective's last piece (kept for PyRIT readers and old files); the outcome is the attack result's. */
type ObjectiveStatus = 'success' | 'failure' | 'error';

/** How an objective ended: the decision and the answer it rests on (null when no target turn was stored). */
interface ObjectiveEnd {
  decision: OutcomeDecision;
  lastResponseId: string | null;
}

function markerStatus(decision: OutcomeDecision): ObjectiveStatus {
  return decision.outcome === 'success' ? 'success' : decision.outcome === 'error' ? 'error' : 'failure';
}

const ORCHESTRATOR_TYPE: PyritIdentifier = {
  __type__: 'RedTeamingOrchestrator',
  __module__: 'pyrit.orchestrator.multi_turn.red_teaming_orchestrator',
};

/** The marker resume and `results/objectives` read (see memory/objectiveQueries.ts). */
function finalMarker(
  status: ObjectiveStatus,
  turns: number,
  backtracks: number,
  score: ScoreResult | undefined,
): PromptMetadata {
  return {
    red_team_result: status,
    red_team_turns: turns,
    red_team_backtracks: backtracks,
    red_team_score: score?.score_value ?? '',
  };
}

/** The request is built before the send (its timestamp is when it went out); only then is it known to be refused. */
function markBacktracked(request: PromptPiece): PromptPiece {
  return { ...request, row: { ...request.row, prompt_metadata: JSON.stringify({ backtracked: 1 }) } };
}

/**
 * One objective, PyRIT RedTeamingOrchestrator style: the attacker writes a prompt, the target answers with the
 * earlier (kept) turns as history, the objective scorer judges the answer; repeat until True or max_turns.
 * Each turn's pieces and scores are committed together, so a crash loses at most the turn in flight; the
 * objective's last piece carries the final marker, so resume knows which objectives are finished.
 */
class ObjectiveAttack {
  private readonly targetConversationId = randomUUID();
  private readonly adversarialConversationId = randomUUID();
  private readonly targetContext: PieceContext;
  private readonly attacker: AttackerChat;
  private readonly targetHistory: ChatMessage[] = [];
  private targetSequence = 0;
  private turns = 0;
  private backtracks = 0;
  private readonly startedAt = performance.now();

  constructor(
    private readonly run: RedTeamingRun,
    private readonly objective: PendingPrompt,
    private readonly tally: RunTally,
  ) {
    const { instance } = run;
    // Both conversations carry the objective and one shared id, so either leads to the other.
    const labels = {
      ...instance.memoryLabels,
      orchestrator_id: run.orchestratorId,
      execution_id: run.executionId,
      objective_index: objective.key,
      red_team_conversation_id: this.adversarialConversationId,
    };
    const orchestrator = { ...ORCHESTRATOR_TYPE, id: run.orchestratorId };
    this.targetContext = createPieceContext({
      labels,
      promptTarget: { ...instance.objectiveTarget.identifier },
      orchestrator,
      converters: instance.converters.identifiers.map((identifier) => ({ ...identifier })),
    });
    // The attacker's side is not an answer to an input prompt: kept out of the execution index (executionId
    // null) so results/list and the summaries count target conversations only; its labels still name the run.
    const adversarialContext = {
      ...createPieceContext({
        labels,
        promptTarget: { ...instance.adversarialChat.identifier },
        orchestrator,
        converters: [],
      }),
      executionId: null,
    };
    this.attacker = AttackerChat.open({
      target: instance.adversarialChat,
      context: adversarialContext,
      promptKey: objective.key,
      systemPrompt: systemPromptFor(instance.systemPromptTemplate, objective.value),
      conversationId: this.adversarialConversationId,
    });
  }

  async attack(): Promise<AttackOutcome> {
    const { instance, signal } = this.run;
    let attackerMessage = adversarialSeedPrompt;
    while (this.turns < instance.maxTurns) {
      signal.throwIfAborted();
      const attack = await this.askAttacker(attackerMessage);
      if (attack === undefined) return 'error';
      let converted = attack;
      let notSent: TargetResponse | undefined;
      try {
        converted = await instance.converters.convert(attack, signal);
      } catch (error) {
        if (!isConversionError(error)) throw error;
        notSent = notSentAnswer(error);
      }
      const request = this.targetPiece('user', attack, converted);
      const answer =
        notSent ??
        (await instance.objectiveTarget.send({
          prompt: converted,
          conversation_id: this.targetConversationId,
          history: [...this.targetHistory],
          signal,
        }));
      if (notSent === undefined) {
        this.tally.sent += 1;
        this.tally.latencyTotalMs += answer.latency_ms;
      }
      if (answer.response_error !== 'none') {
        this.turns += 1;
        const response = this.targetResponse(answer, finalMarker('error', this.turns, this.backtracks, undefined));
        const decision = decideOutcome({
          response_error: answer.response_error,
          error_message: answer.error_message,
          scores: [],
          aggregator: 'OR',
        });
        await this.commit([request, response], [], { decision, lastResponseId: response.id });
        return decision.outcome;
      }
      const refusal = await this.refusalToTakeBack(answer);
      if (refusal !== undefined) {
        // Kept in memory, marked, but never replayed to the target: it "forgets" the refused turn.
        this.backtracks += 1;
        const backtracked = markBacktracked(request);
        const response = this.targetResponse(answer, { backtracked: 1 });
        const stored = storedVerdict(response.id, refusal, instance.refusalScorer ?? instance.objectiveScorer);
        await this.commit([backtracked, response], [stored.input]);
        attackerMessage = backtrackPrompt(answer.text);
        continue;
      }
      let score: ScoreResult;
      try {
        score = await instance.objectiveScorer.score(
          { converted_value: answer.text, response_error: answer.response_error },
          { objective: this.objective.value, signal },
        );
      } catch (error) {
        if (signal.aborted) throw error;
        this.run.log.warn(`execution ${this.run.executionId}: objective scorer failed: ${(error as Error).message}`);
        this.turns += 1;
        const response = this.targetResponse(answer, finalMarker('error', this.turns, this.backtracks, undefined));
        const decision = failedAttackOutcome(`The objective scorer failed: ${(error as Error).message}`);
        await this.commit([request, response], [], { decision, lastResponseId: response.id });
        return decision.outcome;
      }
      this.turns += 1;
      // The response's id is fixed before the piece is built, so the score and the decision can name it.
      const responseId = randomUUID();
      const verdict = storedVerdict(responseId, score, instance.objectiveScorer);
      // The objective scorer alone decides each turn, whatever its `objective` field says.
      const decision = decideOutcome({
        response_error: 'none',
        scores: [{ ...verdict.judged, objective: true }],
        aggregator: 'OR',
      });
      const ended = decision.outcome === 'success' || this.turns >= instance.maxTurns;
      const response = this.targetResponse(
        answer,
        ended ? finalMarker(markerStatus(decision), this.turns, this.backtracks, score) : undefined,
        responseId,
      );
      await this.commit(
        [request, response],
        [verdict.input],
        ended ? { decision, lastResponseId: responseId } : undefined,
      );
      if (ended) return decision.outcome;
      this.targetHistory.push({ role: 'user', content: converted }, { role: 'assistant', content: answer.text });
      attackerMessage = feedbackPrompt(answer.text, instance.useScoreAsFeedback ? score.score_rationale : undefined);
    }
    // Every turn that counts either ends the objective or leaves turns to go, so the loop ends inside it.
    throw new Error(`objective ${this.objective.key} ran out of turns without an end`);
  }

  /** The attacker's next prompt, or undefined when it failed (that failure is stored as the objective's end). */
  private async askAttacker(message: string): Promise<string | undefined> {
    const reply = await this.attacker.ask(
      message,
      this.run.signal,
      finalMarker('error', this.turns, this.backtracks, undefined),
    );
    if (reply.ok) return reply.text;
    await this.commit([], [], {
      decision: failedAttackOutcome(`The attacker model failed, so the objective was not pursued: ${reply.reason}`),
      lastResponseId: null,
    });
    return undefined;
  }

  /** With backtracking on and budget left: the refusal score when the target refused, else undefined. */
  private async refusalToTakeBack(answer: TargetResponse): Promise<ScoreResult | undefined> {
    const { instance, signal } = this.run;
    if (instance.refusalScorer === undefined || this.backtracks >= instance.maxBacktracks) return undefined;
    try {
      const score = await instance.refusalScorer.score(
        { converted_value: answer.text, response_error: answer.response_error },
        { objective: this.objective.value, signal },
      );
      return score.score_type === 'true_false' && score.score_value === 'True' ? score : undefined;
    } catch (error) {
      if (signal.aborted) throw error;
      // A refusal judge that fails costs a backtrack, not the objective: the objective scorer still judges the turn.
      this.run.log.warn(`execution ${this.run.executionId}: refusal scorer failed: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Turn k of the target conversation: request at sequence 2k, response 2k+1 (backtracked turns take theirs too). */
  private targetPiece(role: 'user', original: string, converted: string): PromptPiece {
    return buildPiece(this.targetContext, {
      role,
      conversationId: this.targetConversationId,
      sequence: this.targetSequence,
      originalValue: original,
      convertedValue: converted,
      promptKey: this.objective.key,
    });
  }

  private targetResponse(answer: TargetResponse, metadata: PromptMetadata | undefined, id?: string): PromptPiece {
    const piece = buildPiece(this.targetContext, {
      id,
      role: 'assistant',
      conversationId: this.targetConversationId,
      sequence: this.targetSequence + 1,
      originalValue: answerText(answer),
      originalValueDataType: answer.response_error === 'none' ? 'text' : 'error',
      converters: [],
      responseError: answer.response_error,
      promptMetadata: withUsage(metadata, answer.usage),
      promptKey: this.objective.key,
    });
    this.targetSequence += 2;
    return piece;
  }

  /** The turn's pieces (attacker's included) and scores in one transaction; the last turn's with the attack result. */
  private async commit(pieces: PromptPiece[], scores: ScoreInput[], end?: ObjectiveEnd): Promise<void> {
    const all = [...this.attacker.takePieces(), ...pieces];
    const { run, objective } = this;
    const attackResult =
      end === undefined
        ? undefined
        : buildAttackResult({
            executionId: run.executionId,
            promptIndex: Number(objective.key),
            conversationId: this.targetConversationId,
            objective: objective.value,
            attack: { ...ATTACK_IDENTIFIERS.redTeaming, id: run.orchestratorId },
            lastResponseId: end.lastResponseId,
            decision: end.decision,
            executedTurns: this.turns,
            executionTimeMs: performance.now() - this.startedAt,
            labelsJson: this.targetContext.labelsJson,
            adversarialConversationIds: [this.adversarialConversationId],
            metadata: { backtracks: this.backtracks, max_turns: run.instance.maxTurns },
          });
    await run.store.addExchange({ pieces: all, scores, attackResult, supersedes: end && objective.supersedes });
  }
}

/**
 * Runs every objective, `batch_size` at a time. An objective stopped by cancel stores no final marker, so
 * resume runs it again from its first turn. A storage failure stops the run and is reported.
 */
export async function runRedTeaming(run: RedTeamingRun): Promise<RunTally> {
  return runObjectives(run, run.instance.batchSize, (objective, tally) =>
    new ObjectiveAttack(run, objective, tally).attack(),
  );
}
