/**
 * Workload identity roles, one per identity source. Each refuses to build without a subject, pins
 * `aud` and `sub` with StringEquals (wildcards only through `subjectPatterns`), limits sessions to
 * one hour by default and carries owner/purpose tags.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { who } from "../common/errors";
import { known, withOwnership } from "../common/inputs";
import type { PolicyDocument } from "../common/documents";
import { githubActionsTrustPolicy, githubSubjects, checkGithubPatterns, GITHUB_ISSUER } from "../trust/github";
import { gitlabCiTrustPolicy, gitlabSubjects, checkGitlabPatterns } from "../trust/gitlab";
import { eksIrsaTrustPolicy, eksPodIdentityTrustPolicy, parseServiceAccounts, clusterNameOf, type ServiceAccountRef } from "../trust/eks";
import { checkAudiences, checkExactSubjects, checkGenericPatterns, oidcTrustPolicy } from "../trust/oidc";
import { checkSourceIdentity, requireSourceIdentity, type SourceIdentitySpec } from "../audit-trail/documents";
import { checkCommon, createRole, type WorkloadRoleCommonArgs } from "./workload-role";

/** What every identity role component exposes. */
export abstract class IdentityRole extends pulumi.ComponentResource {
  /** The IAM role. */
  public readonly role!: aws.iam.Role;
  public readonly roleArn!: pulumi.Output<string>;
  public readonly roleName!: pulumi.Output<string>;
  /** The trust policy as a JSON string. */
  public readonly trustPolicy!: pulumi.Output<string>;
  /** Subjects (or service principal) that may assume the role, for path descriptions. */
  public readonly subjects!: pulumi.Output<string[]>;
  /** Entry point kind for path descriptions. */
  public abstract readonly entryPointKind: string;

  protected finish(name: string, args: WorkloadRoleCommonArgs, seconds: number, trust: pulumi.Output<PolicyDocument>, subjects: pulumi.Output<string[]>, description: string): void {
    const { role, trustPolicy } = createRole(this, name, args, seconds, trust, {}, description);
    Object.assign(this, { role, roleArn: role.arn, roleName: role.name, trustPolicy, subjects });
    this.registerOutputs({ roleArn: role.arn, roleName: role.name, trustPolicy, subjects });
  }
}

export interface GithubActionsRoleArgs extends WorkloadRoleCommonArgs {
  /** ARN of the GitHub Actions OIDC provider (GithubActionsOidcProvider.arn or an existing one). */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** `OWNER/REPO`, or the immutable-ID form `OWNER@OWNER_ID/REPO@REPO_ID`. */
  readonly repository: pulumi.Input<string>;
  /** Branches whose workflows may assume the role (`main`). */
  readonly branches?: readonly string[];
  /** Git tags whose workflows may assume the role (`v1.2.3`). */
  readonly gitTags?: readonly string[];
  /** Deployment environments whose jobs may assume the role (`prod`); the strongest pin. */
  readonly environments?: readonly string[];
  /** Also trust `pull_request` workflows. @default false */
  readonly pullRequests?: boolean;
  /** Wildcard subjects (StringLike), e.g. `repo:acme/app:ref:refs/heads/release-*`. Owner and repository must stay fixed. */
  readonly subjectPatterns?: readonly string[];
  /** @default ["sts.amazonaws.com"] */
  readonly audiences?: readonly string[];
}

/** A role GitHub Actions workflows of one repository (and named branches/tags/environments) may assume. */
export class GithubActionsRole extends IdentityRole {
  public readonly entryPointKind = "github-actions";
  constructor(name: string, args: GithubActionsRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:identity:GithubActionsRole", name, {}, opts);
    const s = who("GithubActionsRole", name);
    const seconds = checkCommon(s, args);
    const spec = { branches: args.branches, gitTags: args.gitTags, environments: args.environments, pullRequests: args.pullRequests, subjectPatterns: args.subjectPatterns };
    githubSubjects(s, { ...spec, repository: known(args.repository) ?? "placeholder/placeholder" });
    checkGithubPatterns(s, args.subjectPatterns ?? []);
    checkAudiences(s, args.audiences);
    const trust = pulumi.all([args.oidcProviderArn, args.repository]).apply(([providerArn, repository]) =>
      githubActionsTrustPolicy(s, { ...spec, repository, providerArn, audiences: args.audiences }),
    );
    const subjects = pulumi.output(args.repository).apply((repository) => [...githubSubjects(s, { ...spec, repository }), ...(args.subjectPatterns ?? [])]);
    this.finish(name, args, seconds, trust, subjects, "GitHub Actions workload identity (ai-access-guard)");
  }
}

export interface GitlabCiRoleArgs extends WorkloadRoleCommonArgs {
  /** ARN of the GitLab OIDC provider (GitlabOidcProvider.arn); any GitLab host. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** `GROUP/PROJECT` or `GROUP/SUBGROUP/PROJECT`. */
  readonly projectPath: pulumi.Input<string>;
  /** Branches (`ref_type:branch:ref:<branch>`). */
  readonly branches?: readonly string[];
  /** Git tags (`ref_type:tag:ref:<tag>`). */
  readonly gitTags?: readonly string[];
  /** Wildcard subjects (StringLike); the top-level group must stay fixed. */
  readonly subjectPatterns?: readonly string[];
  /** Audience configured in the job's `id_tokens`. @default ["sts.amazonaws.com"] */
  readonly audiences?: readonly string[];
}

/** A role GitLab CI pipelines of one project and named refs may assume. */
export class GitlabCiRole extends IdentityRole {
  public readonly entryPointKind = "gitlab-ci";
  constructor(name: string, args: GitlabCiRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:identity:GitlabCiRole", name, {}, opts);
    const s = who("GitlabCiRole", name);
    const seconds = checkCommon(s, args);
    const spec = { branches: args.branches, gitTags: args.gitTags, subjectPatterns: args.subjectPatterns };
    gitlabSubjects(s, { ...spec, projectPath: known(args.projectPath) ?? "placeholder/placeholder" });
    checkGitlabPatterns(s, args.subjectPatterns ?? []);
    checkAudiences(s, args.audiences);
    const trust = pulumi.all([args.oidcProviderArn, args.projectPath]).apply(([providerArn, projectPath]) =>
      gitlabCiTrustPolicy(s, { ...spec, projectPath, providerArn, audiences: args.audiences }),
    );
    const subjects = pulumi.output(args.projectPath).apply((projectPath) => [...gitlabSubjects(s, { ...spec, projectPath }), ...(args.subjectPatterns ?? [])]);
    this.finish(name, args, seconds, trust, subjects, "GitLab CI workload identity (ai-access-guard)");
  }
}

export interface EksIrsaRoleArgs extends WorkloadRoleCommonArgs {
  /** ARN of the cluster's IAM OIDC provider (`…:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>`). */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** `namespace:serviceaccount` pairs (or objects) whose pods may assume the role. */
  readonly serviceAccounts: readonly (string | ServiceAccountRef)[];
}

/** IAM Roles for Service Accounts: named Kubernetes service accounts of one cluster. */
export class EksIrsaRole extends IdentityRole {
  public readonly entryPointKind = "eks-irsa";
  constructor(name: string, args: EksIrsaRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:identity:EksIrsaRole", name, {}, opts);
    const s = who("EksIrsaRole", name);
    const seconds = checkCommon(s, args);
    const pairs = parseServiceAccounts(s, "serviceAccounts", args.serviceAccounts ?? []);
    const trust = pulumi.output(args.oidcProviderArn).apply((providerArn) => eksIrsaTrustPolicy(s, { providerArn, serviceAccounts: pairs }));
    const subjects = pulumi.output(pairs.map((p) => `system:serviceaccount:${p.namespace}:${p.serviceAccount}`));
    this.finish(name, args, seconds, trust, subjects, "EKS IRSA workload identity (ai-access-guard)");
  }
}

export interface EksPodIdentityRoleArgs extends WorkloadRoleCommonArgs {
  /** ARN of the EKS cluster (`aws.eks.Cluster.arn`); the account and cluster name are read from it. */
  readonly clusterArn: pulumi.Input<string>;
  /** `namespace:serviceaccount` pairs; one PodIdentityAssociation is created for each. */
  readonly serviceAccounts: readonly (string | ServiceAccountRef)[];
  /**
   * Require the session tags EKS Pod Identity sets (`kubernetes-namespace`,
   * `kubernetes-service-account`) in the trust policy. @default true
   */
  readonly pinSessionTags?: boolean;
}

/** EKS Pod Identity: `pods.eks.amazonaws.com` trust scoped to the account and cluster, plus the associations. */
export class EksPodIdentityRole extends IdentityRole {
  public readonly entryPointKind = "eks-pod-identity";
  public readonly associations: aws.eks.PodIdentityAssociation[];
  constructor(name: string, args: EksPodIdentityRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:identity:EksPodIdentityRole", name, {}, opts);
    const s = who("EksPodIdentityRole", name);
    const seconds = checkCommon(s, args);
    const pairs = parseServiceAccounts(s, "serviceAccounts", args.serviceAccounts ?? []);
    const plainArn = known(args.clusterArn);
    if (plainArn !== undefined) eksPodIdentityTrustPolicy(s, { clusterArn: plainArn, serviceAccounts: pairs, pinSessionTags: args.pinSessionTags });
    const trust = pulumi.output(args.clusterArn).apply((clusterArn) => eksPodIdentityTrustPolicy(s, { clusterArn, serviceAccounts: pairs, pinSessionTags: args.pinSessionTags }));
    const subjects = pulumi.output(args.clusterArn).apply((arn) => pairs.map((p) => `${clusterNameOf(s, arn)}/${p.namespace}/${p.serviceAccount}`));
    this.finish(name, args, seconds, trust, subjects, "EKS Pod Identity workload identity (ai-access-guard)");
    const clusterName = pulumi.output(args.clusterArn).apply((arn) => clusterNameOf(s, arn));
    this.associations = pairs.map(
      (p) =>
        new aws.eks.PodIdentityAssociation(
          `${name}-${p.namespace}-${p.serviceAccount}`,
          { clusterName, namespace: p.namespace, serviceAccount: p.serviceAccount, roleArn: this.roleArn, tags: withOwnership(args.tags, args.owner, args.purpose) },
          { parent: this },
        ),
    );
  }
}

export interface OidcRoleArgs extends WorkloadRoleCommonArgs {
  /** ARN of the IAM OIDC provider of any issuer. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** Exact `sub` values (StringEquals). */
  readonly subjects?: readonly string[];
  /** Wildcard `sub` values (StringLike) with a fixed prefix. */
  readonly subjectPatterns?: readonly string[];
  /** @default ["sts.amazonaws.com"] */
  readonly audiences?: readonly string[];
  /**
   * Require a source identity (the token's `https://aws.amazon.com/source_identity` claim, set by an
   * issuer you control): CloudTrail then stamps it on the AssumeRoleWithWebIdentity event and on
   * every call of the session, so token issuance and model calls join. GitHub, GitLab and EKS
   * tokens carry no such claim. @default not required
   */
  readonly requireSourceIdentity?: SourceIdentitySpec;
}

/** A role for any OIDC issuer, pinned by audience and subject. */
export class OidcRole extends IdentityRole {
  public readonly entryPointKind = "oidc";
  constructor(name: string, args: OidcRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:identity:OidcRole", name, {}, opts);
    const s = who("OidcRole", name);
    const seconds = checkCommon(s, args);
    const exact = args.subjects ?? [];
    const patterns = args.subjectPatterns ?? [];
    if (exact.length + patterns.length === 0) {
      oidcTrustPolicy(s, { providerArn: "arn:aws:iam::000000000000:oidc-provider/placeholder", subjects: [] });
    }
    checkExactSubjects(s, "subjects", exact);
    checkGenericPatterns(s, patterns);
    checkAudiences(s, args.audiences);
    const sourceIdentity = args.requireSourceIdentity;
    if (sourceIdentity) checkSourceIdentity(s, sourceIdentity);
    const trust = pulumi.output(args.oidcProviderArn).apply((providerArn) => {
      const d = oidcTrustPolicy(s, { providerArn, subjects: exact, subjectPatterns: patterns, audiences: args.audiences });
      return sourceIdentity ? requireSourceIdentity(d, sourceIdentity) : d;
    });
    this.finish(name, args, seconds, trust, pulumi.output([...exact, ...patterns]), "OIDC workload identity (ai-access-guard)");
  }
}

export { GITHUB_ISSUER };
