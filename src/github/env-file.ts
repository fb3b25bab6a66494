/**
 * `.env` in the working directory, read before anything looks at the environment: Probot's setup
 * page writes the app's credentials there, so the next `npm start` must see them, and the check
 * for APP_ID would otherwise run first and start the setup page (or a do-nothing app) again.
 * Variables already set in the real environment win, as with dotenv and `node --env-file`.
 */
import { readFileSync } from 'node:fs';
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
