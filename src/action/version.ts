import { readFileSync } from 'node:fs';

/** Our package.json's version: `../../package.json` from src/action and from the bundle in action/dist alike. */
export function actionVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
