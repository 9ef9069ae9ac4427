/** Time-boxed (JIT) grant checks (pure). */
import { fail } from "../common/errors";

export const DEFAULT_MAX_GRANT_HOURS = 72;

/** Parses and checks an expiry: in the future, at most `maxHours` away. Returns `YYYY-MM-DDTHH:MM:SSZ`. */
export function checkExpiry(subject: string, expiresAt: string | Date, now: Date, maxHours = DEFAULT_MAX_GRANT_HOURS): string {
  if (!(maxHours > 0)) fail(subject, `maxGrantHours must be a positive number of hours, got ${JSON.stringify(maxHours)}`);
  const t = expiresAt instanceof Date ? expiresAt : typeof expiresAt === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(expiresAt) ? new Date(expiresAt) : new Date(NaN);
  if (Number.isNaN(t.getTime())) fail(subject, `expiresAt ${JSON.stringify(String(expiresAt))} is not an ISO 8601 time with a time zone (e.g. 2026-12-01T18:00:00Z)`);
  if (t.getTime() <= now.getTime()) fail(subject, `expiresAt ${t.toISOString()} is in the past; a time-boxed grant must end in the future. Remove the grant, or give a new expiry`);
  const hours = (t.getTime() - now.getTime()) / 3_600_000;
  if (hours > maxHours) fail(subject, `expiresAt ${t.toISOString()} is ${Math.ceil(hours)} hours away, more than maxGrantHours (${maxHours}); give an earlier expiry or raise maxGrantHours`);
  return t.toISOString().replace(/\.\d{3}Z$/, "Z");
}
