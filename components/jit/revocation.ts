/**
 * Ending access when the task ends (pure): the `aws:TokenIssueTime` deny that IAM's "Revoke active
 * sessions" attaches, and the hour-based window of a task grant.
 */
import { fail } from "../common/errors";
import { policyDocument, type PolicyDocument } from "../common/documents";

/** Longest task window accepted, in hours: task grants are measured in hours, not days. */
export const MAX_TASK_HOURS = 12;
/** Clock skew tolerated between the pipeline and AWS when a time is "now". */
export const CLOCK_SKEW_MS = 5 * 60_000;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 time with zone (or a Date) to `YYYY-MM-DDTHH:MM:SSZ`. */
export function isoTime(subject: string, field: string, value: string | Date): string {
  const t = value instanceof Date ? value : typeof value === "string" && ISO.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(t.getTime())) fail(subject, `${field} ${JSON.stringify(String(value))} is not an ISO 8601 time with a time zone (e.g. 2026-12-01T18:00:00Z)`);
  return t.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A revocation time: not in the future (a future time would also lock out sessions the task never had). */
export function checkRevokeBefore(subject: string, field: string, value: string | Date, now: Date): string {
  const iso = isoTime(subject, field, value);
  if (new Date(iso).getTime() > now.getTime() + CLOCK_SKEW_MS) fail(subject, `${field} ${iso} is in the future; revoke sessions issued before the moment the task ended (now or earlier)`);
  return iso;
}

/** Denies every action to sessions issued before `before`: new sessions are unaffected. */
export function revokeSessionsPolicy(before: string): PolicyDocument {
  return policyDocument([{ Sid: "RevokeSessionsIssuedBefore", Effect: "Deny", Action: "*", Resource: "*", Condition: { DateLessThan: { "aws:TokenIssueTime": before } } }]);
}

export interface TaskWindow {
  /** When the grant stops (`startedAt + hours`), while the task runs. */
  readonly expiresAt: string;
  /** Set once the task is over (ended explicitly or the window passed): the grant is removed and older sessions revoked. */
  readonly endedAt?: string;
}

/** The window of a task grant: from `startedAt`, `hours` long (1 to 12), ended early by `endedAt`. */
export function taskWindow(subject: string, spec: { startedAt: string | Date; hours: number; endedAt?: string | Date }, now: Date): TaskWindow {
  if (!Number.isFinite(spec.hours) || spec.hours <= 0 || spec.hours > MAX_TASK_HOURS) fail(subject, `hours must be more than 0 and at most ${MAX_TASK_HOURS}, got ${JSON.stringify(spec.hours)}; a task that needs longer is several tasks`);
  const started = isoTime(subject, "startedAt", spec.startedAt);
  if (new Date(started).getTime() > now.getTime() + CLOCK_SKEW_MS) fail(subject, `startedAt ${started} is in the future; give the time the task started`);
  const expiresAt = new Date(new Date(started).getTime() + spec.hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  if (spec.endedAt !== undefined) {
    const ended = checkRevokeBefore(subject, "endedAt", spec.endedAt, now);
    if (new Date(ended).getTime() < new Date(started).getTime()) fail(subject, `endedAt ${ended} is before startedAt ${started}`);
    return { expiresAt, endedAt: ended < expiresAt ? ended : expiresAt };
  }
  if (new Date(expiresAt).getTime() <= now.getTime()) return { expiresAt, endedAt: expiresAt };
  return { expiresAt };
}
