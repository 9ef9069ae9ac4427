/** Partition-aware ARN helpers (pure). */
import { fail } from "./errors";

export type Partition = "aws" | "aws-cn" | "aws-us-gov";
export const PARTITIONS: readonly Partition[] = ["aws", "aws-cn", "aws-us-gov"];

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(value: string): ParsedArn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(value);
  if (!m) return undefined;
  return { partition: m[1], service: m[2], region: m[3], account: m[4], resource: m[5] };
}

const REGION = /^(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)$/;

export function checkPartition(subject: string, field: string, partition: string): Partition {
  if (!(PARTITIONS as readonly string[]).includes(partition)) fail(subject, `${field} must be one of ${PARTITIONS.join(", ")}, got ${JSON.stringify(partition)}`);
  return partition as Partition;
}

/** A region name that belongs to the partition (cn-* in aws-cn, us-gov-* in aws-us-gov). */
export function checkRegion(subject: string, field: string, region: string, partition: Partition): string {
  if (!REGION.test(region)) fail(subject, `${field} ${JSON.stringify(region)} is not a region name (e.g. us-east-1); wildcards are not accepted`);
  const expected: Partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  if (expected !== partition) fail(subject, `${field} ${JSON.stringify(region)} is in partition ${expected}, but the policy is for partition ${partition}; give regions of one partition`);
  return region;
}

export function checkAccount(subject: string, field: string, account: string): string {
  if (!/^\d{12}$/.test(account)) fail(subject, `${field} must be a 12-digit AWS account id, got ${JSON.stringify(account)}`);
  return account;
}

/** Account id from an ARN that carries one (e.g. an EKS cluster ARN). */
export function accountOf(subject: string, field: string, arn: string): string {
  const p = parseArn(arn);
  if (!p || !/^\d{12}$/.test(p.account)) fail(subject, `${field} ${JSON.stringify(arn)} is not an ARN with an account id`);
  return p.account;
}

/** `arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com` → issuer host and path. */
export function issuerHostOf(subject: string, field: string, providerArn: string): string {
  const p = parseArn(providerArn);
  if (!p || p.service !== "iam" || !p.resource.startsWith("oidc-provider/") || p.resource.length <= "oidc-provider/".length) {
    fail(subject, `${field} ${JSON.stringify(providerArn)} is not an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)`);
  }
  return p.resource.slice("oidc-provider/".length);
}

/** IAM wildcard test, the policy pack's own. */
export { hasWildcard } from "../../policy-pack/src/iam/patterns";
