/**
 * Which head lines of a file a review comment may sit on: GitHub accepts comments (side RIGHT)
 * only on lines shown in the diff, i.e. added or context lines inside a hunk of the file's patch.
 */

export interface Hunk {
  /** Head lines shown in this hunk (added and context lines). */
  right: Set<number>;
  /** Head lines this hunk adds. */
  added: Set<number>;
}

const HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let line = 0;
  for (const raw of patch.split('\n')) {
    const header = HEADER.exec(raw);
    if (header) {
      current = { right: new Set(), added: new Set() };
      hunks.push(current);
      line = Number(header[1]);
      continue;
    }
    if (!current) continue;
    const mark = raw[0];
    if (mark === '+') {
      current.right.add(line);
      current.added.add(line);
      line++;
    } else if (mark === ' ') {
      current.right.add(line);
      line++;
    }
    // '-' lines and "\ No newline at end of file" do not exist on the head side.
  }
  return hunks;
}

/** The hunk showing all of `start..end` on the head side, if one does. */
export function hunkCovering(hunks: readonly Hunk[], start: number, end: number): Hunk | undefined {
  return hunks.find((h) => {
    for (let l = start; l <= end; l++) if (!h.right.has(l)) return false;
    return true;
  });
}
