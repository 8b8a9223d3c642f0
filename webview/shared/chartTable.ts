import { byId, h } from './dom';

/**
 * The figures of a chart as a table beside it: a canvas says nothing to a screen reader (nor to a test), the table
 * says every value and what it rests on. Text only, so a converter's or scorer's name can never become markup.
 */
export function renderChartTable(tableId: string, caption: string, headers: string[], rows: string[][]): void {
  const table = byId<HTMLTableElement>(tableId);
  table.replaceChildren(
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
    h(
      'tbody',
      {},
      ...rows.map((cells) =>
        h('tr', {}, ...cells.map((cell, index) => (index === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell)))),
      ),
    ),
  );
}
