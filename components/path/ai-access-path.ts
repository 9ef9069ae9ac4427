/**
 * AiAccessPath: the one-call composition. An identity source (GitHub Actions, GitLab CI, EKS IRSA,
 * EKS Pod Identity or any OIDC issuer), the AI resources it needs, invocation logging and ownership
 * become a role with a pinned trust, a named-resource policy, and a description of the path.
 */
import * as pulumi from "@pulumi/pulumi";
import { fail, who } from "../common/errors";
import type { AwsContextArgs } from "../common/context";
import { AiAccessPolicy, type AiAccessSpecInput } from "../access/ai-access-policy";
import { ModelInvocationLogging, type ModelInvocationLoggingArgs } from "../logging/model-invocation-logging";
import {
  EksIrsaRole,
  EksPodIdentityRole,
  GithubActionsRole,
  GitlabCiRole,
  OidcRole,
  type EksIrsaRoleArgs,
  type EksPodIdentityRoleArgs,
  type GithubActionsRoleArgs,
  type GitlabCiRoleArgs,
  type IdentityRole,
  type OidcRoleArgs,
} from "../identity/roles";
import type { WorkloadRoleCommonArgs } from "../identity/workload-role";
import { describeAiAccessPath, type AiAccessPathDescription } from "./describe";

type SourceArgs<T> = Omit<T, keyof WorkloadRoleCommonArgs>;
export type AiPathIdentity =
  | ({ readonly source: "github-actions" } & SourceArgs<GithubActionsRoleArgs>)
  | ({ readonly source: "gitlab-ci" } & SourceArgs<GitlabCiRoleArgs>)
  | ({ readonly source: "eks-irsa" } & SourceArgs<EksIrsaRoleArgs>)
  | ({ readonly source: "eks-pod-identity" } & SourceArgs<EksPodIdentityRoleArgs>)
  | ({ readonly source: "oidc" } & SourceArgs<OidcRoleArgs>);

export interface AiAccessPathArgs extends WorkloadRoleCommonArgs, AwsContextArgs {
  /** Where the workload comes from, with its subject (required by every source). */
  readonly identity: AiPathIdentity;
  /** The AI resources it needs (AiAccessPolicy). */
  readonly access: AiAccessSpecInput;
  /** Shortcut for `access.guardrail`: every model call must apply this guardrail version. */
  readonly guardrail?: AiAccessSpecInput["guardrail"];
  /**
   * Create Bedrock model invocation logging with this path (one per account and region). A path
   * that can invoke models needs this or `invocationLoggingManagedElsewhere`.
   */
  readonly logging?: Omit<ModelInvocationLoggingArgs, "owner" | "purpose" | keyof AwsContextArgs>;
  /** Invocation logging for this account and region is configured elsewhere (another stack or path). @default false */
  readonly invocationLoggingManagedElsewhere?: boolean;
}

function invokesModels(access: AiAccessSpecInput): boolean {
  const n = (v: unknown) => (Array.isArray(v) ? v.length : v === undefined ? 0 : 1);
  return n(access.foundationModels) + n(access.inferenceProfiles) + n(access.provisionedModels) + n(access.agentAliases) > 0 || access.allowRetrieveAndGenerate === true;
}

export class AiAccessPath extends pulumi.ComponentResource {
  public readonly identityRole: IdentityRole;
  public readonly roleArn: pulumi.Output<string>;
  public readonly roleName: pulumi.Output<string>;
  public readonly policy: AiAccessPolicy;
  public readonly logging?: ModelInvocationLogging;
  /** entry point -> role -> AI resources, as a plain serialisable object (export it for reports). */
  public readonly description: pulumi.Output<AiAccessPathDescription>;

  constructor(name: string, args: AiAccessPathArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:path:AiAccessPath", name, {}, opts);
    const s = who("AiAccessPath", name);
    if (!args.identity) fail(s, "give identity: the source (github-actions, gitlab-ci, eks-irsa, eks-pod-identity or oidc) and its subject");
    if (!args.access) fail(s, "give access: the AI resources the path reaches");
    if (args.guardrail && args.access.guardrail) fail(s, "give the guardrail once: guardrail or access.guardrail, not both");
    if (args.logging && args.invocationLoggingManagedElsewhere) fail(s, "give logging or invocationLoggingManagedElsewhere, not both");
    if (!args.logging && !args.invocationLoggingManagedElsewhere && invokesModels(args.access)) {
      fail(s, "this path can invoke models, so Bedrock model invocation logging must exist: give logging (creates it for this account and region) or invocationLoggingManagedElsewhere: true");
    }
    const access: AiAccessSpecInput = args.guardrail ? { ...args.access, guardrail: args.guardrail } : args.access;
    const { identity, access: _a, guardrail: _g, logging: _l, invocationLoggingManagedElsewhere: _m, partition, accountId, region, ...common } = args;
    const { source, ...sourceArgs } = identity;
    const roleArgs = { ...common, ...sourceArgs };
    const child = { parent: this };
    switch (source) {
      case "github-actions":
        this.identityRole = new GithubActionsRole(`${name}-identity`, roleArgs as GithubActionsRoleArgs, child);
        break;
      case "gitlab-ci":
        this.identityRole = new GitlabCiRole(`${name}-identity`, roleArgs as GitlabCiRoleArgs, child);
        break;
      case "eks-irsa":
        this.identityRole = new EksIrsaRole(`${name}-identity`, roleArgs as EksIrsaRoleArgs, child);
        break;
      case "eks-pod-identity":
        this.identityRole = new EksPodIdentityRole(`${name}-identity`, roleArgs as EksPodIdentityRoleArgs, child);
        break;
      case "oidc":
        this.identityRole = new OidcRole(`${name}-identity`, roleArgs as OidcRoleArgs, child);
        break;
      default:
        fail(s, `identity.source ${JSON.stringify(source)} is not one of github-actions, gitlab-ci, eks-irsa, eks-pod-identity, oidc`);
    }
    this.roleArn = this.identityRole.roleArn;
    this.roleName = this.identityRole.roleName;
    this.policy = new AiAccessPolicy(`${name}-access`, { access, role: this.identityRole.roleName, partition, accountId, region }, child);
    if (args.logging) {
      this.logging = new ModelInvocationLogging(`${name}-logging`, { ...args.logging, owner: args.owner, purpose: args.purpose, tags: args.logging.tags ?? args.tags, partition, accountId, region }, child);
    }
    const logging: pulumi.Output<AiAccessPathDescription["logging"]> = this.logging
      ? this.logging.destinations
      : pulumi.output(args.invocationLoggingManagedElsewhere ? ("managed elsewhere" as const) : ("not needed" as const));
    const role = pulumi.all([this.roleArn, this.identityRole.role.maxSessionDuration, args.permissionsBoundary]);
    const owned = pulumi.all([args.owner, args.purpose]);
    this.description = pulumi
      .all([this.identityRole.subjects, role, this.policy.grants, this.policy.guardrailIdentifier, logging, owned])
      .apply(([subjects, [arn, maxSession, boundary], grants, guardrail, log, [owner, purpose]]) =>
        describeAiAccessPath({
          name,
          entryPoint: { kind: this.identityRole.entryPointKind, subjects },
          role: { arn, maxSessionSeconds: maxSession ?? 3600, ...(boundary ? { permissionsBoundary: boundary } : {}) },
          resources: grants,
          ...(guardrail ? { guardrail } : {}),
          logging: log,
          owner,
          purpose,
        }),
      );
    this.registerOutputs({ roleArn: this.roleArn, description: this.description });
  }
}
