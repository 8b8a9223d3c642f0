import { randomUUID } from 'node:crypto';
import {
  decideOutcome,
  failedAttackOutcome,
  type AttackOutcome,
  type OutcomeDecision,
} from '../../../domain/attackOutcome';
import { ATTACK_IDENTIFIERS, buildAttackResult, type PromptPiece, type ScoreInput } from '../../memory';
import { AttackerChat } from './attackerChat';
import { attackIdentifier, conversationContexts, type ObjectiveScope } from './attackContexts';
import type { CrescendoInstance } from './crescendoInstance';
import {
  crescendoFormatReminder,
  crescendoSystemPrompt,
  crescendoTurnPrompt,
  generatedQuestion,
  type JudgedAnswer,
} from './crescendoPrompts';
import { storedVerdict } from './judgedScores';
import { judgeAnswer } from './objectiveVerdict';
import { runObjectives, type AttackRun } from './objectiveWorkers';
import type { PendingPrompt, RunTally } from './runPromptSending';
import { TargetConversation, type SentTurn } from './targetConversation';

export type CrescendoRun = AttackRun<CrescendoInstance>;

/** How much of a bad attacker reply a reason quotes: enough to recognise it, not a page of model output. */
const QUOTED_REPLY_CHARS = 200;

type Question = { ok: true; text: string } | { ok: false; reason: string };

/** A refused turn to take back, and the refusal score that said so (none when a content filter blocked it). */
interface Refusal {
  responseId: string;
  scores: ScoreInput[];
}

/**
 * One objective, PyRIT CrescendoAttack style: each turn the attacker is told the turn number, the target's last
 * answer and its score, and writes the next question (JSON); a refused turn (or one a content filter blocked) is
 * taken back, kept in memory but never replayed, and the attacker told to go another way; every kept answer is
 * judged by the objective scorer. Each turn is committed as it ends, the last with the objective's attack result.
 */
class CrescendoObjective {
  private readonly startedAt = performance.now();
  private readonly scope: ObjectiveScope;
  private readonly attacker: AttackerChat;
  private readonly target: TargetConversation;
  private readonly labelsJson: string;
  private turns = 0;
  private backtracks = 0;

  constructor(
    private readonly run: CrescendoRun,
    private readonly objective: PendingPrompt,
    private readonly tally: RunTally,
  ) {
    const { instance } = run;
    this.scope = {
      executionId: run.executionId,
      orchestratorId: run.orchestratorId,
      objective,
      attack: ATTACK_IDENTIFIERS.crescendo,
      memoryLabels: instance.memoryLabels,
    };
    const attackerId = randomUUID();
    const contexts = conversationContexts(this.scope, instance, attackerId);
    this.labelsJson = contexts.target.labelsJson;
    this.attacker = AttackerChat.open({
      target: instance.adversarialChat,
      context: contexts.attacker,
      promptKey: objective.key,
      systemPrompt: crescendoSystemPrompt(instance.systemPromptTemplate, objective.value, instance.maxTurns),
      conversationId: attackerId,
    });
    this.target = TargetConversation.open({
      target: instance.objectiveTarget,
      converters: instance.converters,
      context: contexts.target,
      promptKey: objective.key,
    });
  }

  async attack(): Promise<AttackOutcome> {
    const { instance, signal } = this.run;
    let refused: string | undefined;
    let last: JudgedAnswer | undefined;
    while (this.turns < instance.maxTurns) {
      signal.throwIfAborted();
      const question = await this.nextQuestion(refused, last);
      if (!question.ok) return this.end([], [], failedAttackOutcome(question.reason), null);
      refused = undefined;
      const turn = await this.target.send(question.text, signal);
      this.tally.sent += 1;
      this.tally.latencyTotalMs += turn.answer.latency_ms;
      const refusal = await this.refusalToTakeBack(turn);
      if (refusal !== undefined) {
        this.backtracks += 1;
        const request = this.target.takeBack(turn);
        const response = this.target.response(turn, { backtracked: 1 }, refusal.responseId);
        await this.commit([request, response], refusal.scores);
        refused = question.text;
        continue;
      }
      this.turns += 1;
      if (turn.answer.response_error !== 'none') {
        const response = this.target.response(turn);
        const decision = decideOutcome({
          response_error: turn.answer.response_error,
          error_message: turn.answer.error_message,
          scores: [],
          aggregator: 'OR',
        });
        return this.end([turn.request, response], [], decision, response.id);
      }
      const verdict = await judgeAnswer(instance.objectiveScorer, turn.answer.text, this.objective.value, signal);
      if (!verdict.ok) {
        this.run.log.warn(`execution ${this.run.executionId}: ${verdict.reason}`);
        const response = this.target.response(turn);
        return this.end([turn.request, response], [], failedAttackOutcome(verdict.reason), response.id);
      }
      const response = this.target.response(turn, undefined, verdict.responseId);
      const pieces = [turn.request, response];
      if (verdict.decision.outcome === 'success' || this.turns >= instance.maxTurns)
        return this.end(pieces, [verdict.verdict.input], verdict.decision, response.id);
      await this.commit(pieces, [verdict.verdict.input]);
      this.target.keep(turn);
      last = { text: turn.answer.text, closeness: verdict.closeness, rationale: verdict.score.score_rationale };
    }
    // Every kept turn either ends the objective or leaves turns to go, so the loop ends inside it.
    throw new Error(`objective ${this.objective.key} ran out of turns without an end`);
  }

  /** The attacker's next question; a reply that is not Crescendo's JSON is asked for once more, as PyRIT retries. */
  private async nextQuestion(refused: string | undefined, last: JudgedAnswer | undefined): Promise<Question> {
    const { instance, signal } = this.run;
    const prompt = crescendoTurnPrompt({
      turn: this.turns + 1,
      maxTurns: instance.maxTurns,
      objective: this.objective.value,
      refused,
      last,
    });
    let lastReply = '';
    for (const message of [prompt, crescendoFormatReminder]) {
      const reply = await this.attacker.ask(message, signal);
      if (!reply.ok)
        return { ok: false, reason: `The attacker model failed, so the objective was not pursued: ${reply.reason}` };
      const question = generatedQuestion(reply.text);
      if (question !== undefined) return { ok: true, text: question };
      lastReply = reply.text;
    }
    const quoted = lastReply.length > QUOTED_REPLY_CHARS ? `${lastReply.slice(0, QUOTED_REPLY_CHARS)}…` : lastReply;
    return {
      ok: false,
      reason: `The attacker did not answer with Crescendo's JSON (a "generated_question") twice; its last reply: ${JSON.stringify(quoted)}`,
    };
  }

  /** With backtracks left: the refusal to take back (a refusal scorer's True, or a content-filter block), else undefined. */
  private async refusalToTakeBack(turn: SentTurn): Promise<Refusal | undefined> {
    const { instance, signal } = this.run;
    if (this.backtracks >= instance.maxBacktracks) return undefined;
    const responseId = randomUUID();
    if (turn.answer.response_error === 'blocked') return { responseId, scores: [] };
    if (turn.answer.response_error !== 'none') return undefined;
    try {
      const score = await instance.refusalScorer.score(
        { converted_value: turn.answer.text, response_error: 'none' },
        { objective: this.objective.value, signal },
      );
      if (score.score_type !== 'true_false' || score.score_value !== 'True') return undefined;
      return { responseId, scores: [storedVerdict(responseId, score, instance.refusalScorer).input] };
    } catch (error) {
      if (signal.aborted) throw error;
      // A refusal judge that fails costs a backtrack, not the objective: the objective scorer still judges the turn.
      this.run.log.warn(`execution ${this.run.executionId}: refusal scorer failed: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async end(
    pieces: PromptPiece[],
    scores: ScoreInput[],
    decision: OutcomeDecision,
    lastResponseId: string | null,
  ): Promise<AttackOutcome> {
    await this.commit(pieces, scores, decision, lastResponseId);
    return decision.outcome;
  }

  /** A turn's pieces (the attacker's included) and scores in one transaction; the last turn's with the attack result. */
  private async commit(
    pieces: PromptPiece[],
    scores: ScoreInput[],
    decision?: OutcomeDecision,
    lastResponseId: string | null = null,
  ): Promise<void> {
    const { run, objective } = this;
    const attackResult =
      decision === undefined
        ? undefined
        : buildAttackResult({
            executionId: run.executionId,
            promptIndex: Number(objective.key),
            conversationId: this.target.conversationId,
            objective: objective.value,
            attack: attackIdentifier(this.scope),
            lastResponseId,
            decision,
            executedTurns: this.turns,
            executionTimeMs: performance.now() - this.startedAt,
            labelsJson: this.labelsJson,
            adversarialConversationIds: [this.attacker.conversationId],
            // `backtrack_count` is PyRIT's CrescendoAttackResult key; `backtracks` is what results/objectives reads.
            metadata: {
              backtracks: this.backtracks,
              backtrack_count: this.backtracks,
              max_turns: run.instance.maxTurns,
              max_backtracks: run.instance.maxBacktracks,
            },
          });
    await run.store.addExchange({
      pieces: [...this.attacker.takePieces(), ...pieces],
      scores,
      attackResult,
      supersedes: attackResult && objective.supersedes,
    });
  }
}

/** Runs every objective of a crescendo execution, `batch_size` at a time. */
export async function runCrescendo(run: CrescendoRun): Promise<RunTally> {
  return runObjectives(run, run.instance.batchSize, (objective, tally) =>
    new CrescendoObjective(run, objective, tally).attack(),
  );
}
