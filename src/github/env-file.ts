/**
 * `.env` in the working directory, read before anything looks at the environment: Probot's setup
 * page writes the app's credentials there, so the next `npm start` must see them, and the check
 * for APP_ID would otherwise run first and start the setup page (or a do-nothing app) again.
 * Variables already set in the real environment win, as with dotenv and `node --env-file`.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export const ENV_FILE = '.env';

/** Sets the variables `.env` in `cwd` holds and `env` lacks; returns the names read (never values), or undefined when there is no file. */
export function applyEnvFile(env: NodeJS.ProcessEnv, cwd = process.cwd()): { path: string; names: string[] } | undefined {
  const path = join(cwd, ENV_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const values = parseEnv(text);
  const names: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    names.push(name);
    if (env[name] === undefined) env[name] = value;
  }
  return { path, names: names.sort() };
}

/**
 * Sets `values` in `.env` (kept: its other lines, comments included; replaced: the lines of these
 * names) and in `env`. The file holds the private key: readable by its owner only.
 */
export function updateEnvFile(values: Record<string, string>, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const path = join(cwd, ENV_FILE);
  let lines: string[] = [];
  try {
    lines = readFileSync(path, 'utf8').split('\n');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const names = new Set(Object.keys(values));
  lines = lines.filter((l) => !names.has(/^\s*(?:export\s+)?([\w.-]+)\s*=/.exec(l)?.[1] ?? ''));
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  for (const [name, value] of Object.entries(values)) lines.push(`${name}=${quote(value)}`);
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  Object.assign(env, values);
  return path;
}

/** As `parseEnv` reads it back: double quotes expand `\n`, so a PEM fits on one line. */
function quote(value: string): string {
  if (/^[\w.:/@+-]*$/.test(value)) return value;
  if (value.includes('"')) throw new Error('a .env value with a double quote is not written');
  return `"${value.replace(/\r?\n/g, '\\n')}"`;
}
