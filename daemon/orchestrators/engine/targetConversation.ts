import { randomUUID } from 'node:crypto';
import {
  buildPiece,
  withUsage,
  type PieceContext,
  type PieceInput,
  type PromptMetadata,
  type PromptPiece,
} from '../../memory';
import type { ConverterStack } from '../converters';
import type { ChatMessage, PromptTarget, TargetResponse } from '../targets';
import { answerText } from './attackerChat';

type StoredTurn = Omit<PieceInput, 'id' | 'conversationId'>;

/** One turn sent to the target: the request piece (built before the send) and what came back. */
export interface SentTurn {
  request: PromptPiece;
  converted: string;
  answer: TargetResponse;
}

/**
 * The target's side of an attack (PyRIT's objective_target conversation). Every call to the target under test goes
 * through `send`, so each is a send of the `objective_target` role. Turn k is request 2k and response 2k+1; a turn
 * taken back keeps its sequence numbers but never joins the history the target is sent.
 */
export class TargetConversation {
  readonly conversationId: string;
  private readonly history: ChatMessage[];
  private readonly turns: StoredTurn[];
  private readonly copied: PromptPiece[] = [];
  private sequence: number;

  private constructor(
    private readonly target: PromptTarget,
    private readonly converters: ConverterStack,
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
    for (const turn of turns) this.copied.push(this.store(turn));
  }

  static open(options: {
    target: PromptTarget;
    converters: ConverterStack;
    context: PieceContext;
    promptKey: string;
    conversationId?: string;
  }): TargetConversation {
    return new TargetConversation(
      options.target,
      options.converters,
      options.context,
      options.promptKey,
      options.conversationId ?? randomUUID(),
      [],
      [],
    );
  }

  /** A copy under a new id (a TAP branch): the target sees the same history; memory holds its own copy of it. */
  fork(context: PieceContext, conversationId: string): TargetConversation {
    return new TargetConversation(
      this.target,
      this.converters,
      context,
      this.promptKey,
      conversationId,
      [...this.history],
      [...this.turns],
    );
  }

  /** Whether anything of this conversation is (or is about to be) stored: a branch pruned before its first send is not. */
  get isEmpty(): boolean {
    return this.turns.length === 0;
  }

  /** Converts `prompt` and sends it with the kept history; only a cancel rejects. */
  async send(prompt: string, signal: AbortSignal): Promise<SentTurn> {
    const converted = await this.converters.convert(prompt);
    const request = this.record({ role: 'user', originalValue: prompt, convertedValue: converted }, this.sequence);
    const answer = await this.target.send({
      prompt: converted,
      conversation_id: this.conversationId,
      history: [...this.history],
      signal,
    });
    return { request, converted, answer };
  }

  /** The answer's piece; `id` lets a score and the attack result name it before it is built. */
  response(turn: SentTurn, metadata?: PromptMetadata, id?: string): PromptPiece {
    const { answer } = turn;
    const piece = this.record(
      {
        id,
        role: 'assistant',
        originalValue: answerText(answer),
        originalValueDataType: answer.response_error === 'none' ? 'text' : 'error',
        converters: [],
        responseError: answer.response_error,
        promptMetadata: withUsage(metadata, answer.usage),
      },
      turn.request.sequence + 1,
    );
    this.sequence = turn.request.sequence + 2;
    return piece;
  }

  /** The request of a refused turn, marked taken back (it keeps its place in memory, never in the history). */
  takeBack(turn: SentTurn): PromptPiece {
    const metadata = { backtracked: 1 };
    const stored = this.turns.find((candidate) => candidate.sequence === turn.request.sequence);
    if (stored !== undefined) stored.promptMetadata = metadata;
    return { ...turn.request, row: { ...turn.request.row, prompt_metadata: JSON.stringify(metadata) } };
  }

  /** The turn joins the history every later send carries. */
  keep(turn: SentTurn): void {
    this.history.push({ role: 'user', content: turn.converted }, { role: 'assistant', content: turn.answer.text });
  }

  /** Pieces copied from the parent of a fork, stored with the branch's first turn. */
  takeCopies(): PromptPiece[] {
    return this.copied.splice(0);
  }

  private record(turn: Omit<StoredTurn, 'sequence'> & { id?: string }, sequence: number): PromptPiece {
    const { id, ...stored } = turn;
    const full = { ...stored, sequence };
    this.turns.push(full);
    return buildPiece(this.context, { ...full, id, conversationId: this.conversationId, promptKey: this.promptKey });
  }

  private store(turn: StoredTurn): PromptPiece {
    return buildPiece(this.context, { ...turn, conversationId: this.conversationId, promptKey: this.promptKey });
  }
}
