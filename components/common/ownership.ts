/** Ownership tags and session limits every identity carries (pure). */
import { fail } from "./errors";

export const OWNER_TAG = "owner";
export const PURPOSE_TAG = "purpose";
export const ONE_HOUR = 3600;
export const FIFTEEN_MINUTES = 900;
export const TWELVE_HOURS = 43200;

/**
 * Checks owner/purpose where known (`undefined` = not known until deployment) and that extra tags
 * do not contradict them.
 */
export function checkOwnership(subject: string, owner: unknown, purpose: unknown, tags: Record<string, unknown> | undefined): void {
  const missing: string[] = [];
  if (owner === undefined || owner === null || (typeof owner === "string" && owner.trim() === "")) missing.push("owner");
  if (purpose === undefined || purpose === null || (typeof purpose === "string" && purpose.trim() === "")) missing.push("purpose");
  if (missing.length > 0) {
    fail(subject, `give ${missing.join(" and ")}: every non-human identity is tagged with who owns it and what it is for, so a leaked credential can be traced and revoked`);
  }
  for (const key of [OWNER_TAG, PURPOSE_TAG]) {
    const given = key === OWNER_TAG ? owner : purpose;
    const inTags = tags?.[key];
    if (typeof inTags === "string" && typeof given === "string" && inTags !== given) {
      fail(subject, `tags.${key} (${JSON.stringify(inTags)}) conflicts with ${key} (${JSON.stringify(given)}); give it once, as ${key}`);
    }
  }
}

/** Session limit: 15 min to 1 h; above 1 h only with the explicit override, never above 12 h. */
export function checkSessionDuration(subject: string, seconds: number | undefined, allowLonger: boolean | undefined, max = ONE_HOUR): number {
  const s = seconds ?? Math.min(ONE_HOUR, max);
  if (!Number.isInteger(s) || s < FIFTEEN_MINUTES) fail(subject, `maxSessionDuration must be a whole number of seconds of at least ${FIFTEEN_MINUTES} (15 minutes), got ${JSON.stringify(seconds)}`);
  if (s > TWELVE_HOURS) fail(subject, `maxSessionDuration ${s} is above the IAM limit of ${TWELVE_HOURS} seconds (12 hours)`);
  if (s > max && !allowLonger) {
    fail(subject, `maxSessionDuration ${s} is above ${max} seconds (${max / 60} minutes); stolen session credentials stay usable that long. Lower it, or set allowSessionLongerThanOneHour: true to accept the risk explicitly`);
  }
  return s;
}
