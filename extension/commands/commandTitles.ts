import { contributes } from '../../package.json';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

/**
 * A command as the person knows it from the palette, "ViolentUTF: Clear Cache": the category and title it is
 * contributed with in package.json, never its id. An id nobody contributed is returned as it is.
 */
export function commandTitle(
  commandId: string,
  commands: readonly ContributedCommand[] = contributes.commands,
): string {
  const command = commands.find((each) => each.command === commandId);
  if (!command) return commandId;
  return command.category ? `${command.category}: ${command.title}` : command.title;
}

/** "ViolentUTF: Clear Cache failed: <why>": how every command's failure is reported, in a message and the log. */
export function commandFailure(commandId: string, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `${commandTitle(commandId)} failed: ${why}`;
}
