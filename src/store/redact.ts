/** Keep the database password out of errors and logs. */

const MASK = '***';

/** The URL with its password (and any `password=` query parameter) masked; usable in logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = MASK;
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', MASK);
    return parsed.toString();
  } catch {
    // Not a URL we can parse: mask anything between `scheme://user:` and `@`, and password parameters.
    return url.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, `$1${MASK}@`).replace(/(password=)[^&\s]*/gi, `$1${MASK}`);
  }
}

/** The secrets a connection URL carries, as they may appear in text: raw and percent-decoded. */
export function urlSecrets(url: string): string[] {
  const found = new Set<string>();
  const add = (s: string | null | undefined) => {
    if (!s) return;
    found.add(s);
    try { found.add(decodeURIComponent(s)); } catch { /* not percent-encoded */ }
  };
  try {
    const parsed = new URL(url);
    add(parsed.password);
    add(parsed.searchParams.get('password'));
  } catch {
    add(/\/\/[^:/@\s]*:([^@\s]*)@/.exec(url)?.[1]);
    add(/password=([^&\s]*)/i.exec(url)?.[1]);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of the secrets (and of URLs carrying passwords) masked. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (url) => redactUrl(url));
  for (const secret of secrets) out = out.replaceAll(secret, MASK);
  return out;
}
