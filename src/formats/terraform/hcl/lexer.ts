/**
 * HCL2 native-syntax lexer: charCode based, on demand, one token at a time.
 *
 * The parser drives it: it reads `type`/`start`/`end` of the current token and calls `next()`.
 * Strings and heredoc bodies are not tokenised here: on `"` (T.OQuote) or `<<EOF` (T.Heredoc)
 * the parser scans the template itself from `end` and then moves `pos` past it. This keeps
 * the lexer free of a mode stack and the whole thing single pass.
 *
 * `nl` selects newline sensitivity: when false (block bodies, object constructors) a newline
 * is a token (a run of blank lines and comments collapses into one T.Newline); when true
 * (inside parentheses, brackets, interpolations) newlines are whitespace.
 */

const TOKENS = {
  EOF: 0,
  Newline: 1,
  Ident: 2,
  Number: 3,
  OQuote: 4,
  Heredoc: 5,
  LBrace: 6,
  RBrace: 7,
  LBrack: 8,
  RBrack: 9,
  LParen: 10,
  RParen: 11,
  Comma: 12,
  Dot: 13,
  Ellipsis: 14,
  Colon: 15,
  DColon: 16,
  Question: 17,
  Assign: 18,
  FatArrow: 19,
  Eq: 20,
  Ne: 21,
  Lt: 22,
  Gt: 23,
  Le: 24,
  Ge: 25,
  Plus: 26,
  Minus: 27,
  Star: 28,
  Slash: 29,
  Percent: 30,
  And: 31,
  Or: 32,
  Bang: 33,
  Tilde: 34,
  Invalid: 35,
} as const;
/** Token types. Typed as plain numbers so that comparisons after `next()` are not narrowed away. */
export const T: { readonly [K in keyof typeof TOKENS]: number } = TOKENS;

const TOKEN_TEXT: readonly string[] = [
  'end of file', 'newline', 'identifier', 'number', 'string', 'heredoc',
  "'{'", "'}'", "'['", "']'", "'('", "')'", "','", "'.'", "'...'", "':'", "'::'", "'?'", "'='", "'=>'",
  "'=='", "'!='", "'<'", "'>'", "'<='", "'>='", "'+'", "'-'", "'*'", "'/'", "'%'", "'&&'", "'||'", "'!'", "'~'",
  'invalid character',
];

/** ASCII identifier-continue characters: letters, digits, '_' and '-'. */
const ID_CONT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ID_CONT[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 ? 1 : 0;
}

let ID_START: RegExp | undefined;
let ID_CONTINUE: RegExp | undefined;

/** Unicode identifier start (non-ASCII slow path). */
export function isIdStartCode(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || cp === 95;
  ID_START ??= /\p{ID_Start}/u;
  return ID_START.test(String.fromCodePoint(cp));
}

function isIdContinueCode(cp: number): boolean {
  if (cp < 128) {
    return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 95 || cp === 45;
  }
  ID_CONTINUE ??= /\p{ID_Continue}/u;
  return ID_CONTINUE.test(String.fromCodePoint(cp));
}

export class Lexer {
  readonly src: string;
  readonly len: number;
  /** Where the next token is scanned from. */
  pos = 0;
  /** Current token type (a T value; typed as number so checks after next() are not narrowed away). */
  type: number = T.EOF;
  start = 0;
  end = 0;
  /** Newlines are whitespace when true. */
  nl = false;
  /** Heredoc token details: marker slice and whether it is `<<-`. */
  hdMarkStart = 0;
  hdMarkEnd = 0;
  hdFlush = false;
  /** Message for a T.Invalid token. */
  invalidMsg = '';
  /** An unterminated block comment was seen at or before this offset: no `*` `/` follows it. */
  private commentNoEnd = -1;
  private readonly onError: (offset: number, message: string) => void;

  /** Lexes `src[start, end)`. */
  constructor(src: string, onError: (offset: number, message: string) => void, start = 0, end = src.length) {
    this.src = src;
    this.len = end;
    this.pos = start;
    this.onError = onError;
  }

  /** Token description for messages, e.g. `'}'` or `identifier 'foo'`. */
  describe(): string {
    const t = this.type;
    if (t === T.Ident || t === T.Number) {
      const text = this.src.slice(this.start, Math.min(this.end, this.start + 40));
      return `${TOKEN_TEXT[t]} '${text}'`;
    }
    if (t === T.Invalid) return this.invalidMsg || 'invalid character';
    return TOKEN_TEXT[t] ?? 'token';
  }

  /** Skip a block comment starting at p (pointing at '/' of '/*'); returns the offset after it. */
  private skipBlockComment(p: number): number {
    if (this.commentNoEnd >= 0 && p >= this.commentNoEnd) {
      this.onError(p, "unterminated comment: '/*' without '*/'");
      return this.len;
    }
    const e = this.src.indexOf('*/', p + 2);
    if (e < 0 || e + 2 > this.len) {
      this.commentNoEnd = p;
      this.onError(p, "unterminated comment: '/*' without '*/'");
      return this.len;
    }
    return e + 2;
  }

  /** Skip spaces, newlines and comments from p; returns the first significant offset. */
  private skipAllSpace(p: number): number {
    const s = this.src;
    const n = this.len;
    while (p < n) {
      const c = s.charCodeAt(p);
      if (c === 32 || c === 10 || c === 9 || c === 13) {
        p++;
      } else if (c === 35 || (c === 47 && s.charCodeAt(p + 1) === 47)) {
        const e = s.indexOf('\n', p);
        p = e < 0 || e >= n ? n : e + 1;
      } else if (c === 47 && s.charCodeAt(p + 1) === 42) {
        p = this.skipBlockComment(p);
      } else {
        break;
      }
    }
    return p;
  }

  next(): void {
    const s = this.src;
    const n = this.len;
    let p = this.pos;
    let c = 0;
    for (;;) {
      if (p >= n) {
        this.type = T.EOF;
        this.start = this.end = this.pos = n;
        return;
      }
      c = s.charCodeAt(p);
      if (c === 32 || c === 9 || c === 13) {
        p++;
      } else if (c === 10) {
        if (this.nl) {
          p++;
        } else {
          this.type = T.Newline;
          this.start = p;
          this.end = p + 1;
          this.pos = this.skipAllSpace(p + 1);
          return;
        }
      } else if (c === 35 || (c === 47 && s.charCodeAt(p + 1) === 47)) {
        const e = s.indexOf('\n', p);
        p = e < 0 || e >= n ? n : e;
      } else if (c === 47 && s.charCodeAt(p + 1) === 42) {
        p = this.skipBlockComment(p);
      } else {
        break;
      }
    }
    this.start = p;
    // identifiers (ASCII fast path)
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
      p++;
      for (;;) {
        c = s.charCodeAt(p);
        if (c < 128) {
          if (ID_CONT[c] === 1) p++;
          else break;
        } else if (p < n && isIdContinueCode(s.codePointAt(p)!)) {
          p += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        } else {
          break;
        }
      }
      this.type = T.Ident;
      this.end = this.pos = p;
      return;
    }
    if (c >= 48 && c <= 57) {
      p++;
      while ((c = s.charCodeAt(p)) >= 48 && c <= 57) p++;
      if (c === 46) {
        const d = s.charCodeAt(p + 1);
        if (d >= 48 && d <= 57) {
          p += 2;
          while ((c = s.charCodeAt(p)) >= 48 && c <= 57) p++;
        }
      }
      if (c === 101 || c === 69) {
        let q = p + 1;
        const sign = s.charCodeAt(q);
        if (sign === 43 || sign === 45) q++;
        const d = s.charCodeAt(q);
        if (d >= 48 && d <= 57) {
          p = q + 1;
          while ((c = s.charCodeAt(p)) >= 48 && c <= 57) p++;
        }
      }
      this.type = T.Number;
      this.end = this.pos = p;
      return;
    }
    let t: number;
    let w = 1;
    const c1 = s.charCodeAt(p + 1);
    switch (c) {
      case 34: t = T.OQuote; break; // "
      case 123: t = T.LBrace; break;
      case 125: t = T.RBrace; break;
      case 91: t = T.LBrack; break;
      case 93: t = T.RBrack; break;
      case 40: t = T.LParen; break;
      case 41: t = T.RParen; break;
      case 44: t = T.Comma; break;
      case 63: t = T.Question; break;
      case 43: t = T.Plus; break;
      case 45: t = T.Minus; break;
      case 42: t = T.Star; break;
      case 47: t = T.Slash; break;
      case 37: t = T.Percent; break;
      case 126: t = T.Tilde; break;
      case 46: // .
        if (c1 === 46 && s.charCodeAt(p + 2) === 46) {
          t = T.Ellipsis;
          w = 3;
        } else {
          t = T.Dot;
        }
        break;
      case 58: // :
        if (c1 === 58) {
          t = T.DColon;
          w = 2;
        } else {
          t = T.Colon;
        }
        break;
      case 61: // =
        if (c1 === 61) {
          t = T.Eq;
          w = 2;
        } else if (c1 === 62) {
          t = T.FatArrow;
          w = 2;
        } else {
          t = T.Assign;
        }
        break;
      case 33: // !
        if (c1 === 61) {
          t = T.Ne;
          w = 2;
        } else {
          t = T.Bang;
        }
        break;
      case 62: // >
        if (c1 === 61) {
          t = T.Ge;
          w = 2;
        } else {
          t = T.Gt;
        }
        break;
      case 60: // <
        if (c1 === 61) {
          t = T.Le;
          w = 2;
        } else if (c1 === 60) {
          this.heredoc(p);
          return;
        } else {
          t = T.Lt;
        }
        break;
      case 38: // &
        if (c1 === 38) {
          t = T.And;
          w = 2;
        } else {
          t = T.Invalid;
          this.invalidMsg = "invalid character '&' (did you mean '&&'?)";
        }
        break;
      case 124: // |
        if (c1 === 124) {
          t = T.Or;
          w = 2;
        } else {
          t = T.Invalid;
          this.invalidMsg = "invalid character '|' (did you mean '||'?)";
        }
        break;
      default: {
        if (c >= 128) {
          const cp = s.codePointAt(p)!;
          const cw = cp > 0xffff ? 2 : 1;
          if (isIdStartCode(cp)) {
            p += cw;
            while (p < n && isIdContinueCode(s.codePointAt(p)!)) p += s.codePointAt(p)! > 0xffff ? 2 : 1;
            this.type = T.Ident;
            this.end = this.pos = p;
            return;
          }
          w = cw;
        }
        t = T.Invalid;
        if (c === 36 && c1 === 123) {
          w = 2;
          this.invalidMsg = "'${' is only valid inside a quoted string or heredoc";
        } else if (c === 37 && c1 === 123) {
          w = 2;
          this.invalidMsg = "'%{' is only valid inside a quoted string or heredoc";
        } else if (c === 39) {
          this.invalidMsg = "invalid character \"'\": strings use double quotes";
        } else if (c >= 32 && c < 127) {
          this.invalidMsg = `invalid character '${String.fromCharCode(c)}'`;
        } else {
          this.invalidMsg = `invalid character U+${(c >= 128 ? s.codePointAt(p)! : c).toString(16).toUpperCase().padStart(4, '0')}`;
        }
      }
    }
    this.type = t;
    this.end = this.pos = p + w;
  }

  /** `<<EOF\n` or `<<-EOF\n` at p. */
  private heredoc(p: number): void {
    const s = this.src;
    let q = p + 2;
    const flush = s.charCodeAt(q) === 45;
    if (flush) q++;
    const ms = q;
    const c = s.charCodeAt(q);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
      q++;
      for (;;) {
        const d = s.charCodeAt(q);
        if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === 45) q++;
        else break;
      }
      const me = q;
      if (s.charCodeAt(q) === 13) q++;
      if (s.charCodeAt(q) === 10) {
        this.type = T.Heredoc;
        this.hdFlush = flush;
        this.hdMarkStart = ms;
        this.hdMarkEnd = me;
        this.end = this.pos = q + 1;
        return;
      }
      this.type = T.Invalid;
      this.invalidMsg = `heredoc marker '${s.slice(ms, me)}' must be followed by a newline`;
      this.end = this.pos = me;
      return;
    }
    this.type = T.Invalid;
    this.invalidMsg = "invalid heredoc: '<<' must be followed by a marker name, e.g. <<EOF";
    this.end = this.pos = p + 2;
  }
}
