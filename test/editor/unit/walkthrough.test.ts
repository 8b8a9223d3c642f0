import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const REPO = path.resolve(__dirname, '..', '..', '..');

interface WalkthroughStep {
  id: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

interface Manifest {
  contributes: {
    commands: { command: string }[];
    walkthroughs?: { id: string; steps: WalkthroughStep[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));
const walkthroughs = manifest.contributes.walkthroughs ?? [];

/** `command:` links in a step's markdown description (`command:id` or `command:id?args`) and `onCommand:` events. */
function linkedCommands(step: WalkthroughStep): string[] {
  const links = [...step.description.matchAll(/\(command:([\w.-]+)/g)].map((match) => match[1] ?? '');
  const events = (step.completionEvents ?? [])
    .filter((event) => event.startsWith('onCommand:'))
    .map((event) => event.slice('onCommand:'.length));
  return [...links, ...events];
}

test('the extension contributes a walkthrough from a config to first results', () => {
  assert.equal(walkthroughs.length, 1);
  const steps = walkthroughs[0]?.steps.map((step) => step.id);
  assert.deepEqual(steps, ['config', 'launch', 'watch', 'results', 'debug']);
});

test('every command a walkthrough step links to is a contributed command', () => {
  let checked = 0;
  for (const walkthrough of walkthroughs) {
    for (const step of walkthrough.steps) {
      for (const command of linkedCommands(step)) {
        assert.ok(
          contributed.has(command),
          `walkthrough step "${step.id}" links to ${command}, which package.json does not contribute`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked >= 5, 'the walkthrough links to the commands it teaches');
});

test('the commands the walkthrough links to are registered by the extension, and its media files ship', () => {
  const registration = fs.readFileSync(path.join(REPO, 'extension', 'commands', 'registerCommands.ts'), 'utf8');
  const shipped = fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8');
  for (const step of walkthroughs.flatMap((walkthrough) => walkthrough.steps)) {
    for (const command of linkedCommands(step))
      assert.ok(registration.includes(`'${command}':`), `${command} has no handler in registerCommands.ts`);
    const media = step.media.markdown ?? step.media.image ?? '';
    assert.ok(fs.existsSync(path.join(REPO, media)), `step "${step.id}": ${media} is missing`);
    assert.ok(
      shipped.includes(`!${path.posix.dirname(media)}/*${path.extname(media)}`),
      `${media} is not in the .vscodeignore allowlist`,
    );
  }
});
