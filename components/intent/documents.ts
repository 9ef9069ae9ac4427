/**
 * Intent-based authorisation (pure): access is decided by the workload's purpose. AI resources carry
 * a `purpose` tag; grants allow them only when `aws:ResourceTag/purpose` equals the caller's
 * `${aws:PrincipalTag/<key>}`, where the key is the role's own `purpose` tag (pinned per
 * environment for issuers that cannot tag, e.g. GitHub) or a session tag EKS Pod Identity sets.
 */
import { fail, quote } from "../common/errors";
import { checkAccount, checkPartition, checkRegion, hasWildcard } from "../common/arn";
import { mergeConditions, oneOrMany, policyDocument, uniq, type ConditionBlock, type PolicyDocument, type PolicyStatement } from "../common/documents";
import { AGENT_INVOKE_ACTIONS, KNOWLEDGE_BASE_ACTIONS, MODEL_INVOKE_ACTIONS, SAGEMAKER_ACTIONS } from "../access/policy";

export const PURPOSE_RESOURCE_TAG = "purpose";
/** Session tags EKS Pod Identity sets on every session (the pod cannot choose them). */
export const EKS_POD_IDENTITY_SESSION_TAGS = ["eks-cluster-arn", "eks-cluster-name", "kubernetes-namespace", "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid"] as const;

/** Where the caller's purpose comes from. */
export type PurposeSource =
  /** The role's own `purpose` tag: one role per environment, for issuers that cannot set session tags (GitHub, GitLab). */
  | { readonly kind: "role-tag" }
  /** A session tag EKS Pod Identity sets, e.g. `kubernetes-namespace` (resources are tagged with the namespace as purpose). */
  | { readonly kind: "eks-session-tag"; readonly tag: (typeof EKS_POD_IDENTITY_SESSION_TAGS)[number] };

export function principalTagKeyOf(subject: string, source: PurposeSource): string {
  if (source.kind === "role-tag") return PURPOSE_RESOURCE_TAG;
  if (source.kind === "eks-session-tag") {
    if (!(EKS_POD_IDENTITY_SESSION_TAGS as readonly string[]).includes(source.tag)) fail(subject, `purposeFrom.tag ${quote(String(source.tag))} is not a session tag EKS Pod Identity sets (${EKS_POD_IDENTITY_SESSION_TAGS.join(", ")})`);
    return source.tag;
  }
  fail(subject, `purposeFrom.kind ${quote(String((source as { kind?: unknown }).kind))} must be "role-tag" or "eks-session-tag"`);
}

/** The condition every purpose-bound statement carries. */
export function purposeCondition(principalTagKey: string): ConditionBlock {
  return { StringEquals: { [`aws:ResourceTag/${PURPOSE_RESOURCE_TAG}`]: `\${aws:PrincipalTag/${principalTagKey}}` } };
}

export function checkPurpose(subject: string, purpose: string): string {
  if (typeof purpose !== "string" || !/^[A-Za-z0-9 _.:/=+@-]{1,256}$/.test(purpose) || hasWildcard(purpose)) fail(subject, `purpose ${quote(String(purpose))} must be a tag value (1-256 letters, digits, spaces, _.:/=+-@), without wildcards`);
  return purpose;
}

/** A model a purpose profile copies: a foundation model in one region, or a system (cross-region) profile and the regions it routes to. */
export type ProfileSource =
  | { readonly foundationModel: string; readonly region?: string }
  | { readonly systemProfile: string; readonly modelId: string; readonly routesTo: readonly string[]; readonly region?: string };

export interface PurposeContext {
  readonly partition: string;
  readonly account: string;
  readonly region: string;
}

export interface PlannedProfile {
  /** ARN given to `modelSource.copyFrom`. */
  readonly copyFrom: string;
  /** Foundation-model ARNs the profile routes to (each must be allowed, for this profile only). */
  readonly routedModelArns: string[];
}

const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function planProfile(subject: string, field: string, source: ProfileSource, ctx: PurposeContext): PlannedProfile {
  const partition = checkPartition(subject, "partition", ctx.partition);
  checkAccount(subject, "accountId", ctx.account);
  const region = checkRegion(subject, `${field}.region`, source.region ?? ctx.region, partition);
  if ("foundationModel" in source) {
    if (!MODEL_ID.test(source.foundationModel) || hasWildcard(source.foundationModel)) fail(subject, `${field}.foundationModel ${quote(source.foundationModel)} is not a model id (e.g. anthropic.claude-3-5-haiku-20241022-v1:0)`);
    const arn = `arn:${partition}:bedrock:${region}::foundation-model/${source.foundationModel}`;
    return { copyFrom: arn, routedModelArns: [arn] };
  }
  if (!MODEL_ID.test(source.systemProfile) || !MODEL_ID.test(source.modelId) || hasWildcard(source.systemProfile) || hasWildcard(source.modelId)) fail(subject, `${field}: systemProfile and modelId must be ids without wildcards`);
  if (!source.routesTo || source.routesTo.length === 0) fail(subject, `${field}.routesTo is empty; list every region the system profile routes to`);
  const routes = source.routesTo.map((r, i) => checkRegion(subject, `${field}.routesTo[${i}]`, r, partition));
  return {
    copyFrom: `arn:${partition}:bedrock:${region}:${ctx.account}:inference-profile/${source.systemProfile}`,
    routedModelArns: uniq(routes.map((r) => `arn:${partition}:bedrock:${r}::foundation-model/${source.modelId}`)),
  };
}

export interface PurposePolicySpec {
  /** Application inference profile ARNs tagged with the purpose. */
  readonly profileArns: readonly string[];
  /** Foundation models the profiles route to. */
  readonly routedModelArns: readonly string[];
  /** Knowledge base ARNs tagged with the purpose. */
  readonly knowledgeBaseArns?: readonly string[];
  /** Bedrock agent alias ARNs tagged with the purpose. */
  readonly agentAliasArns?: readonly string[];
  /** SageMaker endpoint ARNs tagged with the purpose. */
  readonly sagemakerEndpointArns?: readonly string[];
  readonly principalTagKey: string;
  /** `arn:…:guardrail/<id>:<version>` every model call must apply. */
  readonly guardrailIdentifier?: string;
}

/**
 * The grant: named purpose-tagged profiles (and knowledge bases), only while the resource's purpose
 * equals the caller's; the models behind them only through those profiles.
 */
export function purposeBoundPolicy(subject: string, spec: PurposePolicySpec): PolicyDocument {
  if (spec.profileArns.length + (spec.knowledgeBaseArns?.length ?? 0) + (spec.agentAliasArns?.length ?? 0) + (spec.sagemakerEndpointArns?.length ?? 0) === 0) {
    fail(subject, "nothing to grant: give models (purpose profiles are created for them), knowledgeBases, agentAliases or sagemakerEndpoints");
  }
  const purpose = purposeCondition(spec.principalTagKey);
  const guard: ConditionBlock | undefined = spec.guardrailIdentifier ? { StringEquals: { "bedrock:GuardrailIdentifier": spec.guardrailIdentifier } } : undefined;
  const statements: PolicyStatement[] = [];
  if (spec.profileArns.length > 0) {
    statements.push({ Sid: "InvokePurposeProfiles", Effect: "Allow", Action: [...MODEL_INVOKE_ACTIONS], Resource: oneOrMany(uniq(spec.profileArns)), Condition: mergeConditions(purpose, guard) });
    statements.push({
      Sid: "InvokeModelsOnlyThroughPurposeProfiles",
      Effect: "Allow",
      Action: [...MODEL_INVOKE_ACTIONS],
      Resource: oneOrMany(uniq(spec.routedModelArns)),
      Condition: mergeConditions(guard, { StringEquals: { "bedrock:InferenceProfileArn": oneOrMany(uniq(spec.profileArns)) } }),
    });
  }
  // Every other taggable AI resource: named, and only while its purpose tag matches the caller's.
  const tagged: Array<[string, readonly string[], readonly string[] | undefined]> = [
    ["RetrievePurposeKnowledgeBases", KNOWLEDGE_BASE_ACTIONS, spec.knowledgeBaseArns],
    ["InvokePurposeAgentAliases", AGENT_INVOKE_ACTIONS, spec.agentAliasArns],
    ["InvokePurposeSageMakerEndpoints", SAGEMAKER_ACTIONS, spec.sagemakerEndpointArns],
  ];
  for (const [sid, actions, arns] of tagged) if (arns?.length) statements.push({ Sid: sid, Effect: "Allow", Action: oneOrMany([...actions]), Resource: oneOrMany(uniq(arns)), Condition: purpose });
  return policyDocument(statements);
}

/** `arn:<p>:bedrock:<region>:<account>:application-inference-profile/<id>`. */
export function applicationProfileArn(ctx: PurposeContext, id: string): string {
  return `arn:${ctx.partition}:bedrock:${ctx.region}:${ctx.account}:application-inference-profile/${id}`;
}
