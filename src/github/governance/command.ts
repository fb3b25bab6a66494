/**
 * `/spof-review accept <reason>` in a pull request comment: the command and its reason. The
 * command opens a line of its own (quoted lines and code blocks do not count, so quoting someone's
 * command does not accept again); the reason is the rest of that line and the lines after it.
 */
export interface AcceptCommand {
  verb: 'accept';
  reason: string | null;
}

const COMMAND = /^\/spof-review\s+accept\b[ \t]*(.*)$/i;

export function parseCommand(body: string): AcceptCommand | undefined {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = COMMAND.exec(line);
    if (!m) continue;
    const reason = [m[1]!, ...lines.slice(i + 1)].join('\n').trim();
    return { verb: 'accept', reason: reason === '' ? null : reason };
  }
  return undefined;
}
