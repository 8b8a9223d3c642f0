import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { commandFailure, commandTitle } from '../../../extension/commands/commandTitles';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string; category?: string }[] };
};

test('a failed command is named by the title the palette shows, not by its id', () => {
  assert.equal(
    commandFailure('violentutf.clearCache', new Error('the daemon is not running')),
    'ViolentUTF: Clear Cache failed: the daemon is not running',
  );
  assert.equal(commandTitle('violentutf.retryErrors'), 'ViolentUTF: Retry Errors');
  assert.equal(commandTitle('violentutf.exportPyritMemory'), 'ViolentUTF: Export to PyRIT memory…');
});

test('every contributed command has a title, and no message built from one says its id', () => {
  for (const { command } of manifest.contributes.commands) {
    const message = commandFailure(command, new Error('x'));
    assert.match(message, /^ViolentUTF: [A-Z]/, message);
    assert.ok(!message.includes(command), message);
  }
});

test('an id nobody contributed is named as it is; a title without a category stands alone', () => {
  assert.equal(commandTitle('someone.else'), 'someone.else');
  assert.equal(commandTitle('x.y', [{ command: 'x.y', title: 'Do It' }]), 'Do It');
});
