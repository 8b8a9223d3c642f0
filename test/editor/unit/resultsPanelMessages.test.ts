import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_FILTERS,
  isResultsPanelFromWebview,
  listParameters,
  MAX_NOTE_LENGTH,
  MAX_SEARCH_LENGTH,
  type ResultsFilters,
} from '../../../webview/shared/resultsPanelMessages';

const filters = (overrides: Partial<ResultsFilters> = {}): ResultsFilters => ({ ...DEFAULT_FILTERS, ...overrides });

test('the results panel accepts what its page sends', () => {
  for (const ok of [
    { type: 'ready' },
    { type: 'refresh' },
    { type: 'compare' },
    { type: 'loadPage', page: 'next' },
    { type: 'export', format: 'csv' },
    { type: 'openConversation', conversation_id: 'c1' },
    { type: 'filter', filters: filters() },
    {
      type: 'filter',
      filters: filters({ outcome: 'labelled', search: 'x'.repeat(MAX_SEARCH_LENGTH), sort: 'latency' }),
    },
    { type: 'label', attack_result_id: 'ar1', outcome: 'success', note: '' },
    { type: 'label', attack_result_id: 'ar1', outcome: 'failure', note: 'n'.repeat(MAX_NOTE_LENGTH) },
    { type: 'unlabel', attack_result_id: 'ar1' },
    {
      type: 'rendered',
      rendered: { headline: 'h', status: 'completed', filters: filters(), page_info: '', rows: [] },
    },
    { type: 'threadRendered', rendered: { conversation_id: 'c', header: 'h', turns: [], final: '' } },
  ])
    assert.equal(isResultsPanelFromWebview(ok), true, JSON.stringify(ok).slice(0, 120));
});

test('untrusted input from the page is refused: unknown values, wrong types, oversized text and ids', () => {
  for (const bad of [
    null,
    'ready',
    {},
    { type: 'loadPage', page: 25 },
    { type: 'loadPage', offset: 25, limit: 25 },
    { type: 'export', format: 'xlsx' },
    { type: 'filter' },
    { type: 'filter', filters: { ...filters(), outcome: 'jailbroken' } },
    { type: 'filter', filters: { ...filters(), outcome: ['success'] } },
    { type: 'filter', filters: { ...filters(), sort: 'random()' } },
    { type: 'filter', filters: { ...filters(), search: 42 } },
    { type: 'filter', filters: { ...filters(), search: 'x'.repeat(MAX_SEARCH_LENGTH + 1) } },
    { type: 'filter', filters: { outcome: 'all', sort: 'prompt' } },
    // A reviewer says jailbroken or held, never error or undetermined.
    { type: 'label', attack_result_id: 'ar1', outcome: 'error', note: '' },
    { type: 'label', attack_result_id: 'ar1', outcome: 'undetermined', note: '' },
    { type: 'label', attack_result_id: 'ar1', outcome: 'success' },
    { type: 'label', attack_result_id: 'ar1', outcome: 'success', note: 'n'.repeat(MAX_NOTE_LENGTH + 1) },
    { type: 'label', attack_result_id: '', outcome: 'success', note: '' },
    { type: 'label', attack_result_id: 'a'.repeat(101), outcome: 'success', note: '' },
    { type: 'label', attack_result_id: 7, outcome: 'success', note: '' },
    { type: 'unlabel' },
    { type: 'unlabel', attack_result_id: '' },
    { type: 'openConversation', conversation_id: 'c'.repeat(101) },
    { type: 'rendered', rendered: { headline: 'h', status: 's', page_info: '', rows: [] } },
    { type: 'rendered', rendered: null },
    { type: 'threadRendered', rendered: { conversation_id: 'c' } },
  ])
    assert.equal(isResultsPanelFromWebview(bad), false, JSON.stringify(bad)?.slice(0, 120));
});

test('the filter bar becomes results/list parameters: the daemon filters, searches and sorts', () => {
  assert.deepEqual(listParameters(filters()), { sort: 'prompt' });
  assert.deepEqual(listParameters(filters({ outcome: 'success' })), { outcome: ['success'], sort: 'prompt' });
  assert.deepEqual(listParameters(filters({ outcome: 'error', sort: 'latency' })), {
    outcome: ['error'],
    sort: 'latency',
  });
  assert.deepEqual(listParameters(filters({ outcome: 'labelled' })), { labelled: true, sort: 'prompt' });
  assert.deepEqual(listParameters(filters({ search: '  bread  ', sort: 'outcome' })), {
    search: 'bread',
    sort: 'outcome',
  });
  assert.deepEqual(listParameters(filters({ search: '   ' })), { sort: 'prompt' }, 'blank is no search');
});
