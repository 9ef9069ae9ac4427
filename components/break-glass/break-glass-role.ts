/**
 * BreakGlassRole: an emergency role for named humans with fresh MFA, a short session, tagged
 * `break-glass: "true"`, and no AI permissions (an explicit deny of AI data-plane actions, so it
 * can never become an AI access path even if a broad policy is attached later).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, quote, who } from "../common/errors";
import { parseArn } from "../common/arn";
import { requireSourceIdentity } from "../audit-trail/documents";
import { checkOwnership, checkSessionDuration, FIFTEEN_MINUTES, ONE_HOUR } from "../common/ownership";
import { known, knownList, knownTags, withOwnership, type Tags } from "../common/inputs";
import { breakGlassDenyAiPolicy, breakGlassTrustPolicy, checkHumanPrincipals, DEFAULT_MFA_MAX_AGE_SECONDS } from "./documents";

export interface BreakGlassRoleArgs {
  /** IAM user (or human sign-in role) ARNs allowed to assume the role. Never `*`. */
  readonly principals: pulumi.Input<pulumi.Input<string>[]>;
  /** Longest MFA age accepted, seconds. @default 900 */
  readonly mfaMaxAgeSeconds?: number;
  /**
   * Require each person to set their IAM user name as the source identity (`sts:SourceIdentity` ==
   * `${aws:username}`): CloudTrail then names the human on every call of the session and of any role
   * it chains to. Principals must all be IAM users. @default false
   */
  readonly requireSourceIdentity?: boolean;
  /** Session length, 900 to 3600 seconds. @default 3600 */
  readonly maxSessionDuration?: number;
  /** Managed policies for the emergency work (AI data-plane actions stay denied). @default none */
  readonly managedPolicyArns?: pulumi.Input<pulumi.Input<string>[]>;
  readonly permissionsBoundary?: pulumi.Input<string>;
  readonly roleName?: pulumi.Input<string>;
  /** Tag `owner`. Required. */
  readonly owner: pulumi.Input<string>;
  /** Tag `purpose`. Required. */
  readonly purpose: pulumi.Input<string>;
  readonly tags?: Tags;
}

export class BreakGlassRole extends pulumi.ComponentResource {
  public readonly role: aws.iam.Role;
  public readonly roleArn: pulumi.Output<string>;
  public readonly trustPolicy: pulumi.Output<string>;

  constructor(name: string, args: BreakGlassRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:break-glass:BreakGlassRole", name, {}, opts);
    const s = who("BreakGlassRole", name);
    checkOwnership(s, known(args.owner) ?? (args.owner === undefined ? undefined : "?"), known(args.purpose) ?? (args.purpose === undefined ? undefined : "?"), knownTags(args.tags));
    const seconds = checkSessionDuration(s, args.maxSessionDuration, false);
    const mfaAge = args.mfaMaxAgeSeconds ?? DEFAULT_MFA_MAX_AGE_SECONDS;
    if (!Number.isInteger(mfaAge) || mfaAge < 60 || mfaAge > ONE_HOUR) fail(s, `mfaMaxAgeSeconds must be 60 to ${ONE_HOUR} seconds, got ${JSON.stringify(args.mfaMaxAgeSeconds)}`);
    const tagBg = args.tags?.["break-glass"];
    if (tagBg !== undefined && known(tagBg) !== "true") fail(s, 'tags["break-glass"] is set by the component to "true"; leave it out');
    const plain = knownList<string>(args.principals);
    if (plain) checkHumanPrincipals(s, plain);
    if (args.principals === undefined) fail(s, "give principals: the people allowed to break the glass");
    const usersOnly = (p: readonly string[]) => {
      const roles = p.filter((x) => parseArn(x)?.resource.startsWith("role/"));
      if (args.requireSourceIdentity && roles.length > 0) fail(s, `requireSourceIdentity needs IAM users as principals (the source identity is their user name); ${quote(roles[0])} is a role`);
      return p;
    };
    if (plain) usersOnly(plain);
    this.trustPolicy = pulumi.output(args.principals).apply((p) => {
      const trust = breakGlassTrustPolicy(usersOnly(checkHumanPrincipals(s, p)), mfaAge);
      return JSON.stringify(args.requireSourceIdentity ? requireSourceIdentity(trust, { values: ["${aws:username}"] }) : trust);
    });
    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description: "Break-glass role: named humans with MFA only, no AI access (ai-access-guard)",
        assumeRolePolicy: this.trustPolicy,
        maxSessionDuration: Math.max(seconds, FIFTEEN_MINUTES),
        permissionsBoundary: args.permissionsBoundary,
        managedPolicyArns: args.managedPolicyArns,
        inlinePolicies: [{ name: "no-ai-data-plane", policy: JSON.stringify(breakGlassDenyAiPolicy()) }],
        tags: withOwnership(args.tags, args.owner, args.purpose, { "break-glass": "true" }),
      },
      { parent: this },
    );
    this.roleArn = this.role.arn;
    this.registerOutputs({ roleArn: this.roleArn, trustPolicy: this.trustPolicy });
  }
}
