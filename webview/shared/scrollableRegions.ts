/**
 * A clipped cell (a long prompt or answer scrolls inside its row) is read by scrolling it, and a keyboard scrolls
 * only what has the focus: each one that overflows now becomes a Tab stop named after its column. Checked after a
 * redraw and when the panel is resized; one that fits is left out of the Tab order.
 */
export function keyboardScrollable(root: HTMLElement, selector: string): () => void {
  const mark = (): void => {
    for (const element of Array.from(root.querySelectorAll<HTMLElement>(selector))) {
      const overflows =
        element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1;
      if (!overflows) {
        element.removeAttribute('tabindex');
        element.removeAttribute('role');
        element.removeAttribute('aria-label');
        continue;
      }
      element.tabIndex = 0;
      element.setAttribute('role', 'region');
      element.setAttribute('aria-label', `${columnName(element)} (scrolls)`);
    }
  };
  window.addEventListener('resize', mark);
  return mark;
}

function columnName(element: HTMLElement): string {
  const cell = element.closest('td');
  const table = cell?.closest('table');
  if (!cell || !table) return 'Text';
  const header =
    element.dataset.region ?? (table.querySelectorAll('thead th')[cell.cellIndex]?.textContent?.trim() || 'Text');
  // Landmarks need names of their own: the row's place among the table's rows (rows opened under one not counted).
  const row = cell.closest('tr');
  const rows = Array.from(row?.parentElement?.children ?? []).filter(
    (each) => !each.classList.contains('conversation-row') && !each.classList.contains('thread-row'),
  );
  return row ? `${header}, row ${rows.indexOf(row) + 1}` : header;
}
