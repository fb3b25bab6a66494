/**
 * `moved` blocks: the configuration's own word that an address was renamed. Addresses are written
 * relative to the module that declares the block; component ids carry no instance keys, so keys are
 * dropped (`aws_instance.a[0]` is `aws_instance.a`, `module.a["x"].aws_s3_bucket.b` is
 * `module.a.aws_s3_bucket.b`).
 */
import type { DeclaredMove } from '../../model/index.js';
import type { Located } from './context.js';
import type { Block, Expr } from './hcl/ast.js';

/** The address an expression names, keys dropped; undefined when it is not a plain traversal. */
export function addressOf(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'scope':
      return expr.name;
    case 'getattr': {
      const object = addressOf(expr.object);
      return object === undefined ? undefined : `${object}.${expr.name}`;
    }
    case 'index':
      return addressOf(expr.object);
    default:
      return undefined;
  }
}

/** The moves a module's `moved` blocks declare, prefixed with the module's address (`''` at the root). */
export function declaredMoves(blocks: readonly Located<Block>[], prefix: string): DeclaredMove[] {
  const out: DeclaredMove[] = [];
  for (const { node } of blocks) {
    const from = node.body.attributes.find((a) => a.name === 'from');
    const to = node.body.attributes.find((a) => a.name === 'to');
    const fromAddress = from && addressOf(from.expr);
    const toAddress = to && addressOf(to.expr);
    if (fromAddress && toAddress && fromAddress !== toAddress) out.push({ from: `${prefix}${fromAddress}`, to: `${prefix}${toAddress}` });
  }
  return out;
}
