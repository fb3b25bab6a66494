import { describe, expect, it } from 'vitest';
import { review, snapshot } from '../../src/analysis/index.js';
import { findMoves } from '../../src/analysis/moves.js';
import { fileSetFromRecord } from '../../src/model/index.js';

const app = (db: string) =>
  `resource "aws_instance" "app" {\n  ami = "ami-1"\n  user_data = "DB=\${${db}.address}"\n}\n`;
const db = (name: string, multiAz = 'false') => `resource "aws_db_instance" "${name}" {\n  engine   = "postgres"\n  multi_az = ${multiAz}\n}\n`;

describe('declared moves (Terraform moved blocks)', () => {
  it('pairs instance-keyed and chained moved addresses with the renamed components', () => {
    const base = snapshot(fileSetFromRecord({ 'main.tf': db('a') + db('b') + app('aws_db_instance.a') }));
    const head = snapshot(
      fileSetFromRecord({
        'main.tf':
          db('c') + db('d') + app('aws_db_instance.c') +
          'moved {\n  from = aws_db_instance.a[0]\n  to   = aws_db_instance.x\n}\n' +
          'moved {\n  from = aws_db_instance.x\n  to   = aws_db_instance.c\n}\n' +
          'moved {\n  from = aws_db_instance.b\n  to   = aws_db_instance.d\n}\n',
      }),
    );
    const pairs = findMoves(base, head).map((m) => `${m.from.id} -> ${m.to.id}`);
    expect(pairs.sort()).toEqual(['aws_db_instance.a -> aws_db_instance.c', 'aws_db_instance.b -> aws_db_instance.d']);
  });

  it('ignores a moved block whose target does not exist in the head', () => {
    const r = review({
      base: fileSetFromRecord({ 'main.tf': db('a') + db('b') + app('aws_db_instance.a') }),
      head: fileSetFromRecord({ 'main.tf': db('c') + db('d') + app('aws_db_instance.c') + 'moved {\n  from = aws_db_instance.a\n  to   = aws_db_instance.zzz\n}\n' }),
    });
    // Two same-configuration databases renamed with no usable declaration: nothing pairs them, so both read as new.
    expect(r.findings.filter((f) => f.kind === 'new-spof').map((f) => f.component.id).sort()).toEqual(['aws_db_instance.c', 'aws_db_instance.d']);
  });
});
