/**
 * TimeBoxedAiGrant: attaches an AI access policy to a role that stops working at `expiresAt`
 * (`DateLessThan` on `aws:CurrentTime` in every statement), for one-off batch jobs.
 */
import * as pulumi from "@pulumi/pulumi";
import { fail, who } from "../common/errors";
import { AiAccessPolicy, type AiAccessSpecInput } from "../access/ai-access-policy";
import type { AwsContextArgs } from "../common/context";
import { timeBoxed } from "../access/policy";
import { checkExpiry, DEFAULT_MAX_GRANT_HOURS } from "./grant";

export interface TimeBoxedAiGrantArgs extends AwsContextArgs {
  /** Name of the role that receives the grant. */
  readonly role: pulumi.Input<string>;
  /** What the grant allows (as AiAccessPolicy). */
  readonly access: AiAccessSpecInput;
  /** When the grant stops working: ISO 8601 with time zone, or a Date. Must be in the future. */
  readonly expiresAt: string | Date;
  /** Longest grant accepted, in hours from now. @default 72 */
  readonly maxGrantHours?: number;
  /** Clock for the checks (tests). @default the current time */
  readonly now?: Date;
}

export class TimeBoxedAiGrant extends AiAccessPolicy {
  /** The expiry written into the policy (`YYYY-MM-DDTHH:MM:SSZ`). */
  public readonly expiresAt: string;

  constructor(name: string, args: TimeBoxedAiGrantArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = who("TimeBoxedAiGrant", name);
    if (args.role === undefined) fail(s, "give role: the name of the role that receives the time-boxed grant");
    if (args.expiresAt === undefined) fail(s, "give expiresAt: a grant without an end is not time-boxed");
    const expiry = checkExpiry(s, args.expiresAt, args.now ?? new Date(), args.maxGrantHours ?? DEFAULT_MAX_GRANT_HOURS);
    super(name, { ...args, role: args.role }, opts, "ai-access-guard:access:TimeBoxedAiGrant", "TimeBoxedAiGrant", (b) => ({ ...b, document: timeBoxed(b.document, expiry) }));
    this.expiresAt = expiry;
  }
}
