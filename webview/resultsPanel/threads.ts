import { OUTCOME_LABELS } from '../../domain/attackOutcome';
import { byId, h } from '../shared/dom';
import { scoreClass, scoreDetails } from './scoreDetails';
import type { RenderedThread, ResultsConversation, ResultsObjectives } from '../shared/resultsPanelMessages';

type Objective = ResultsObjectives['objectives'][number];
type Turn = ResultsConversation['turns'][number];

/**
 * The multi-turn part of the results panel: "N of M objectives achieved", one row per finished objective
 * (its stored outcome, a reviewer's label, turns and backtracks), and under a clicked row its target conversation
 * as a chat thread, with the attacker's conversation named. Threads of finished
 * objectives never change, so they are kept across refreshes and expanded rows stay open.
 */
export class ObjectiveThreads {
  private readonly expanded = new Set<string>();
  private readonly threads = new Map<string, ResultsConversation>();
  private readonly failures = new Map<string, string>();
  /** Threads asked for whose drawing has not been reported to the host yet. */
  private readonly unreported = new Set<string>();
  private objectives: ResultsObjectives | null = null;
  private planned = 0;

  constructor(
    private readonly open: (conversationId: string) => void,
    private readonly rendered: (thread: RenderedThread) => void,
    /** After the rows were redrawn (the keyboard navigation puts the Tab stop and the focus back). */
    private readonly drawn: () => void = () => undefined,
  ) {}

  /** Opens an objective's thread as a click would (the host asks for it when driven by a command or test). */
  expand(conversationId: string): void {
    this.unreported.add(conversationId);
    if (!this.expanded.has(conversationId)) this.toggle(conversationId);
    else this.render(this.objectives);
  }

  /** How many objectives the run was given (the execution's total), for "N of M". */
  setPlanned(total: number): void {
    this.planned = total;
    if (this.objectives) this.renderHeader(this.objectives);
  }

  render(objectives: ResultsObjectives | null): void {
    this.objectives = objectives;
    const section = byId('objectives');
    section.hidden = objectives === null;
    if (objectives === null) return;
    this.renderHeader(objectives);
    const rows: HTMLTableRowElement[] = [];
    for (const objective of objectives.objectives) {
      rows.push(this.objectiveRow(objective));
      if (this.expanded.has(objective.conversation_id)) rows.push(this.threadRow(objective));
    }
    byId('objective-rows').replaceChildren(...rows);
    this.drawn();
    for (const conversationId of [...this.unreported]) {
      if (this.threads.has(conversationId) && this.report(conversationId)) this.unreported.delete(conversationId);
    }
  }

  showConversation(conversation: ResultsConversation): void {
    this.threads.set(conversation.conversation_id, conversation);
    this.failures.delete(conversation.conversation_id);
    this.render(this.objectives);
  }

  /** Reads back what the page shows for that thread. */
  private report(conversationId: string): boolean {
    const thread = Array.from(document.querySelectorAll<HTMLElement>('.thread')).find(
      (element) => element.dataset.conversation === conversationId,
    );
    if (thread === undefined) return false;
    this.rendered({
      conversation_id: conversationId,
      header: byId('objectives-title').textContent ?? '',
      turns: Array.from(thread.querySelectorAll<HTMLElement>('.turn')).map((turn) => ({
        sequence: Number(turn.dataset.sequence),
        speaker: (turn.querySelector('.turn-head')?.textContent ?? '').split(' · ')[0],
        text: turn.querySelector('.turn-text')?.textContent ?? '',
        backtracked:
          turn.classList.contains('backtracked') &&
          getComputedStyle(turn.querySelector('.turn-text') ?? turn).textDecorationLine.includes('line-through'),
      })),
      final: thread.querySelector('.final-score')?.textContent ?? '',
    });
    return true;
  }

  showFailure(conversationId: string, message: string): void {
    this.failures.set(conversationId, message);
    this.render(this.objectives);
  }

  private renderHeader(objectives: ResultsObjectives): void {
    const of = Math.max(this.planned, objectives.objectives.length);
    const finished = objectives.objectives.length;
    const { success, error } = objectives.outcomes;
    byId('objectives-title').textContent =
      `${success} of ${of} objective${of === 1 ? '' : 's'} achieved` +
      (error > 0 ? ` · ${error} error${error === 1 ? '' : 's'}` : '') +
      (finished < of ? ` (${finished} finished)` : '');
  }

  private toggle(conversationId: string): void {
    if (this.expanded.has(conversationId)) {
      this.expanded.delete(conversationId);
    } else {
      this.expanded.add(conversationId);
      if (!this.threads.has(conversationId)) this.open(conversationId);
    }
    this.render(this.objectives);
  }

  private objectiveRow(objective: Objective): HTMLTableRowElement {
    const open = this.expanded.has(objective.conversation_id);
    const turns =
      (objective.outcome === 'success' ? `${objective.turns} to success` : String(objective.turns)) +
      (objective.backtracks > 0 ? ` (${objective.backtracks} backtracked)` : '');
    const row = h(
      'tr',
      {
        class: `objective-row${open ? ' open' : ''}`,
        tabindex: '0',
        role: 'button',
        'aria-expanded': String(open),
        'data-conversation': objective.conversation_id,
      },
      h(
        'td',
        {},
        h('span', { class: 'twisty', 'aria-hidden': 'true' }, open ? '▾ ' : '▸ '),
        objective.objective || `(objective ${objective.objective_index + 1})`,
      ),
      h(
        'td',
        {},
        h('span', { class: `outcome ${objective.outcome}` }, OUTCOME_LABELS[objective.outcome]),
        objective.label ? h('span', { class: 'label-tag' }, 'labelled') : null,
        objective.label
          ? h('div', { class: 'automated' }, `automated: ${OUTCOME_LABELS[objective.automated_outcome]}`)
          : null,
      ),
      h('td', {}, turns),
    );
    row.addEventListener('click', () => this.toggle(objective.conversation_id));
    row.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      this.toggle(objective.conversation_id);
    });
    return row;
  }

  private threadRow(objective: Objective): HTMLTableRowElement {
    const conversation = this.threads.get(objective.conversation_id);
    const failure = this.failures.get(objective.conversation_id);
    let content: Node;
    if (failure !== undefined) content = h('div', { class: 'error' }, failure);
    else if (conversation === undefined) content = h('p', { class: 'muted' }, 'Loading conversation…');
    else content = renderThread(conversation);
    return h(
      'tr',
      { class: 'thread-row' },
      h(
        'td',
        { colspan: '3' },
        objective.outcome_reason ? h('p', { class: 'reason muted' }, objective.outcome_reason) : null,
        content,
        h(
          'p',
          { class: 'muted attacker-conversation' },
          `Attacker conversation: ${objective.adversarial_conversation_id}`,
        ),
      ),
    );
  }
}

function speaker(turn: Turn): string {
  if (turn.role === 'user') return 'Attacker';
  if (turn.role === 'assistant') return 'Target';
  return turn.role.charAt(0).toUpperCase() + turn.role.slice(1);
}

function scoreBadges(turn: Turn): HTMLElement | null {
  if (turn.scores.length === 0) return null;
  return h('div', { class: 'turn-scores' }, ...turn.scores.map(scoreDetails));
}

function renderTurn(turn: Turn): HTMLElement {
  const error = turn.response_error !== 'none';
  const classes = ['turn', turn.role === 'user' ? 'attacker' : turn.role === 'assistant' ? 'target' : 'system'];
  if (turn.backtracked) classes.push('backtracked');
  if (error) classes.push('turn-error');
  const converted =
    turn.role === 'user' && turn.converted_value !== turn.original_value
      ? h('div', { class: 'turn-converted muted' }, `sent as: ${turn.converted_value}`)
      : null;
  const body = turn.role === 'user' ? turn.original_value : turn.converted_value;
  return h(
    'div',
    { class: classes.join(' '), 'data-sequence': String(turn.sequence) },
    h(
      'div',
      { class: 'turn-head muted' },
      `${speaker(turn)} · #${turn.sequence}`,
      turn.backtracked
        ? h(
            'span',
            { class: 'backtracked-label', title: 'Refused, then taken back: the target never saw this turn again.' },
            'backtracked',
          )
        : null,
    ),
    h('div', { class: 'turn-text' }, error ? `[${turn.response_error}] ${body}` : body),
    converted,
    scoreBadges(turn),
  );
}

/** The final verdict: the last score of the last kept (not backtracked) turn that has one. */
function finalScore(conversation: ResultsConversation): HTMLElement {
  const scored = conversation.turns.filter((turn) => !turn.backtracked && turn.scores.length > 0);
  const last = scored[scored.length - 1];
  if (last === undefined) return h('p', { class: 'final-score muted' }, 'No final score.');
  const score = last.scores[last.scores.length - 1];
  return h(
    'div',
    { class: 'final-score' },
    h('strong', {}, 'Final score: '),
    h('span', { class: scoreClass(score) }, `${score.scorer}: ${score.score_value}`),
    score.score_rationale ? h('div', { class: 'rationale' }, score.score_rationale) : null,
  );
}

export function renderThread(conversation: ResultsConversation): HTMLElement {
  // System pieces (if any) carry the attacker's instructions, not the exchange with the target.
  const turns = conversation.turns.filter((turn) => turn.role !== 'system');
  return h(
    'div',
    { class: 'thread', 'data-conversation': conversation.conversation_id },
    ...turns.map(renderTurn),
    finalScore(conversation),
  );
}
