import { randomUUID } from 'node:crypto';
import { decideOutcome } from '../../../domain/attackOutcome';
import type { PromptPiece, ScoreInput } from '../../memory';
import type { ScoreResult } from '../scorers';
import { AttackerChat } from './attackerChat';
import { conversationContexts, type ObjectiveScope } from './attackContexts';
import { scoreInput } from './judgedScores';
import { judgeAnswer, type ObjectiveVerdict } from './objectiveVerdict';
import type { AttackRun } from './objectiveWorkers';
import type { RunTally } from './runPromptSending';
import { TargetConversation } from './targetConversation';
import type { TreeOfAttacksInstance } from './treeOfAttacksInstance';
import {
  adversarialPrompt,
  treeOfAttacksFeedbackPrompt,
  treeOfAttacksFormatReminder,
  treeOfAttacksSeedPrompt,
  treeOfAttacksSystemPrompt,
} from './treeOfAttacksPrompts';

export type JudgedVerdict = Extract<ObjectiveVerdict, { ok: true }>;

/** How one step of a branch ended; `pieces` and `scores` are what the step leaves to commit. */
export type BranchOutcome =
  { kind: 'scored' | 'success'; verdict: JudgedVerdict } | { kind: 'off_topic' } | { kind: 'error'; reason: string };
export type BranchStep = BranchOutcome & { pieces: PromptPiece[]; scores: ScoreInput[] };

/** What every branch of one objective shares. */
export interface BranchSetting {
  run: AttackRun<TreeOfAttacksInstance>;
  scope: ObjectiveScope;
  tally: RunTally;
}

/**
 * One branch of a TAP tree or one PAIR stream (PyRIT's _TreeOfAttacksNode): an attacker conversation and the
 * target conversation it drives. A step asks the attacker for a prompt (JSON), has the on-topic judge look at it
 * (TAP), sends it to the target with the branch's history and has the objective scorer judge the answer, whose
 * score the attacker reads on the next step. A fork copies both conversations under new ids; each branch's
 * pieces carry its index and its parent's target conversation id as labels, so the tree can be drawn again.
 */
export class TreeBranch {
  readonly attacker: AttackerChat;
  readonly target: TargetConversation;
  /** Whether the target conversation has pieces in memory (a branch pruned before its first send has none). */
  targetStored = false;
  /** Whether the branch took a step (a fork made just before the objective succeeded never does). */
  stepped = false;
  private feedback: string | undefined;

  private constructor(
    private readonly setting: BranchSetting,
    readonly index: number,
    parent: TreeBranch | undefined,
  ) {
    const { run, scope } = setting;
    const { instance } = run;
    const attackerId = randomUUID();
    const contexts = conversationContexts(scope, instance, attackerId, {
      branch_index: String(index),
      ...(parent === undefined ? {} : { parent_conversation_id: parent.target.conversationId }),
    });
    if (parent === undefined) {
      this.attacker = AttackerChat.open({
        target: instance.adversarialChat,
        context: contexts.attacker,
        promptKey: scope.objective.key,
        systemPrompt: treeOfAttacksSystemPrompt(
          instance.systemPromptTemplate,
          scope.objective.value,
          instance.desiredPrefix,
        ),
        conversationId: attackerId,
      });
      this.target = TargetConversation.open({
        target: instance.objectiveTarget,
        converters: instance.converters,
        context: contexts.target,
        promptKey: scope.objective.key,
      });
    } else {
      this.attacker = parent.attacker.fork(contexts.attacker, attackerId);
      this.target = parent.target.fork(contexts.target, randomUUID());
      this.feedback = parent.feedback;
    }
  }

  static root(setting: BranchSetting, index: number): TreeBranch {
    return new TreeBranch(setting, index, undefined);
  }

  fork(index: number): TreeBranch {
    return new TreeBranch(this.setting, index, this);
  }

  async step(): Promise<BranchStep> {
    const { run, scope, tally } = this.setting;
    const { instance, signal } = run;
    const objective = scope.objective.value;
    const prompt = await this.nextPrompt();
    if (!prompt.ok) return this.ended({ kind: 'error', reason: prompt.reason }, [], []);
    const scores: ScoreInput[] = [];
    if (instance.onTopicScorer !== undefined) {
      let onTopic: ScoreResult;
      try {
        onTopic = await instance.onTopicScorer.score(
          { converted_value: prompt.text, response_error: 'none' },
          { objective, signal },
        );
      } catch (error) {
        if (signal.aborted) throw error;
        return this.ended({ kind: 'error', reason: `The on-topic scorer failed: ${(error as Error).message}` }, [], []);
      }
      // The on-topic verdict is about the attacker's prompt, so it is stored on the attacker's reply.
      scores.push(scoreInput(prompt.replyId, onTopic));
      if (onTopic.score_type === 'true_false' && onTopic.score_value === 'False')
        return this.ended({ kind: 'off_topic' }, [], scores);
    }
    const turn = await this.target.send(prompt.text, signal);
    tally.sent += 1;
    tally.latencyTotalMs += turn.answer.latency_ms;
    if (turn.answer.response_error !== 'none') {
      const { reason } = decideOutcome({
        response_error: turn.answer.response_error,
        error_message: turn.answer.error_message,
        scores: [],
        aggregator: 'OR',
      });
      return this.ended({ kind: 'error', reason }, [turn.request, this.target.response(turn)], scores);
    }
    const verdict = await judgeAnswer(instance.objectiveScorer, turn.answer.text, objective, signal);
    if (!verdict.ok)
      return this.ended({ kind: 'error', reason: verdict.reason }, [turn.request, this.target.response(turn)], scores);
    const response = this.target.response(turn, undefined, verdict.responseId);
    scores.push(verdict.verdict.input);
    this.target.keep(turn);
    this.feedback = treeOfAttacksFeedbackPrompt({
      output: turn.answer.text,
      objective,
      closeness: verdict.closeness,
      rationale: verdict.score.score_rationale,
    });
    const kind = verdict.decision.outcome === 'success' ? 'success' : 'scored';
    return this.ended({ kind, verdict }, [turn.request, response], scores);
  }

  /** The attacker's prompt; a reply that is not the JSON asked for is asked for once more, as PyRIT retries. */
  private async nextPrompt(): Promise<{ ok: true; text: string; replyId: string } | { ok: false; reason: string }> {
    const { run, scope } = this.setting;
    const first = this.feedback ?? treeOfAttacksSeedPrompt(scope.objective.value, run.instance.desiredPrefix);
    for (const message of [first, treeOfAttacksFormatReminder]) {
      const reply = await this.attacker.ask(message, run.signal);
      if (!reply.ok) return { ok: false, reason: `The attacker model failed: ${reply.reason}` };
      const prompt = adversarialPrompt(reply.text);
      if (prompt !== undefined) return { ok: true, text: prompt, replyId: reply.replyId };
    }
    return { ok: false, reason: 'The attacker did not answer with the JSON asked for (a "prompt") twice.' };
  }

  /** The step's pieces: the attacker's, and the target's (with a fork's copied history) once the target was asked. */
  private ended(result: BranchOutcome, targetPieces: PromptPiece[], scores: ScoreInput[]): BranchStep {
    const copies = targetPieces.length > 0 ? this.target.takeCopies() : [];
    if (targetPieces.length > 0) this.targetStored = true;
    this.stepped = true;
    return { ...result, pieces: [...this.attacker.takePieces(), ...copies, ...targetPieces], scores };
  }
}
