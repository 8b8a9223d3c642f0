import { byId } from '../shared/dom';
import { RowNavigation } from '../shared/rowNavigation';
import { keyboardScrollable } from '../shared/scrollableRegions';

/**
 * The results panel's keyboard paths (extension/README.md names them): "/" goes to the search from anywhere but a
 * text field; ↑/↓ move through the prompt rows and the objective rows; Enter on a prompt row opens its conversation
 * (on an objective row, its thread); Tab from a row reaches its scores, note and Mark buttons; Escape goes back to the
 * row. After a label is stored the rows are redrawn and the focus comes back to the same row.
 */
export class ResultsKeyboard {
  private readonly results: RowNavigation;
  private readonly objectives: RowNavigation;
  private readonly markScrollable = keyboardScrollable(byId('rows'), '.cell-clip, .reason');

  constructor(openConversation: (row: HTMLElement) => void) {
    this.results = new RowNavigation(
      byId('rows'),
      'tr.result-row',
      (row) => row.dataset.attackResult ?? '',
      openConversation,
    );
    // Objective rows open their thread on Enter or Space themselves.
    this.objectives = new RowNavigation(
      byId('objective-rows'),
      'tr.objective-row',
      (row) => row.dataset.conversation ?? '',
    );
    document.addEventListener('keydown', (event) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return;
      event.preventDefault();
      byId('filter-search').focus();
    });
  }

  /** After the prompt rows were drawn: clipped cells that scroll become Tab stops, the row keeps its Tab stop. */
  rowsDrawn(): void {
    this.markScrollable();
    this.results.refresh();
  }

  objectivesDrawn(): void {
    this.objectives.refresh();
  }
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}
