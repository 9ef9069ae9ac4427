/**
 * Organisation guardrails for AI access (pure): a service control policy (no long-term Bedrock API
 * keys or bearer tokens, only approved models, logging changed only by the platform role, the
 * purpose and EKS Pod Identity session tags not forgeable), a resource control policy (the same
 * session tags on the STS side, and the organisation's data perimeter), and the Bedrock policy that
 * enforces one guardrail version on every model call of the organisation.
 */
import { fail, quote } from "../common/errors";
import { hasWildcard, parseArn } from "../common/arn";
import { oneOrMany, policyDocument, uniq, type PolicyDocument, type PolicyStatement } from "../common/documents";
import { EKS_POD_IDENTITY_SESSION_TAGS, PURPOSE_RESOURCE_TAG } from "../intent/documents";

/** Organizations' size limit for SCPs and RCPs (characters, whitespace included). */
export const ORG_POLICY_MAX_CHARS = 5120;
export const BEDROCK_SERVICE_NAME = "bedrock.amazonaws.com";
export const LOGGING_CONTROL_ACTIONS = [
  "cloudtrail:DeleteTrail",
  "cloudtrail:StopLogging",
  "cloudtrail:UpdateTrail",
  "cloudtrail:PutEventSelectors",
  "bedrock:PutModelInvocationLoggingConfiguration",
  "bedrock:DeleteModelInvocationLoggingConfiguration",
  "logs:DeleteLogGroup",
  "logs:DeleteLogStream",
  "logs:PutRetentionPolicy",
  "logs:DeleteRetentionPolicy",
  "logs:DisassociateKmsKey",
] as const;
const MODEL_INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;
/** Session-tag keys nobody but EKS may set: the Pod Identity tags and the purpose intent-based grants compare. */
export const PROTECTED_SESSION_TAG_KEYS: readonly string[] = [...EKS_POD_IDENTITY_SESSION_TAGS, PURPOSE_RESOURCE_TAG];

export interface ScpSpec {
  readonly partition: string;
  /** Model ids that may be invoked (`anthropic.claude-3-5-haiku-20241022-v1:0`), in any region. */
  readonly approvedModels: readonly string[];
  /** Names of the platform roles allowed to change logging and purpose tags (in any member account). */
  readonly platformRoleNames: readonly string[];
  /** Still allow short-term Bedrock API keys (bearer tokens of at most 12 h). @default false */
  readonly allowShortTermBearerTokens?: boolean;
}

export function checkApprovedModels(subject: string, models: readonly string[] | undefined): string[] {
  if (!models || models.length === 0) fail(subject, "give approvedModels: the model ids the organisation may invoke (every other model is denied)");
  for (const m of models) if (typeof m !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(m) || hasWildcard(m)) fail(subject, `approvedModels value ${quote(String(m))} is not a model id without wildcards`);
  return uniq(models);
}

export function checkRoleNames(subject: string, field: string, names: readonly string[] | undefined): string[] {
  if (!names || names.length === 0) fail(subject, `give ${field}: the roles that run the platform pipeline (only they may change logging and purpose tags)`);
  for (const n of names) if (typeof n !== "string" || !/^[\w+=,.@-]{1,64}$/.test(n)) fail(subject, `${field} value ${quote(String(n))} is not a role name (no paths or wildcards)`);
  return uniq(names);
}

export function aiServiceControlPolicy(subject: string, spec: ScpSpec): PolicyDocument {
  const models = checkApprovedModels(subject, spec.approvedModels);
  const roles = checkRoleNames(subject, "platformRoleNames", spec.platformRoleNames);
  const p = spec.partition;
  const platform = { ArnNotLike: { "aws:PrincipalArn": oneOrMany(roles.map((r) => `arn:${p}:iam::*:role/${r}`)) } };
  const bearer: PolicyStatement = spec.allowShortTermBearerTokens
    ? { Sid: "DenyLongTermBedrockBearerTokens", Effect: "Deny", Action: "bedrock:CallWithBearerToken", Resource: "*", Condition: { StringEquals: { "bedrock:BearerTokenType": "LONG_TERM" } } }
    : { Sid: "DenyBedrockBearerTokens", Effect: "Deny", Action: "bedrock:CallWithBearerToken", Resource: "*" };
  return policyDocument([
    { Sid: "DenyLongTermBedrockApiKeys", Effect: "Deny", Action: "iam:CreateServiceSpecificCredential", Resource: "*", Condition: { StringEquals: { "iam:ServiceSpecificCredentialServiceName": BEDROCK_SERVICE_NAME } } },
    bearer,
    {
      // Inference profiles route to foundation models, and IAM checks the model too: the profiles stay
      // callable, the models behind them must be approved.
      Sid: "DenyUnapprovedModels",
      Effect: "Deny",
      Action: [...MODEL_INVOKE],
      NotResource: [...models.map((m) => `arn:${p}:bedrock:*::foundation-model/${m}`), `arn:${p}:bedrock:*:*:inference-profile/*`, `arn:${p}:bedrock:*:*:application-inference-profile/*`],
    },
    { Sid: "DenyLoggingChangesOutsidePlatform", Effect: "Deny", Action: [...LOGGING_CONTROL_ACTIONS], Resource: "*", Condition: platform },
    // IgnoreCase: tag keys are case-insensitive where they are read (`${aws:PrincipalTag/purpose}` also
    // finds a `Purpose` session tag), so a case-sensitive match would be bypassed by `Kubernetes-Namespace`.
    { Sid: "DenyForgedSessionTags", Effect: "Deny", Action: "sts:TagSession", Resource: "*", Condition: { "ForAnyValue:StringEqualsIgnoreCase": { "aws:TagKeys": [...PROTECTED_SESSION_TAG_KEYS] } } },
    {
      Sid: "DenyPurposeTagChangesOutsidePlatform",
      Effect: "Deny",
      Action: ["iam:CreateRole", "iam:TagRole", "iam:UntagRole"],
      Resource: "*",
      Condition: { "ForAnyValue:StringEqualsIgnoreCase": { "aws:TagKeys": PURPOSE_RESOURCE_TAG }, ...platform },
    },
  ]);
}

export interface RcpSpec {
  /** Organisation id (`o-…`): principals outside it are denied on the covered services. */
  readonly organizationId: string;
  /** Accounts outside the organisation still allowed in (a vendor's role that assumes yours). @default none */
  readonly trustedExternalAccounts?: readonly string[];
}

/** Actions the RCP covers: the AI path's credentials, keys, secrets and logs. */
const PERIMETER_ACTIONS = ["sts:AssumeRole", "secretsmanager:GetSecretValue", "kms:Decrypt", "s3:GetObject"] as const;

export function aiResourceControlPolicy(subject: string, spec: RcpSpec): PolicyDocument {
  if (!/^o-[a-z0-9]{10,32}$/.test(spec.organizationId ?? "")) fail(subject, `organizationId ${quote(String(spec.organizationId))} is not an organisation id (o-…)`);
  const external = uniq(spec.trustedExternalAccounts ?? []);
  for (const a of external) if (!/^\d{12}$/.test(a)) fail(subject, `trustedExternalAccounts value ${quote(a)} is not a 12-digit account id`);
  // Both keys under one operator: denied only when outside the organisation AND not a trusted account.
  const outside = { "aws:PrincipalOrgID": spec.organizationId, ...(external.length > 0 ? { "aws:PrincipalAccount": oneOrMany(external) } : {}) };
  return policyDocument([
    {
      // AssumeRoleWithWebIdentity (GitHub, GitLab, IRSA) is left out: a federated caller has no
      // principal organisation, and its trust policy pins it instead.
      Sid: "DenyCallersOutsideOrganisation",
      Effect: "Deny",
      Principal: "*",
      Action: [...PERIMETER_ACTIONS],
      Resource: "*",
      Condition: { StringNotEqualsIfExists: outside, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
    },
    {
      Sid: "DenyForgedSessionTagsOnRoles",
      Effect: "Deny",
      Principal: "*",
      Action: "sts:TagSession",
      Resource: "*",
      Condition: { "ForAnyValue:StringEqualsIgnoreCase": { "aws:TagKeys": [...PROTECTED_SESSION_TAG_KEYS] }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
    },
  ]);
}

export interface EnforcedGuardrailSpec {
  /** Guardrail ARN in the management account (`arn:aws:bedrock:<region>:<account>:guardrail/<id>`). */
  readonly guardrailArn: string;
  /** A numbered version (never DRAFT: it would change under every account). */
  readonly version: string;
  /** Regions to enforce in. @default the guardrail's region (a guardrail is used in the region it lives in) */
  readonly regions?: readonly string[];
  /** How much of the prompt is guarded. @default comprehensive for both */
  readonly systemPrompts?: "selective" | "comprehensive";
  readonly messages?: "selective" | "comprehensive";
  /** Models the guardrail is not enforced on (e.g. embedding models). @default none */
  readonly excludedModels?: readonly string[];
}

/** The BEDROCK_POLICY content: one guardrail version enforced on every model call of the organisation. */
export function bedrockGuardrailOrgPolicy(subject: string, spec: EnforcedGuardrailSpec): Record<string, unknown> {
  const a = parseArn(spec.guardrailArn ?? "");
  if (!a || a.service !== "bedrock" || !/^guardrail\/[a-z0-9]+$/.test(a.resource) || !/^\d{12}$/.test(a.account)) fail(subject, `enforcedGuardrail.guardrailArn ${quote(String(spec.guardrailArn))} is not a guardrail ARN (arn:aws:bedrock:<region>:<management account>:guardrail/<id>, no version)`);
  if (!/^[1-9]\d*$/.test(spec.version ?? "")) fail(subject, `enforcedGuardrail.version ${quote(String(spec.version))} must be a version number; DRAFT changes under every account`);
  const regions = uniq(spec.regions ?? [a.region]);
  for (const r of regions) if (r !== a.region) fail(subject, `enforcedGuardrail.regions value ${quote(r)} differs from the guardrail's region ${a.region}; a guardrail is enforced in the region it was created in`);
  for (const m of spec.excludedModels ?? []) if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(m) || hasWildcard(m)) fail(subject, `enforcedGuardrail.excludedModels value ${quote(m)} is not a model id`);
  const config: Record<string, unknown> = {
    identifier: { "@@assign": `${spec.guardrailArn}:${spec.version}` },
    selective_content_guarding: { system: { "@@assign": spec.systemPrompts ?? "comprehensive" }, messages: { "@@assign": spec.messages ?? "comprehensive" } },
    model_enforcement: { included_models: { "@@assign": ["ALL"] }, ...(spec.excludedModels?.length ? { excluded_models: { "@@assign": [...spec.excludedModels] } } : {}) },
  };
  return { bedrock: { guardrail_inference: Object.fromEntries(regions.map((r) => [r, { config_1: config }])) } };
}

/**
 * The guardrail's resource-based policy organisation enforcement needs (members call ApplyGuardrail
 * on the management account's guardrail). @pulumi/aws 7.48 has no resource for guardrail policies:
 * apply it with `aws bedrock put-resource-policy` (or the console) in the management account.
 */
export function guardrailOrgResourcePolicy(guardrailArn: string, organizationId: string): PolicyDocument {
  return policyDocument([
    { Sid: "OrganisationAppliesEnforcedGuardrail", Effect: "Allow", Principal: "*", Action: "bedrock:ApplyGuardrail", Resource: guardrailArn, Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } } },
  ]);
}

export function checkOrgPolicySize(subject: string, field: string, json: string): string {
  if (json.length > ORG_POLICY_MAX_CHARS) fail(subject, `${field} is ${json.length} characters, over the Organizations limit of ${ORG_POLICY_MAX_CHARS}; approve fewer models or split the policy`);
  return json;
}
