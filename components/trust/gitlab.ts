/** GitLab CI subjects and trust policy (pure); any GitLab host. */
import { fail, quote } from "../common/errors";
import { hasWildcard } from "../common/arn";
import type { PolicyDocument } from "../common/documents";
import { checkExactSubjects, oidcTrustPolicy } from "./oidc";

export interface GitlabSubjectSpec {
  /** `GROUP/PROJECT` or `GROUP/SUBGROUP/PROJECT`. */
  readonly projectPath: string;
  /** Branches: `project_path:GROUP/PROJECT:ref_type:branch:ref:<branch>`. */
  readonly branches?: readonly string[];
  /** Tags: `project_path:GROUP/PROJECT:ref_type:tag:ref:<tag>`. */
  readonly gitTags?: readonly string[];
  /** Wildcard subjects (StringLike), e.g. `project_path:acme/app:ref_type:branch:ref:release-*`. */
  readonly subjectPatterns?: readonly string[];
}

const PROJECT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/;

export function gitlabSubjects(subject: string, spec: GitlabSubjectSpec): string[] {
  if (hasWildcard(spec.projectPath) || !PROJECT.test(spec.projectPath)) {
    fail(subject, `projectPath ${quote(spec.projectPath)} is not GROUP/PROJECT without wildcards; put wildcard subjects in subjectPatterns`);
  }
  const branches = spec.branches ?? [];
  const tags = spec.gitTags ?? [];
  if (branches.length + tags.length + (spec.subjectPatterns ?? []).length === 0) {
    fail(subject, "give at least one of branches, gitTags or subjectPatterns; a role without a ref in its subject can be assumed by any pipeline of the project, including unprotected branches");
  }
  checkExactSubjects(subject, "branches", branches);
  checkExactSubjects(subject, "gitTags", tags);
  const p = `project_path:${spec.projectPath}`;
  return [...branches.map((b) => `${p}:ref_type:branch:ref:${b}`), ...tags.map((t) => `${p}:ref_type:tag:ref:${t}`)];
}

export function checkGitlabPatterns(subject: string, patterns: readonly string[]): void {
  for (const v of patterns) {
    const m = /^project_path:([^:]+)(:.*)?$/.exec(v);
    if (!m) fail(subject, `subjectPatterns value ${quote(v)} does not start with project_path:GROUP/PROJECT; any GitLab project could match`);
    const top = m[1].split("/")[0];
    if (hasWildcard(top)) fail(subject, `subjectPatterns value ${quote(v)} leaves the top-level group open; any GitLab namespace could match`);
  }
}

export interface GitlabTrustSpec extends GitlabSubjectSpec {
  readonly providerArn: string;
  /** @default ["sts.amazonaws.com"] */
  readonly audiences?: readonly string[];
}

export function gitlabCiTrustPolicy(subject: string, spec: GitlabTrustSpec): PolicyDocument {
  const subjects = gitlabSubjects(subject, spec);
  checkGitlabPatterns(subject, spec.subjectPatterns ?? []);
  return oidcTrustPolicy(subject, { providerArn: spec.providerArn, subjects, subjectPatterns: spec.subjectPatterns, audiences: spec.audiences, sidPrefix: "GitlabCi" });
}
