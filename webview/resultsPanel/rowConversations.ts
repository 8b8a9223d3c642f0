import { h } from '../shared/dom';
import type { ResultsConversation } from '../shared/resultsPanelMessages';
import { renderThread } from './threads';

/**
 * A prompt row's conversation (prompt, answer, scores, every turn of a multi-turn attack), opened under the row by
 * its Conversation button or Enter on the row. The host fetches it (results/conversation); what is open stays open
 * across redraws, as a running run redraws its rows every second or so.
 */
export class RowConversations {
  private readonly open = new Set<string>();
  private readonly conversations = new Map<string, ResultsConversation>();
  private readonly failures = new Map<string, string>();

  constructor(
    private readonly body: HTMLElement,
    private readonly request: (conversationId: string) => void,
  ) {}

  /** Opens or closes the conversation of a result row. */
  toggle(row: HTMLElement): void {
    const id = row.dataset.conversation ?? '';
    if (id === '') return;
    if (this.open.has(id)) this.open.delete(id);
    else {
      this.open.add(id);
      if (!this.conversations.has(id)) this.request(id);
    }
    this.decorate();
  }

  show(conversation: ResultsConversation): void {
    this.conversations.set(conversation.conversation_id, conversation);
    this.failures.delete(conversation.conversation_id);
    if (this.open.has(conversation.conversation_id)) this.decorate();
  }

  showFailure(conversationId: string, message: string): void {
    this.failures.set(conversationId, message);
    if (this.open.has(conversationId)) this.decorate();
  }

  /** After the rows were drawn: each gets its button, and each open one its conversation row under it. */
  decorate(): void {
    for (const stale of Array.from(this.body.querySelectorAll('tr.conversation-row'))) stale.remove();
    for (const row of Array.from(this.body.querySelectorAll<HTMLElement>('tr.result-row'))) {
      const id = row.dataset.conversation ?? '';
      const open = this.open.has(id);
      const regionId = `conversation-${row.dataset.attackResult ?? ''}`;
      let button = row.querySelector<HTMLButtonElement>('button.conversation-toggle');
      if (!button) {
        button = h('button', { type: 'button', class: 'link conversation-toggle' });
        const toggled = button;
        toggled.addEventListener('click', () => {
          this.toggle(row);
          toggled.focus();
        });
        row.querySelector('td')?.append(button);
      }
      button.textContent = open ? '▾ Hide conversation' : '▸ Conversation';
      button.setAttribute('aria-expanded', String(open));
      button.setAttribute('aria-controls', regionId);
      if (open) row.after(this.conversationRow(id, regionId, row.children.length));
    }
  }

  private conversationRow(id: string, regionId: string, columns: number): HTMLTableRowElement {
    const conversation = this.conversations.get(id);
    const failure = this.failures.get(id);
    const content =
      failure !== undefined
        ? h('div', { class: 'error' }, failure)
        : conversation === undefined
          ? h('p', { class: 'muted' }, 'Loading conversation…')
          : renderThread(conversation);
    return h(
      'tr',
      { class: 'conversation-row' },
      h(
        'td',
        { colspan: String(columns) },
        h('div', { id: regionId, role: 'region', 'aria-label': 'Conversation' }, content),
      ),
    );
  }
}
