/**
 * The config sections the formats own (`terraform:`, `cloudformation:`): each format with settings
 * declares its section on its FormatPlugin, and the config reads them from the registry.
 */
import { FORMATS, type FormatSettings } from '../formats/index.js';
import type { Config, FormatSections } from './types.js';

/** In registry order, which is the order of their keys in the config. */
export const FORMAT_SECTIONS: readonly FormatSettings[] = FORMATS.flatMap((f) => (f.settings ? [f.settings] : []));

export function formatSectionDefaults(): FormatSections {
  // Unchecked: each format adds its section's type to FormatSections and its defaults to the registry, side by side in its own folder.
  return Object.fromEntries(FORMAT_SECTIONS.map((s) => [s.key, s.defaults()])) as unknown as FormatSections;
}

/** A format's section of a config; its defaults when the config has none (a config object built by hand). */
export function formatSection(config: Config, settings: FormatSettings): unknown {
  return (config as unknown as Partial<Record<string, unknown>>)[settings.key] ?? settings.defaults();
}
