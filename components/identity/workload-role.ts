/** What every workload identity role shares: tags, session limit, boundary, and the role itself. */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { checkOwnership, checkSessionDuration } from "../common/ownership";
import { known, knownTags, withOwnership, type Tags } from "../common/inputs";
import type { PolicyDocument } from "../common/documents";

export interface WorkloadRoleCommonArgs {
  /** Team or person accountable for the identity (tag `owner`). Required. */
  readonly owner: pulumi.Input<string>;
  /** What the identity is for (tag `purpose`). Required. */
  readonly purpose: pulumi.Input<string>;
  /** More tags. `owner` and `purpose` are set from the fields above. */
  readonly tags?: Tags;
  /**
   * Longest session in seconds, 900 (15 min) to 3600 (1 h). Above 1 h only with
   * `allowSessionLongerThanOneHour`. @default 3600
   */
  readonly maxSessionDuration?: number;
  /** Explicit override to allow `maxSessionDuration` above one hour (up to 12 h). @default false */
  readonly allowSessionLongerThanOneHour?: boolean;
  /** ARN of a permissions boundary policy for the role. */
  readonly permissionsBoundary?: pulumi.Input<string>;
  /** Physical role name. @default auto-named from the component name */
  readonly roleName?: pulumi.Input<string>;
  /** IAM path for the role. @default "/" */
  readonly path?: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
}

/** Validates the shared inputs (where known) and returns the session limit. */
export function checkCommon(subject: string, args: WorkloadRoleCommonArgs): number {
  checkOwnership(subject, known(args.owner) ?? (args.owner === undefined ? undefined : "(known later)"), known(args.purpose) ?? (args.purpose === undefined ? undefined : "(known later)"), knownTags(args.tags));
  return checkSessionDuration(subject, args.maxSessionDuration, args.allowSessionLongerThanOneHour);
}

/** Registers the role `${name}-role` under `parent` with the given trust document. */
export function createRole(
  parent: pulumi.Resource,
  name: string,
  args: WorkloadRoleCommonArgs,
  maxSessionDuration: number,
  trust: pulumi.Output<PolicyDocument>,
  extraTags: Tags = {},
  defaultDescription?: string,
): { role: aws.iam.Role; trustPolicy: pulumi.Output<string> } {
  const trustPolicy = trust.apply((d) => JSON.stringify(d));
  const role = new aws.iam.Role(
    `${name}-role`,
    {
      name: args.roleName,
      path: args.path,
      description: args.description ?? defaultDescription,
      assumeRolePolicy: trustPolicy,
      maxSessionDuration,
      permissionsBoundary: args.permissionsBoundary,
      tags: withOwnership(args.tags, args.owner, args.purpose, extraTags),
    },
    { parent },
  );
  return { role, trustPolicy };
}
