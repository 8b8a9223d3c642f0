import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatCost,
  isFindingsFromWebview,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
} from '../../../webview/shared/findingMessages';

const created = { type: 'createFinding', attack_result_id: 'ar1', title: 'Leaks', severity: 'high' };

test('the results panel accepts the findings messages its page sends', () => {
  for (const ok of [
    { ...created, harm_category: '', description: '' },
    { ...created, harm_category: 'privacy', description: 'd'.repeat(MAX_DESCRIPTION_LENGTH) },
    { type: 'addEvidence', finding_id: 'f1', attack_result_id: 'ar1' },
    { type: 'updateFinding', finding_id: 'f1', title: 't'.repeat(MAX_TITLE_LENGTH), severity: 'info', description: '' },
    { type: 'deleteFinding', finding_id: 'f1' },
    { type: 'exportReport' },
    { type: 'findingsRendered', rendered: { findings: [], trend_rows: [] } },
  ])
    assert.ok(isFindingsFromWebview(ok), JSON.stringify(ok).slice(0, 80));
});

test('and refuses anything else: unknown severities, empty or oversized titles, missing ids', () => {
  for (const bad of [
    null,
    'createFinding',
    { type: 'ready' },
    { ...created, severity: 'severe', harm_category: '', description: '' },
    { ...created, title: '   ', harm_category: '', description: '' },
    { ...created, title: 't'.repeat(MAX_TITLE_LENGTH + 1), harm_category: '', description: '' },
    { ...created, harm_category: '', description: 'd'.repeat(MAX_DESCRIPTION_LENGTH + 1) },
    { ...created, attack_result_id: '', harm_category: '', description: '' },
    { type: 'addEvidence', finding_id: 'f1' },
    { type: 'deleteFinding', finding_id: 7 },
    { type: 'findingsRendered', rendered: { findings: [] } },
  ])
    assert.equal(isFindingsFromWebview(bad), false, JSON.stringify(bad)?.slice(0, 80));
});

test('a cost the daemon does not know is "not recorded", never 0', () => {
  assert.equal(formatCost(null), 'not recorded');
  assert.equal(formatCost(0), '0.00 USD');
  assert.equal(formatCost(1.5), '1.50 USD');
  assert.equal(formatCost(0.0042), '0.0042 USD');
});
