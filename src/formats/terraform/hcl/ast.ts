/**
 * HCL2 native syntax tree with source positions. Produced by `parse.ts` for `.tf` and by
 * `json.ts` for `.tf.json`, so the evaluator sees one shape for both.
 */

export interface Pos {
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units). */
  col: number;
  /** 0-based offset into the file text. */
  offset: number;
}

export interface Range {
  start: Pos;
  /** Exclusive end. */
  end: Pos;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  range: Range;
}

export interface Attribute {
  name: string;
  expr: Expr;
  /** From the name to the end of the expression. */
  range: Range;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  /** From the block type to the closing brace. */
  range: Range;
}

export interface HclFile {
  path: string;
  body: Body;
  /** Syntax errors; the body holds whatever could be recovered around them. */
  errors: { line: number; col: number; message: string }[];
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | ScopeExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | CallExpr
  | TupleExpr
  | ObjectExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ForExpr
  | ParensExpr;

interface Node {
  range: Range;
}

export interface LiteralExpr extends Node {
  kind: 'literal';
  value: string | number | boolean | null;
}

/** A quoted string or heredoc with interpolations. A string without `${` is a LiteralExpr instead. */
export interface TemplateExpr extends Node {
  kind: 'template';
  parts: (string | Expr | TemplateDirective)[];
}

/** `%{ if }` / `%{ for }` inside templates: kept opaque, the evaluator treats them as unknown. */
export interface TemplateDirective extends Node {
  kind: 'directive';
  text: string;
}

/** A bare root name: `var`, `local`, `aws_instance`, `count`, `each`, a for-expression variable. */
export interface ScopeExpr extends Node {
  kind: 'scope';
  name: string;
}

/** `object.name` */
export interface GetAttrExpr extends Node {
  kind: 'getattr';
  object: Expr;
  name: string;
}

/** `object[key]`, also the legacy `object.0` form (key is a number literal). */
export interface IndexExpr extends Node {
  kind: 'index';
  object: Expr;
  key: Expr;
}

/** `source[*].a.b` or legacy `source.*.a`: `each` is the traversal applied to every element, as attribute names/keys. */
export interface SplatExpr extends Node {
  kind: 'splat';
  source: Expr;
  each: (string | Expr)[];
  legacy: boolean;
}

export interface CallExpr extends Node {
  kind: 'call';
  name: string;
  args: Expr[];
  /** `f(list...)` */
  expandFinal: boolean;
}

export interface TupleExpr extends Node {
  kind: 'tuple';
  items: Expr[];
}

export interface ObjectItem {
  /** A bare identifier key is a LiteralExpr string; `(expr)` or other expressions stay expressions. */
  key: Expr;
  value: Expr;
  range: Range;
}

export interface ObjectExpr extends Node {
  kind: 'object';
  items: ObjectItem[];
}

export interface ConditionalExpr extends Node {
  kind: 'conditional';
  cond: Expr;
  then: Expr;
  else: Expr;
}

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr extends Node {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export interface UnaryExpr extends Node {
  kind: 'unary';
  op: '!' | '-';
  operand: Expr;
}

/** `[for k, v in coll : value if cond]` and `{for k, v in coll : key => value... if cond}` */
export interface ForExpr extends Node {
  kind: 'for';
  object: boolean;
  keyVar: string | null;
  valueVar: string;
  collection: Expr;
  key: Expr | null;
  value: Expr;
  cond: Expr | null;
  grouping: boolean;
}

export interface ParensExpr extends Node {
  kind: 'parens';
  expr: Expr;
}
