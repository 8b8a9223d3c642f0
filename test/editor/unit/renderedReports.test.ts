import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RenderedReports } from '../../../extension/panels/renderedReports';

test('a panel answers with the latest drawing that matches, else with the next one that does', async () => {
  const reports = new RenderedReports<{ page: number }>();
  const second = reports.when((r) => r.page === 2);
  reports.report({ page: 1 });
  reports.report({ page: 2 });
  assert.deepEqual(await second, { page: 2 });
  assert.deepEqual(await reports.when((r) => r.page === 2), { page: 2 }, 'the latest one matches');
  const fresh = reports.when((r) => r.page === 2, true);
  reports.report({ page: 2 });
  assert.deepEqual(await fresh, { page: 2 }, 'fresh waits for a drawing still to come');
  assert.deepEqual(reports.latest, { page: 2 });
});
