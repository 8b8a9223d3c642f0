import { OUTCOME_LABELS, type LabelOutcome } from '../../domain/attackOutcome';
import { h } from '../shared/dom';
import { MAX_NOTE_LENGTH, type ResultItem } from '../shared/resultsPanelMessages';
import { scoreDetails } from './scoreDetails';

/** What a row's triage buttons ask the host for (the webview never talks to the daemon). */
export interface RowActions {
  label(attackResultId: string, outcome: LabelOutcome, note: string): void;
  unlabel(attackResultId: string): void;
}

const BUTTONS: { action: LabelOutcome | 'clear'; text: string }[] = [
  { action: 'success', text: `Mark ${OUTCOME_LABELS.success}` },
  { action: 'failure', text: `Mark ${OUTCOME_LABELS.failure}` },
  { action: 'clear', text: 'Clear' },
];

function cell(text: string, className = ''): HTMLTableCellElement {
  return h('td', className ? { class: className } : {}, h('div', { class: 'cell-clip' }, text));
}

function verdictHead(item: ResultItem): HTMLElement {
  return h(
    'div',
    { class: 'verdict-head' },
    h('span', { class: `outcome ${item.outcome}` }, OUTCOME_LABELS[item.outcome]),
    item.label ? h('span', { class: 'label-tag', title: `Labelled by ${item.label.reviewer}` }, 'labelled') : null,
  );
}

/** The reviewer's note, then (smaller) what the scorers said and why; unlabelled, only the why. */
function labelLines(item: ResultItem): HTMLElement[] {
  const reason = item.outcome_reason
    ? h('div', { class: 'reason muted', 'data-region': 'Why this outcome' }, item.outcome_reason)
    : null;
  if (!item.label) return reason ? [reason] : [];
  const note = item.label.note ? `“${item.label.note}” — ${item.label.reviewer}` : `by ${item.label.reviewer}`;
  const automated = h('div', { class: 'automated' }, `automated: ${OUTCOME_LABELS[item.automated_outcome]}`);
  return [h('div', { class: 'label-note' }, note), automated, ...(reason ? [reason] : [])];
}

/** Mark jailbroken / Mark held / Clear with an optional note, in the row: a reviewer triages without a dialog. */
function triage(item: ResultItem, actions: RowActions): HTMLElement {
  const note = h('input', {
    type: 'text',
    class: 'note-input',
    placeholder: 'Note (optional)',
    'aria-label': 'Note for your verdict',
    maxlength: String(MAX_NOTE_LENGTH),
  });
  const failure = h('div', { class: 'label-error', role: 'alert', hidden: '' });
  const buttons = BUTTONS.map(({ action, text }) => {
    const button = h('button', { type: 'button', class: 'secondary small', 'data-action': action }, text);
    // Clear takes back a label; without one there is nothing to clear. A label equal to the shown outcome is not
    // offered again.
    button.disabled = action === 'clear' ? item.label === null : item.label?.outcome === action;
    button.addEventListener('click', () => {
      for (const each of buttons) each.disabled = true;
      failure.hidden = true;
      // Sent: the redraw that shows the stored label must not put the note back into the input.
      note.dataset.sent = 'true';
      if (action === 'clear') actions.unlabel(item.attack_result_id);
      else actions.label(item.attack_result_id, action, note.value.slice(0, MAX_NOTE_LENGTH));
    });
    return button;
  });
  return h('div', { class: 'triage' }, note, h('div', { class: 'triage-buttons' }, ...buttons), failure);
}

function verdictCell(item: ResultItem, actions: RowActions): HTMLTableCellElement {
  return h(
    'td',
    { class: 'verdict' },
    verdictHead(item),
    ...labelLines(item),
    // An error has no answer to judge: the way on is Retry Errors, not a verdict.
    item.automated_outcome === 'error' && !item.label
      ? h('div', { class: 'muted' }, 'No answer to judge; Retry Errors sends it again.')
      : triage(item, actions),
  );
}

/** One row of the table: the prompt, what was sent, the answer, each score (expandable) and the outcome. */
export function resultRow(item: ResultItem, actions: RowActions): HTMLTableRowElement {
  const response = item.response;
  const responseError = response && response.response_error !== 'none' ? response.response_error : '';
  const converted = item.request.converters.length
    ? `${item.request.converted_value}\n— ${item.request.converters.join(' → ')}`
    : item.request.converted_value;
  return h(
    'tr',
    {
      class: `result-row outcome-${item.outcome}`,
      'data-attack-result': item.attack_result_id,
      'data-conversation': item.conversation_id,
      'data-label': item.label?.outcome ?? '',
    },
    cell(item.request.original_value),
    cell(converted),
    response
      ? cell(
          responseError ? `[${responseError}] ${response.converted_value}` : response.converted_value,
          responseError ? 'response-error' : '',
        )
      : cell('(no response stored)', 'muted'),
    h(
      'td',
      { class: 'scores' },
      ...(item.scores.length > 0 ? item.scores.map(scoreDetails) : [h('span', { class: 'muted' }, '(no scores)')]),
    ),
    verdictCell(item, actions),
  );
}

/** A row whose label could not be stored gets its buttons back and says why. */
export function showLabelFailure(row: HTMLElement, message: string): void {
  const failure = row.querySelector<HTMLElement>('.label-error');
  if (failure) {
    failure.hidden = false;
    failure.textContent = message;
  }
  const note = row.querySelector<HTMLInputElement>('.note-input');
  if (note) delete note.dataset.sent;
  const label = row.dataset.label ?? '';
  for (const button of Array.from(row.querySelectorAll<HTMLButtonElement>('.triage-buttons button'))) {
    const action = button.dataset.action;
    button.disabled = action === 'clear' ? label === '' : label === action;
  }
}

/** What a person did in the rows that a redraw must not undo: notes being typed, scores unfolded, the focus. */
export interface RowsState {
  notes: Map<string, string>;
  open: Set<string>;
  focused: string | null;
}

function resultIdOf(element: Element): string {
  return element.closest<HTMLElement>('tr.result-row')?.dataset.attackResult ?? '';
}

/** Read before the rows are replaced (a running run redraws them every second or so). */
export function captureRows(rows: HTMLElement): RowsState {
  const notes = new Map<string, string>();
  for (const input of Array.from(rows.querySelectorAll<HTMLInputElement>('.note-input')))
    if (input.value !== '' && input.dataset.sent === undefined) notes.set(resultIdOf(input), input.value);
  const open = new Set(
    Array.from(rows.querySelectorAll<HTMLDetailsElement>('details.score-detail[open]')).map(
      (details) => `${resultIdOf(details)}/${details.dataset.score ?? ''}`,
    ),
  );
  const active = document.activeElement;
  const focused =
    active instanceof HTMLInputElement && active.classList.contains('note-input') ? resultIdOf(active) : null;
  return { notes, open, focused };
}

/** Puts it back on the new rows of the same results. */
export function restoreRows(rows: HTMLElement, state: RowsState): void {
  for (const row of Array.from(rows.querySelectorAll<HTMLElement>('tr.result-row'))) {
    const id = row.dataset.attackResult ?? '';
    const input = row.querySelector<HTMLInputElement>('.note-input');
    const note = state.notes.get(id);
    if (input && note !== undefined) input.value = note;
    if (input && state.focused === id) input.focus();
    for (const details of Array.from(row.querySelectorAll<HTMLDetailsElement>('details.score-detail')))
      details.open = state.open.has(`${id}/${details.dataset.score ?? ''}`);
  }
}
