/**
 * SessionRevocation and TaskScopedAiGrant: JIT that ends with the task. SessionRevocation attaches
 * the `aws:TokenIssueTime` deny ("revoke active sessions") to roles; a pipeline re-applies it with a
 * new time when a task ends. TaskScopedAiGrant grants AI access for a window of hours from the
 * task's start and revokes sessions issued before the start (only the task's own sessions work);
 * re-applied with `endedAt` (or once the window has passed) it removes the grant and revokes every
 * session issued before the end.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, who } from "../common/errors";
import type { AwsContextArgs } from "../common/context";
import type { AiAccessSpecInput } from "../access/ai-access-policy";
import { TimeBoxedAiGrant } from "./time-boxed-ai-grant";
import { checkRevokeBefore, isoTime, MAX_TASK_HOURS, revokeSessionsPolicy, taskWindow } from "./revocation";

export interface SessionRevocationArgs {
  /** Names of the roles whose older sessions are revoked. At least one. */
  readonly roles: readonly pulumi.Input<string>[];
  /** Sessions issued before this time stop working (ISO 8601 with zone, or a Date; not in the future). */
  readonly revokeBefore: string | Date;
  /** Clock for the checks (tests). @default the current time */
  readonly now?: Date;
}

export class SessionRevocation extends pulumi.ComponentResource {
  public readonly revokeBefore: string;
  public readonly policyJson: string;
  public readonly policies: aws.iam.RolePolicy[];

  constructor(name: string, args: SessionRevocationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:jit:SessionRevocation", name, {}, opts);
    const s = who("SessionRevocation", name);
    if (!args.roles || args.roles.length === 0) fail(s, "give roles: the names of the roles whose sessions are revoked");
    if (args.revokeBefore === undefined) fail(s, "give revokeBefore: sessions issued before this time stop working (use the time the task ended)");
    this.revokeBefore = checkRevokeBefore(s, "revokeBefore", args.revokeBefore, args.now ?? new Date());
    this.policyJson = JSON.stringify(revokeSessionsPolicy(this.revokeBefore));
    // The policy name AWS's own "Revoke active sessions" uses, so consoles and runbooks recognise it.
    this.policies = args.roles.map((role, i) => new aws.iam.RolePolicy(`${name}-revocation-${i}`, { role, name: "AWSRevokeOlderSessions", policy: this.policyJson }, { parent: this }));
    this.registerOutputs({ revokeBefore: this.revokeBefore, policyJson: this.policyJson });
  }
}

export interface TaskScopedAiGrantArgs extends AwsContextArgs {
  /** Name of the role that receives the grant. */
  readonly role: pulumi.Input<string>;
  /** What the task may reach (as AiAccessPolicy). */
  readonly access: AiAccessSpecInput;
  /** When the task started (a fixed value from the pipeline run, so re-applying does not move the window). */
  readonly startedAt: string | Date;
  /** Length of the window, hours (more than 0, at most 12). */
  readonly hours: number;
  /** When the task ended: the grant is removed and sessions issued before it are revoked. @default running (or ended at startedAt + hours once that has passed) */
  readonly endedAt?: string | Date;
  /** Clock for the checks (tests). @default the current time */
  readonly now?: Date;
}

export class TaskScopedAiGrant extends pulumi.ComponentResource {
  /** When the grant stops working (`startedAt + hours`). */
  public readonly expiresAt: string;
  /** Set once the task is over. */
  public readonly endedAt?: string;
  public readonly grant?: TimeBoxedAiGrant;
  public readonly revocation?: SessionRevocation;

  constructor(name: string, args: TaskScopedAiGrantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:jit:TaskScopedAiGrant", name, {}, opts);
    const s = who("TaskScopedAiGrant", name);
    const missing = (["role", "access", "startedAt", "hours"] as const).filter((k) => args[k] === undefined);
    if (missing.length > 0) fail(s, `give ${missing.join(", ")}: a task grant names the role, what it may reach, when the task started and how many hours it may run (at most ${MAX_TASK_HOURS})`);
    const now = args.now ?? new Date();
    const window = taskWindow(s, { startedAt: args.startedAt, hours: args.hours, endedAt: args.endedAt }, now);
    this.expiresAt = window.expiresAt;
    this.endedAt = window.endedAt;
    // While the task runs only its own sessions work (issued after startedAt): a session left over
    // from an earlier task does not regain access. Once it ends, every session issued before the end stops.
    this.revocation = new SessionRevocation(`${name}-revocation`, { roles: [args.role], revokeBefore: window.endedAt ?? isoTime(s, "startedAt", args.startedAt), now }, { parent: this });
    if (!window.endedAt) this.grant = new TimeBoxedAiGrant(`${name}-grant`, { ...args, expiresAt: window.expiresAt, maxGrantHours: MAX_TASK_HOURS, now }, { parent: this });
    this.registerOutputs({ expiresAt: this.expiresAt, endedAt: this.endedAt });
  }
}
