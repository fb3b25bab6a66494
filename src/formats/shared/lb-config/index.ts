/**
 * Which load-balancer configuration a file holds, by content (names vary: `default.conf`,
 * `haproxy.cfg`, `dynamic.yml`, `envoy.yaml`), and its pools of servers.
 */
import { looksLikeHaproxy, parseHaproxy } from './haproxy.js';
import { looksLikeNginx, parseNginx } from './nginx.js';
import type { LbConfig } from './pool.js';
import { looksLikeTraefikToml, parseTraefikToml } from './traefik-toml.js';
import { looksLikeEnvoy, looksLikeTraefikYaml, parseEnvoyYaml, parseTraefikYaml } from './yaml-pools.js';

export type { LbConfig, Pool, PoolServer } from './pool.js';
export { LB_LIMITS } from './pool.js';

/** File endings load-balancer configuration is written in (besides `.yaml` / `.yml`). */
export const LB_CONFIG_SUFFIXES = ['.conf', '.cfg', '.toml', '.conf.template'] as const;

/** The load-balancer configuration a file holds, or undefined when it holds none this reads. */
export function readLbConfig(path: string, text: string): LbConfig | undefined {
  const name = path.toLowerCase();
  if (name.endsWith('.toml')) return looksLikeTraefikToml(text) ? parseTraefikToml(text) : undefined;
  if (name.endsWith('.yaml') || name.endsWith('.yml')) {
    if (looksLikeEnvoy(text)) return parseEnvoyYaml(text);
    if (looksLikeTraefikYaml(text)) return parseTraefikYaml(text);
    return undefined;
  }
  if (looksLikeNginx(text)) return parseNginx(text);
  if (looksLikeHaproxy(text)) return parseHaproxy(text);
  return undefined;
}

/** Whether a file holds load-balancer pools (a cheap test by content, for sniffing). */
export function isLbConfig(path: string, text: string): boolean {
  const config = readLbConfig(path, text);
  return config !== undefined && config.pools.length > 0;
}
