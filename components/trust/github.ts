/** GitHub Actions subjects and trust policy (pure). */
import { fail, quote } from "../common/errors";
import { hasWildcard, issuerHostOf } from "../common/arn";
import type { PolicyDocument } from "../common/documents";
import { checkExactSubjects, oidcTrustPolicy } from "./oidc";

export const GITHUB_ISSUER = "token.actions.githubusercontent.com";

export interface GithubSubjectSpec {
  /** `OWNER/REPO`, or the immutable form `OWNER@OWNER_ID/REPO@REPO_ID`. */
  readonly repository: string;
  /** Branch names (`main`), or `refs/heads/main`. */
  readonly branches?: readonly string[];
  /** Git tag names (`v1.2.3`), or `refs/tags/v1.2.3`. */
  readonly gitTags?: readonly string[];
  /** Deployment environments (`prod`). */
  readonly environments?: readonly string[];
  /** Also trust `pull_request` workflows of the repository. @default false */
  readonly pullRequests?: boolean;
  /** Wildcard subjects (StringLike), e.g. `repo:acme/app:ref:refs/heads/release-*`. */
  readonly subjectPatterns?: readonly string[];
}

const REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:@\d+)?\/[A-Za-z0-9._-]{1,100}(?:@\d+)?$/;

export function checkGithubRepository(subject: string, repository: string): void {
  if (hasWildcard(repository)) fail(subject, `repository ${quote(repository)} has a wildcard; name one repository (OWNER/REPO), and put wildcard subjects in subjectPatterns`);
  if (!REPO.test(repository)) fail(subject, `repository ${quote(repository)} is not OWNER/REPO (or OWNER@ID/REPO@ID, the immutable-ID form)`);
}

function strip(prefix: string, v: string): string {
  return v.startsWith(prefix) ? v.slice(prefix.length) : v;
}

/** Exact subjects, `repo:OWNER/REPO:ref:refs/heads/main`, `…:environment:prod`, in input order. */
export function githubSubjects(subject: string, spec: GithubSubjectSpec): string[] {
  checkGithubRepository(subject, spec.repository);
  const branches = spec.branches ?? [];
  const tags = spec.gitTags ?? [];
  const envs = spec.environments ?? [];
  const patterns = spec.subjectPatterns ?? [];
  if (branches.length + tags.length + envs.length + patterns.length === 0 && !spec.pullRequests) {
    fail(subject, "give at least one of branches, gitTags, environments or subjectPatterns; a role without a subject can be assumed by any repository on GitHub");
  }
  checkExactSubjects(subject, "branches", branches);
  checkExactSubjects(subject, "gitTags", tags);
  checkExactSubjects(subject, "environments", envs);
  const r = `repo:${spec.repository}`;
  return [
    ...branches.map((b) => `${r}:ref:refs/heads/${strip("refs/heads/", b)}`),
    ...tags.map((t) => `${r}:ref:refs/tags/${strip("refs/tags/", t)}`),
    ...envs.map((e) => `${r}:environment:${e}`),
    ...(spec.pullRequests ? [`${r}:pull_request`] : []),
  ];
}

/** Patterns must keep the owner and repository fixed: `repo:OWNER/REPO:…`. */
export function checkGithubPatterns(subject: string, patterns: readonly string[]): void {
  for (const p of patterns) {
    const m = /^repo:([^:/]+)\/([^:]+)(:.*)?$/.exec(p);
    if (!m) fail(subject, `subjectPatterns value ${quote(p)} does not start with repo:OWNER/REPO; any repository on GitHub could match`);
    if (hasWildcard(m[1])) fail(subject, `subjectPatterns value ${quote(p)} leaves the owner open; anyone can create a matching organisation or user`);
    if (hasWildcard(m[2])) fail(subject, `subjectPatterns value ${quote(p)} leaves the repository open; name one repository and wildcard only the ref`);
  }
}

export interface GithubTrustSpec extends GithubSubjectSpec {
  readonly providerArn: string;
  /** @default ["sts.amazonaws.com"] */
  readonly audiences?: readonly string[];
}

export function githubActionsTrustPolicy(subject: string, spec: GithubTrustSpec): PolicyDocument {
  const host = issuerHostOf(subject, "oidcProviderArn", spec.providerArn);
  if (host !== GITHUB_ISSUER && !host.startsWith(`${GITHUB_ISSUER}/`)) {
    fail(subject, `oidcProviderArn is for issuer ${quote(host)}, not GitHub Actions (${GITHUB_ISSUER}); use GitlabCiRole or OidcRole for other issuers`);
  }
  const subjects = githubSubjects(subject, spec);
  checkGithubPatterns(subject, spec.subjectPatterns ?? []);
  return oidcTrustPolicy(subject, { providerArn: spec.providerArn, subjects, subjectPatterns: spec.subjectPatterns, audiences: spec.audiences, sidPrefix: "GithubActions" });
}
