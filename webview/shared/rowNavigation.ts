/**
 * Arrow keys through the rows of a table, with one row in the Tab order at a time (a roving tabindex): Tab into the
 * table lands on its first row, ↑/↓ (and Home/End) move between rows, Enter runs the row's action, Escape from a
 * control inside a row goes back to the row. The tbody stays while its rows are redrawn, so one listener serves every
 * redraw; call `refresh()` after each.
 */
export class RowNavigation {
  /** The key (a data attribute) of the row that holds the Tab stop. */
  private current: string | null = null;
  /** Focus was in these rows and no one moved it elsewhere: a redraw that removed the focused element gives it back. */
  private focusWithin = false;

  constructor(
    private readonly body: HTMLElement,
    private readonly rowSelector: string,
    private readonly keyOf: (row: HTMLElement) => string,
    private readonly activate?: (row: HTMLElement) => void,
  ) {
    body.addEventListener('keydown', (event) => this.onKey(event));
    body.addEventListener('focusin', (event) => {
      this.focusWithin = true;
      const row = this.rowOf(event.target);
      if (row) this.makeCurrent(row);
    });
    body.addEventListener('focusout', (event) => {
      const to = event.relatedTarget;
      if (to instanceof Node && body.contains(to)) return;
      const from = event.target;
      const leave = (): void => {
        // The person left the table: Tab into it again lands on its first row.
        this.focusWithin = false;
        this.current = null;
        this.refresh();
      };
      if (to !== null) return leave();
      // A pressed button disabled until the host answers, or a row redrawn away, took the focus with it: not the
      // person leaving, so the redraw (which runs before this check) gives the focus back. Told apart once it is over.
      queueMicrotask(() => {
        const taken = from instanceof HTMLElement && (!from.isConnected || from.matches(':disabled'));
        if (!taken && !body.contains(document.activeElement)) leave();
      });
    });
  }

  rows(): HTMLElement[] {
    return Array.from(this.body.querySelectorAll<HTMLElement>(this.rowSelector));
  }

  /** After the rows were redrawn: one Tab stop again, and the focus back on the row it was in if it was lost. */
  refresh(): void {
    const rows = this.rows();
    const current = rows.find((row) => this.keyOf(row) === this.current) ?? rows[0];
    for (const row of rows) row.tabIndex = row === current ? 0 : -1;
    this.current = current ? this.keyOf(current) : null;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (current && this.focusWithin && lost) current.focus({ preventScroll: true });
  }

  private rowOf(target: EventTarget | null): HTMLElement | null {
    if (!(target instanceof Element)) return null;
    const row = target.closest<HTMLElement>(this.rowSelector);
    return row && this.body.contains(row) ? row : null;
  }

  private makeCurrent(row: HTMLElement): void {
    for (const each of this.rows()) each.tabIndex = each === row ? 0 : -1;
    this.current = this.keyOf(row);
  }

  private onKey(event: KeyboardEvent): void {
    const row = this.rowOf(event.target);
    if (!row) return;
    if (event.target !== row) {
      // Inside the row (a note being typed, a button): only Escape is ours.
      if (event.key === 'Escape') {
        event.preventDefault();
        row.focus();
      }
      return;
    }
    const rows = this.rows();
    const index = rows.indexOf(row);
    const to = (next: HTMLElement | undefined): void => {
      event.preventDefault();
      if (!next) return;
      this.makeCurrent(next);
      next.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return to(rows[index + 1]);
      case 'ArrowUp':
        return to(rows[index - 1]);
      case 'Home':
        return to(rows[0]);
      case 'End':
        return to(rows[rows.length - 1]);
      case 'Enter':
        if (!this.activate) return;
        event.preventDefault();
        this.activate(row);
        return;
    }
  }
}
