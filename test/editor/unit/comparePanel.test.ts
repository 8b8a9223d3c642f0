import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CHANGE_LABELS,
  CHANGE_ORDER,
  formatDelta,
  isComparePanelFromWebview,
} from '../../../webview/shared/comparePanelMessages';
import { formatRate } from '../../../domain/runFigures';
import { isResultsPanelFromWebview } from '../../../webview/shared/resultsPanelMessages';

test('compare panel: deltas read as signed percentage points, a missing rate as n/a', () => {
  assert.equal(formatDelta(0.2), '+20 pp');
  assert.equal(formatDelta(-0.055), '−5.5 pp');
  assert.equal(formatDelta(0), '±0 pp');
  assert.equal(formatDelta(1e-6), '±0 pp');
  assert.equal(formatDelta(null), 'n/a');
  assert.equal(formatRate(1 / 3), '33.3%');
  assert.equal(formatRate(0.2), '20.0%');
  assert.equal(formatRate(null), 'n/a');
});

test('compare panel: newly jailbroken prompts come first, unchanged last', () => {
  assert.equal(CHANGE_ORDER[0], 'newly_jailbroken');
  assert.equal(CHANGE_ORDER[1], 'newly_held');
  assert.equal(CHANGE_ORDER.at(-1), 'unchanged');
  assert.deepEqual([...CHANGE_ORDER].sort(), Object.keys(CHANGE_LABELS).sort(), 'every change has a place and words');
});

test('compare panel: messages from the webview are checked before the host acts on them', () => {
  for (const ok of [
    { type: 'ready' },
    { type: 'refresh' },
    { type: 'swap' },
    { type: 'pick' },
    { type: 'openResults', side: 'base' },
    { type: 'openResults', side: 'head' },
  ]) {
    assert.ok(isComparePanelFromWebview(ok), JSON.stringify(ok));
  }
  assert.ok(
    isComparePanelFromWebview({
      type: 'rendered',
      rendered: { base_execution_id: 'a', head_execution_id: 'b', rows: [] },
    }),
  );
  for (const bad of [
    null,
    'ready',
    {},
    { type: 'openResults', side: 'left' },
    { type: 'rendered' },
    { type: 'rendered', rendered: { rows: [] } },
    { type: 'export', format: 'csv' },
  ]) {
    assert.equal(isComparePanelFromWebview(bad), false, JSON.stringify(bad));
  }
  // The results panel's "Compare with…" button.
  assert.ok(isResultsPanelFromWebview({ type: 'compare' }));
});
