import { cloudformation } from './cloudformation/index.js';
import { compose } from './compose/index.js';
import type { FormatPlugin } from './format.js';
import { kubernetes } from './kubernetes/index.js';
import { terraform } from './terraform/index.js';

/**
 * The one registry of input formats, in claim order. Adding a format means adding its folder
 * and one line here; nothing else in the engine names a format.
 */
export const FORMATS: readonly FormatPlugin[] = [terraform, compose, kubernetes, cloudformation];

export type { FormatPlugin, Stack, Extraction, FormatOptions } from './format.js';
