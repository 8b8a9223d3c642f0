import { randomUUID } from 'node:crypto';
import {
  buildPiece,
  withUsage,
  type PieceContext,
  type PieceInput,
  type PromptMetadata,
  type PromptPiece,
} from '../../memory';
import type { ChatMessage, PromptTarget, TargetResponse } from '../targets';

/** What the attacker answered: its text, or why there is none (that failure ends the branch or the objective). */
export type AttackerReply = { ok: true; text: string; replyId: string } | { ok: false; reason: string };

/** A piece as built, kept so a forked conversation can store its own copy (PyRIT duplicates conversations too). */
type StoredTurn = Omit<PieceInput, 'id' | 'conversationId'>;

export function answerText(answer: TargetResponse): string {
  return answer.response_error !== 'none' && answer.text === ''
    ? (answer.error_message ?? answer.response_error)
    : answer.text;
}

/**
 * The attacker's side of an attack (PyRIT's adversarial_chat conversation): a system prompt, then the attack's
 * messages and the attacker's replies, every one stored as a piece. Every call to the attacker model goes through
 * `ask`, so each is a send of the `adversarial_chat` role. The pieces are kept out of the execution index (the
 * context's executionId is null) but carry the objective's labels, so resume and readers find them.
 */
export class AttackerChat {
  readonly conversationId: string;
  private readonly history: ChatMessage[];
  private readonly turns: StoredTurn[];
  private readonly unsaved: PromptPiece[] = [];
  private sequence: number;

  private constructor(
    private readonly target: PromptTarget,
    private readonly context: PieceContext,
    private readonly promptKey: string,
    conversationId: string,
    history: ChatMessage[],
    turns: StoredTurn[],
  ) {
    this.conversationId = conversationId;
    this.history = history;
    this.turns = turns;
    this.sequence = turns.length;
    for (const turn of turns) this.unsaved.push(this.store(turn));
  }

  /** A new attacker conversation opened with `systemPrompt`; `conversationId` lets labels name it beforehand. */
  static open(options: {
    target: PromptTarget;
    context: PieceContext;
    promptKey: string;
    systemPrompt: string;
    conversationId?: string;
  }): AttackerChat {
    const system: StoredTurn = { role: 'system', sequence: 0, originalValue: options.systemPrompt, converters: [] };
    return new AttackerChat(
      options.target,
      options.context,
      options.promptKey,
      options.conversationId ?? randomUUID(),
      [{ role: 'system', content: options.systemPrompt }],
      [system],
    );
  }

  /** A copy under a new id (a TAP branch): the same history, stored again in the new conversation. */
  fork(context: PieceContext, conversationId: string): AttackerChat {
    return new AttackerChat(this.target, context, this.promptKey, conversationId, [...this.history], [...this.turns]);
  }

  /**
   * Sends `message` with the conversation so far. A failed or empty reply is stored (with `failureMetadata`) and
   * comes back as `ok: false`; only a cancel rejects.
   */
  async ask(message: string, signal: AbortSignal, failureMetadata?: PromptMetadata): Promise<AttackerReply> {
    this.unsaved.push(this.record({ role: 'user', originalValue: message, converters: [] }));
    const reply = await this.target.send({
      prompt: message,
      conversation_id: this.conversationId,
      history: [...this.history],
      signal,
    });
    const failed = reply.response_error !== 'none' || reply.text.trim() === '';
    const response = this.record({
      role: 'assistant',
      originalValue: answerText(reply) || '(empty)',
      originalValueDataType: reply.response_error === 'none' ? 'text' : 'error',
      converters: [],
      responseError: reply.response_error,
      promptMetadata: withUsage(failed ? failureMetadata : undefined, reply.usage),
    });
    this.unsaved.push(response);
    if (failed) {
      return { ok: false, reason: reply.response_error !== 'none' ? answerText(reply) : 'it answered with no text' };
    }
    this.history.push({ role: 'user', content: message }, { role: 'assistant', content: reply.text });
    return { ok: true, text: reply.text, replyId: response.id };
  }

  /** The pieces not yet committed; the caller commits them with the turn they belong to. */
  takePieces(): PromptPiece[] {
    return this.unsaved.splice(0);
  }

  private record(turn: Omit<StoredTurn, 'sequence'>): PromptPiece {
    const stored = { ...turn, sequence: this.sequence++ };
    this.turns.push(stored);
    return this.store(stored);
  }

  private store(turn: StoredTurn): PromptPiece {
    return buildPiece(this.context, { ...turn, conversationId: this.conversationId, promptKey: this.promptKey });
  }
}
