/**
 * The repo config, `.github/spof-review.yml`, read the way Probot's `context.config()` reads it
 * (the same `octokit.config.get` underneath): from the default branch, falling back to the
 * owner's `.github` repository, following `_extends` for org defaults. A PR cannot change the
 * config that judges it. Nothing here throws on a bad config: errors are returned for the check
 * run to show, and the defaults apply.
 */
import { configFromObject, type ConfigError } from '../config/parse.js';
import { DEFAULT_CONFIG, type Config } from '../config/types.js';
import type { GitHub, RepoCoords } from './types.js';

/** What reading the config needs of a client: Probot's config plugin (the Action's client has it too). */
export type ConfigReader = Pick<GitHub, 'config'>;

export const CONFIG_FILE = 'spof-review.yml';
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

export interface LoadedConfig {
  config: Config;
  errors: ConfigError[];
}

/** Later configs win; maps merge key by key; lists and scalars replace (an org `ignore` list is not appended to). */
export function mergeConfigs(configs: readonly unknown[]): Record<string, unknown> {
  const merge = (a: unknown, b: unknown): unknown => {
    if (isPlainObject(a) && isPlainObject(b)) {
      const out: Record<string, unknown> = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
      return out;
    }
    return b;
  };
  let out: unknown = {};
  for (const c of configs) out = merge(out, c);
  return isPlainObject(out) ? out : {};
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The repository's config. `at.ref` reads it at that commit instead of the default branch (the GitHub
 * Action reads the base of the change); `at.path` names another file (the Action's `config` input).
 */
export async function loadConfig(gh: ConfigReader, coords: RepoCoords, at: { ref?: string; path?: string } = {}): Promise<LoadedConfig> {
  const path = at.path ?? CONFIG_PATH;
  let raw: Record<string, unknown>;
  try {
    const { config } = await gh.config.get({
      ...coords,
      path,
      ...(at.ref !== undefined ? { branch: at.ref } : {}),
      // The plugin hands the configs from the furthest `_extends` to the repo's own file: the repo wins.
      defaults: (configs: object[]) => mergeConfigs(configs),
    });
    raw = config as Record<string, unknown>;
  } catch (err) {
    const status = (err as { status?: number }).status;
    // A GitHub outage is not a config problem: let the job fail and say so.
    if (typeof status === 'number' && status >= 500) throw err;
    const message = (err as Error).message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, '');
    return { config: structuredClone(DEFAULT_CONFIG), errors: [{ file: path, line: 0, message: `${message}; defaults apply` }] };
  }
  return configFromObject(raw, path);
}
