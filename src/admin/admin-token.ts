/**
 * The bearer token of the local admin endpoint. ADMIN_TOKEN when it is set; otherwise the service makes a
 * random one at start and writes it to DATA_DIR/admin.token (mode 0600), where `npm run reindex` on the same
 * machine — as the same user — reads it to ask the running service to re-index.
 *
 * @example
 *   const token = await ensureAdminToken({ configured: config.ADMIN_TOKEN, dataDir: config.DATA_DIR });
 *   const same = await readAdminToken({ configured: config.ADMIN_TOKEN, dataDir: config.DATA_DIR });
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const adminTokenFile = 'admin.token';

export interface AdminTokenOptions {
  /** ADMIN_TOKEN, when the operator set one. */
  configured?: string;
  dataDir: string;
}

/** For the service: the configured token, or a fresh random one written where the local CLI finds it. */
export async function ensureAdminToken({ configured, dataDir }: AdminTokenOptions): Promise<string> {
  if (configured) return configured;
  const token = randomBytes(24).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, adminTokenFile);
  // Written beside and renamed so a CLI reading at the same moment never sees half a token.
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${token}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
  return token;
}

/** For the CLI: the configured token, or the one the running service wrote; undefined when neither. */
export async function readAdminToken({ configured, dataDir }: AdminTokenOptions): Promise<string | undefined> {
  if (configured) return configured;
  try {
    return (await readFile(join(dataDir, adminTokenFile), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Compares a request's `Authorization: Bearer …` header with the token in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
