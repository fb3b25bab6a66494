/**
 * Sealed cookie values: AES-256-GCM over JSON with a random nonce and a purpose bound in as
 * associated data, so a value is unreadable (the user token never reaches the browser in the
 * clear), cannot be altered or forged without the key (the GCM tag authenticates it, as an HMAC
 * signature would), and one cookie's value is not accepted as another's.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const NONCE = 12;
const TAG = 16;

export function seal(key: Buffer, purpose: string, value: unknown): string {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
}

/** The value, or undefined when it was not sealed with this key for this purpose (or is malformed). */
export function unseal(key: Buffer, purpose: string, sealed: string | undefined): unknown {
  if (!sealed || sealed.length > 8192 || !/^[\w-]+$/.test(sealed)) return undefined;
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length <= NONCE + TAG) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(NONCE, NONCE + TAG));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(NONCE + TAG)), decipher.final()]).toString('utf8'));
  } catch {
    return undefined;
  }
}
