/**
 * Terraform 0.11 list literals. Before 0.12 an interpolation was the only way to pass a list, and a list
 * literal flattened the lists its elements interpolate: `subnets = ["${split(",", var.ids)}"]` and
 * `vpc_zone_identifier = ["${var.subnet_ids}"]` are the whole list, of whatever length it has, not one
 * subnet. Counting them as one element made every load balancer and Auto Scaling group of such a
 * codebase look single-zone. (0.12+ rejects a list nested where a list of strings is expected, so the
 * flattening never misreads a configuration that Terraform accepts.)
 */
import type { Expr, TemplateExpr } from './hcl/ast.js';
import { list, unionRefs, unknown, type Refs, type Site, type Val } from './values.js';
import { append, unionAll } from '../../model/index.js';

/** `"${expr}"`: a template that is exactly one interpolation (its value is the expression's, list or not). */
export function isPureInterpolation(expr: Expr): expr is TemplateExpr {
  if (expr.kind !== 'template' || expr.parts.length !== 1) return false;
  const part = expr.parts[0]!;
  return typeof part !== 'string' && part.kind !== 'directive';
}

/**
 * Whether a value is known to be one element, not a list to flatten: a string, a number, an object,
 * a resource, or an unknown known to be a single value (a resource id, a `type = "string"` variable).
 */
function isSingleValue(value: Val): boolean {
  if (value.t === 'list') return false;
  if (value.t === 'unknown') return value.scalar === true;
  return true;
}

/**
 * The value of a tuple expression whose items were evaluated to `values`: items written as a pure
 * interpolation are spliced in when they are lists; when one is unknown and not known to be a single
 * value, the length of the whole list is unknown.
 */
export function tupleValue(items: readonly Expr[], values: readonly Val[], site: Site | undefined): Val {
  if (!items.some(isPureInterpolation)) return list(values, { site });
  const out: Val[] = [];
  const refSets: (Refs | undefined)[] = [];
  let unknownPart: Val | undefined;
  items.forEach((item, index) => {
    const value = values[index]!;
    refSets.push(value.refs);
    if (!isPureInterpolation(item) || isSingleValue(value)) out.push(value);
    else if (value.t === 'list') append(out, value.items);
    else unknownPart ??= value;
  });
  if (unknownPart) {
    const why = unknownPart.t === 'unknown' && unknownPart.why ? unknownPart.why : 'a value that could not be evaluated';
    return unknown(`${why}, interpolated into a list (a list of unknown length in Terraform 0.11)`, { refs: unionAll(refSets), site });
  }
  return list(out, { site, own: spliceOwnRefs(values) });
}

/** Refs that belonged to the spliced lists themselves (`aws_subnet.x.*.id`), kept on the new list. */
function spliceOwnRefs(values: readonly Val[]): Refs | undefined {
  return unionAll(values.map((value) => (value.t === 'list' ? value.own : undefined)));
}
