/** ARN parsing: `arn:partition:service:region:account:resource`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon, e.g. `foundation-model/anthropic.claude-3`, `role/path/name`. */
  readonly resource: string;
}

export function parseArn(value: string): Arn | undefined {
  if (!value.startsWith("arn:")) return undefined;
  const parts = value.split(":");
  if (parts.length < 6) return undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource: parts.slice(5).join(":"),
  };
}

/** The resource id part after the resource type (`foundation-model/<id>` → `<id>`). */
export function resourceIdOf(arn: Arn): string {
  const slash = arn.resource.indexOf("/");
  if (slash >= 0) return arn.resource.slice(slash + 1);
  const colon = arn.resource.indexOf(":");
  if (colon >= 0) return arn.resource.slice(colon + 1);
  return arn.resource;
}

/** AWS-managed policy ARN → its name (`arn:aws:iam::aws:policy/job-function/X` → `X`). */
export function awsManagedPolicyName(value: string): string | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== "iam" || arn.account !== "aws" || !arn.resource.startsWith("policy/")) return undefined;
  const parts = arn.resource.split("/");
  return parts[parts.length - 1];
}
