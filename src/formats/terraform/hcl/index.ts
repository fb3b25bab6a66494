/**
 * HCL2 parsing for Terraform: native syntax (`.tf`) and JSON syntax (`.tf.json`), both producing
 * the AST of `ast.ts` with source positions. Neither function throws: syntax errors are returned
 * in `HclFile.errors` and the body holds everything that could be recovered.
 */
import type { HclFile } from './ast.js';
import { parseJson } from './json.js';
import { parseNative } from './parse.js';

export type * from './ast.js';

/** Parse a `.tf` file (HCL native syntax). */
export function parseHcl(path: string, text: string): HclFile {
  return parseNative(path, text);
}

/**
 * Parse a `.tf.json` file (HCL JSON syntax, interpreted with Terraform's block structure; see
 * json.ts). For a `.tfvars.json` path every top-level property is an attribute.
 */
export function parseHclJson(path: string, text: string): HclFile {
  return parseJson(path, text);
}
