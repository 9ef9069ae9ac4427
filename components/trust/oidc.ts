/**
 * Web-identity (OIDC) trust policies (pure): one statement pinning `aud` and exact `sub` values with
 * StringEquals, and, only when patterns are given, a second statement with StringLike on `sub`.
 */
import { fail, quote } from "../common/errors";
import { hasWildcard, issuerHostOf } from "../common/arn";
import { oneOrMany, policyDocument, uniq, type PolicyDocument, type PolicyStatement } from "../common/documents";

export const DEFAULT_AUDIENCE = "sts.amazonaws.com";

export interface OidcTrustSpec {
  /** ARN of the IAM OIDC provider; the issuer host (condition-key prefix) is read from it. */
  readonly providerArn: string;
  /** Exact subjects (`sub` claim), compared with StringEquals. */
  readonly subjects: readonly string[];
  /** Subject patterns with `*`/`?`, compared with StringLike in a separate statement. */
  readonly subjectPatterns?: readonly string[];
  /** @default ["sts.amazonaws.com"] */
  readonly audiences?: readonly string[];
  /** Statement id prefix, e.g. `GithubActions`. @default "Oidc" */
  readonly sidPrefix?: string;
}

export function checkAudiences(subject: string, audiences: readonly string[] | undefined): string[] {
  const a = audiences ?? [DEFAULT_AUDIENCE];
  if (a.length === 0) fail(subject, `audiences is empty; leave it out for the default ${JSON.stringify(DEFAULT_AUDIENCE)} or name the audience your tokens carry`);
  for (const v of a) if (!v || hasWildcard(v)) fail(subject, `audience ${quote(v)} is empty or has a wildcard; tokens minted for any audience would be accepted. Name the exact audience`);
  return uniq(a);
}

export function oidcTrustPolicy(subject: string, spec: OidcTrustSpec): PolicyDocument {
  const host = issuerHostOf(subject, "oidcProviderArn", spec.providerArn);
  const audiences = checkAudiences(subject, spec.audiences);
  const exact = uniq(spec.subjects);
  const patterns = uniq(spec.subjectPatterns ?? []);
  if (exact.length === 0 && patterns.length === 0) fail(subject, "no subject given; a role without a subject can be assumed by any identity the issuer signs a token for");
  const prefix = spec.sidPrefix ?? "Oidc";
  const base = { Effect: "Allow" as const, Principal: { Federated: spec.providerArn }, Action: "sts:AssumeRoleWithWebIdentity" };
  const aud = { [`${host}:aud`]: oneOrMany(audiences) };
  const statements: PolicyStatement[] = [];
  if (exact.length > 0) {
    statements.push({ Sid: `${prefix}ExactSubjects`, ...base, Condition: { StringEquals: { ...aud, [`${host}:sub`]: oneOrMany(exact) } } });
  }
  if (patterns.length > 0) {
    statements.push({ Sid: `${prefix}SubjectPatterns`, ...base, Condition: { StringEquals: aud, StringLike: { [`${host}:sub`]: oneOrMany(patterns) } } });
  }
  return policyDocument(statements);
}

/** Exact subjects must not carry wildcards (StringEquals would compare them literally). */
export function checkExactSubjects(subject: string, field: string, values: readonly string[]): void {
  for (const v of values) {
    if (!v || /\s/.test(v)) fail(subject, `${field} has an empty value or one with whitespace: ${quote(v)}`);
    if (hasWildcard(v)) fail(subject, `${field} value ${quote(v)} has a wildcard; exact subjects are compared literally. Put patterns in subjectPatterns`);
  }
}

/** Generic issuer: patterns may not be all-wildcard and must start with a fixed prefix. */
export function checkGenericPatterns(subject: string, patterns: readonly string[]): void {
  for (const p of patterns) {
    if (/^[*?]*$/.test(p)) fail(subject, `subjectPatterns value ${quote(p)} matches every subject the issuer signs; name a fixed prefix`);
    if (/^[*?]/.test(p)) fail(subject, `subjectPatterns value ${quote(p)} starts with a wildcard; the fixed part must come first`);
  }
}
