/** Log output read the way a log pipeline reads it: one JSON object per line, and any key written twice in one object. */
import { visit } from 'jsonc-parser';

export interface LogLines {
  lines: Record<string, any>[];
  /** `line N: key` for every key an object repeats; lines that are not JSON objects. */
  problems: string[];
}

export function readLogLines(text: string): LogLines {
  const lines: Record<string, any>[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.push(`line ${i + 1}: not JSON: ${raw.slice(0, 120)}`);
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push(`line ${i + 1}: not an object`);
      return;
    }
    const keys: Set<string>[] = [];
    visit(raw, {
      onObjectBegin: () => void keys.push(new Set()),
      onObjectEnd: () => void keys.pop(),
      onObjectProperty: (name) => {
        const seen = keys[keys.length - 1]!;
        if (seen.has(name)) problems.push(`line ${i + 1}: key "${name}" twice`);
        seen.add(name);
      },
    });
    lines.push(parsed as Record<string, any>);
  });
  return { lines, problems };
}
