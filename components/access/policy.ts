/**
 * The AI access policy builder (pure, no Pulumi): grants exactly the AI resources named, on
 * partition-aware ARNs. An empty list adds no statement; nothing here ever grants `*` on an AI
 * data-plane action.
 */
import { fail, quote } from "../common/errors";
import { checkAccount, checkPartition, checkRegion, hasWildcard, parseArn, type Partition } from "../common/arn";
import { mergeConditions, oneOrMany, policyDocument, uniq, type ConditionBlock, type PolicyDocument, type PolicyStatement } from "../common/documents";

export const MODEL_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;
export const AGENT_INVOKE_ACTIONS = ["bedrock:InvokeAgent"] as const;
export const KNOWLEDGE_BASE_ACTIONS = ["bedrock:Retrieve"] as const;
export const GUARDRAIL_ACTIONS = ["bedrock:ApplyGuardrail"] as const;
export const SAGEMAKER_ACTIONS = ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointAsync", "sagemaker:InvokeEndpointWithResponseStream"] as const;
export const AGENTCORE_ACTIONS = ["bedrock-agentcore:InvokeAgentRuntime", "bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream"] as const;
export const AOSS_ACTIONS = ["aoss:APIAccessAll"] as const;

/** A foundation model: `anthropic.claude-3-5-haiku-20241022-v1:0` (default region), an object, or its ARN. */
export type FoundationModelRef = string | { readonly modelId: string; readonly region?: string };
/** A cross-region (system-defined) inference profile and the regions it routes to. */
export interface InferenceProfileRef {
  /** Profile id, e.g. `us.anthropic.claude-3-5-haiku-20241022-v1:0`. */
  readonly profileId: string;
  /** Foundation model the profile routes to, e.g. `anthropic.claude-3-5-haiku-20241022-v1:0`. */
  readonly modelId: string;
  /** Every region the profile routes requests to (see the profile's `models` list). */
  readonly routesTo: readonly string[];
  /** Region the profile is called in. @default the policy's region */
  readonly region?: string;
}
/** An id in the policy's region, `{ id, region }`, or an ARN. */
export type RegionalRef = string | { readonly id: string; readonly region?: string };
export interface AgentAliasRef {
  readonly agentId: string;
  readonly aliasId: string;
  readonly region?: string;
}
export interface AgentcoreRuntimeRef {
  readonly runtimeId: string;
  /** Runtime endpoint name. @default "DEFAULT" */
  readonly endpoint?: string;
  readonly region?: string;
}
export interface GuardrailRef {
  /** Guardrail id, or its ARN (`aws.bedrock.Guardrail.guardrailArn`). */
  readonly id: string;
  /** Guardrail version (`1`, `2`, … or `DRAFT`); every model call must name this version. */
  readonly version: string;
  readonly region?: string;
}

/** What a workload may reach. Every list is optional; an empty or absent list grants nothing. */
export interface AiAccessSpec {
  readonly foundationModels?: readonly FoundationModelRef[];
  readonly inferenceProfiles?: readonly InferenceProfileRef[];
  /** Provisioned-throughput models: id or ARN. */
  readonly provisionedModels?: readonly RegionalRef[];
  /** Bedrock agent aliases: `{ agentId, aliasId }` or alias ARN. */
  readonly agentAliases?: readonly (string | AgentAliasRef)[];
  /** Knowledge bases (bedrock:Retrieve): id or ARN. */
  readonly knowledgeBases?: readonly RegionalRef[];
  /**
   * Also allow `bedrock:RetrieveAndGenerate` (an action IAM only grants on `*`; it still needs
   * Retrieve on a named knowledge base and InvokeModel on a named model). @default false
   */
  readonly allowRetrieveAndGenerate?: boolean;
  /** Guardrail every model invocation must apply (`bedrock:GuardrailIdentifier`). */
  readonly guardrail?: GuardrailRef;
  /** SageMaker endpoints: name or ARN. */
  readonly sagemakerEndpoints?: readonly RegionalRef[];
  /** AgentCore runtimes: `{ runtimeId, endpoint }` or runtime ARN. */
  readonly agentcoreRuntimes?: readonly (string | AgentcoreRuntimeRef)[];
  /** OpenSearch Serverless collections (vector stores): collection id or ARN. */
  readonly opensearchCollections?: readonly RegionalRef[];
  /** Adds `aws:RequestedRegion` to every statement; must include every region used. */
  readonly requestedRegions?: readonly string[];
  /** Adds `aws:SourceVpce` to every statement the caller makes directly (not to routed model calls). */
  readonly sourceVpces?: readonly string[];
}

export interface AiAccessContext {
  readonly partition: string;
  readonly accountId: string;
  /** Default region for entries without one. */
  readonly region: string;
}

export type AiResourceKind =
  | "foundation-model"
  | "inference-profile"
  | "foundation-model-via-profile"
  | "provisioned-model"
  | "agent-alias"
  | "knowledge-base"
  | "guardrail"
  | "sagemaker-endpoint"
  | "agentcore-runtime"
  | "opensearch-collection";

/** One granted group of resources: what the path description and reports show. */
export interface AiGrant {
  readonly kind: AiResourceKind;
  readonly actions: string[];
  readonly resources: string[];
}

export interface BuiltAiAccessPolicy {
  readonly document: PolicyDocument;
  readonly grants: AiGrant[];
  /** `arn:…:guardrail/<id>:<version>` when a guardrail is enforced. */
  readonly guardrailIdentifier?: string;
  /** Every region a statement names (used to check requestedRegions). */
  readonly regions: string[];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

class Builder {
  readonly regions = new Set<string>();
  constructor(
    readonly subject: string,
    readonly partition: Partition,
    readonly account: string,
    readonly region: string,
  ) {}

  reg(field: string, r: string | undefined): string {
    const region = checkRegion(this.subject, field, r ?? this.region, this.partition);
    this.regions.add(region);
    return region;
  }

  id(field: string, v: string): string {
    if (typeof v !== "string" || !v || hasWildcard(v) || !ID.test(v)) fail(this.subject, `${field} ${quote(String(v))} is not an id (empty, a wildcard or unexpected characters); name each resource`);
    return v;
  }

  /** An ARN given directly: same partition, expected service and resource type, no wildcards. */
  arn(field: string, v: string, service: string, type: string): string {
    const p = parseArn(v);
    if (!p || p.service !== service || !p.resource.startsWith(`${type}/`) || hasWildcard(v)) {
      fail(this.subject, `${field} ${quote(v)} is not a ${service} ${type} ARN without wildcards (arn:${this.partition}:${service}:<region>:<account>:${type}/<id>)`);
    }
    if (p.partition !== this.partition) fail(this.subject, `${field} ${quote(v)} is in partition ${p.partition}, but the policy is for partition ${this.partition}`);
    this.reg(field, p.region);
    return v;
  }

  regional(field: string, ref: RegionalRef, service: string, type: string, lower = false): string {
    if (typeof ref === "string" && ref.startsWith("arn:")) return this.arn(field, ref, service, type);
    const id = this.id(field, typeof ref === "string" ? ref : ref.id);
    const region = this.reg(`${field} region`, typeof ref === "string" ? undefined : ref.region);
    return `arn:${this.partition}:${service}:${region}:${this.account}:${type}/${lower ? id.toLowerCase() : id}`;
  }

  model(field: string, modelId: string, region: string): string {
    return `arn:${this.partition}:bedrock:${this.reg(field, region)}::foundation-model/${this.id(field, modelId)}`;
  }
}

export function buildAiAccessPolicy(subject: string, spec: AiAccessSpec, ctx: AiAccessContext): BuiltAiAccessPolicy {
  const partition = checkPartition(subject, "partition", ctx.partition);
  const account = checkAccount(subject, "accountId", ctx.accountId);
  const b = new Builder(subject, partition, account, ctx.region);
  b.reg("region", ctx.region);
  b.regions.clear();

  const grants: AiGrant[] = [];
  const statements: PolicyStatement[] = [];
  const vpce = uniq(spec.sourceVpces ?? []);
  for (const v of vpce) if (!/^vpce-[0-9a-f]+$/.test(v)) fail(subject, `sourceVpces value ${quote(v)} is not a VPC endpoint id (vpce-0123456789abcdef0)`);
  const direct: ConditionBlock | undefined = vpce.length > 0 ? { StringEquals: { "aws:SourceVpce": oneOrMany(vpce) } } : undefined;

  let guardrailId: string | undefined;
  let guardrailArn: string | undefined;
  if (spec.guardrail) {
    const g = spec.guardrail;
    if (!g.version || !/^(\d+|DRAFT)$/.test(g.version)) fail(subject, `guardrail.version ${quote(String(g.version))} must be a version number or DRAFT; every model call must name this exact version`);
    guardrailArn = g.id.startsWith("arn:") ? b.arn("guardrail.id", g.id, "bedrock", "guardrail") : b.regional("guardrail.id", { id: g.id, region: g.region }, "bedrock", "guardrail");
    guardrailId = `${guardrailArn}:${g.version}`;
  }
  const guard: ConditionBlock | undefined = guardrailId ? { StringEquals: { "bedrock:GuardrailIdentifier": guardrailId } } : undefined;

  const add = (sid: string, kind: AiResourceKind, actions: readonly string[], resources: string[], cond?: ConditionBlock) => {
    const rs = uniq(resources);
    if (rs.length === 0) return;
    grants.push({ kind, actions: [...actions], resources: rs });
    const Condition = mergeConditions(cond);
    statements.push({ Sid: sid, Effect: "Allow", Action: oneOrMany([...actions]), Resource: oneOrMany(rs), ...(Condition ? { Condition } : {}) });
  };

  const models = (spec.foundationModels ?? []).map((m, i) => {
    const f = `foundationModels[${i}]`;
    if (typeof m === "string" && m.startsWith("arn:")) {
      const p = parseArn(m);
      if (!p || p.service !== "bedrock" || !p.resource.startsWith("foundation-model/") || hasWildcard(m) || p.partition !== partition) {
        fail(subject, `${f} ${quote(m)} is not a foundation-model ARN of partition ${partition} without wildcards`);
      }
      b.reg(f, p.region);
      return m;
    }
    return typeof m === "string" ? b.model(f, m, ctx.region) : b.model(f, m.modelId, m.region ?? ctx.region);
  });
  add("InvokeFoundationModels", "foundation-model", MODEL_INVOKE_ACTIONS, models, mergeConditions(guard, direct));

  const profiles = spec.inferenceProfiles ?? [];
  const profileArns: string[] = [];
  const routed: string[] = [];
  profiles.forEach((p, i) => {
    const f = `inferenceProfiles[${i}]`;
    profileArns.push(b.regional(`${f}.profileId`, { id: p.profileId, region: p.region }, "bedrock", "inference-profile"));
    if (!p.routesTo || p.routesTo.length === 0) fail(subject, `${f}.routesTo is empty; list every region the profile routes to (the model must be allowed in each)`);
    for (const r of p.routesTo) routed.push(b.model(`${f}.routesTo`, p.modelId, r));
  });
  add("InvokeInferenceProfiles", "inference-profile", MODEL_INVOKE_ACTIONS, profileArns, mergeConditions(guard, direct));
  add("InvokeModelsThroughInferenceProfiles", "foundation-model-via-profile", MODEL_INVOKE_ACTIONS, routed, mergeConditions(guard, { StringEquals: { "bedrock:InferenceProfileArn": oneOrMany(uniq(profileArns)) } }));

  const provisioned = (spec.provisionedModels ?? []).map((r, i) => b.regional(`provisionedModels[${i}]`, r, "bedrock", "provisioned-model"));
  add("InvokeProvisionedModels", "provisioned-model", MODEL_INVOKE_ACTIONS, provisioned, mergeConditions(guard, direct));

  const aliases = (spec.agentAliases ?? []).map((a, i) => {
    const f = `agentAliases[${i}]`;
    if (typeof a === "string") {
      if (!a.startsWith("arn:")) fail(subject, `${f} ${quote(a)}: give { agentId, aliasId } or an agent-alias ARN`);
      const arn = b.arn(f, a, "bedrock", "agent-alias");
      if (parseArn(arn)!.resource.split("/").length !== 3) fail(subject, `${f} ${quote(a)} is not agent-alias/<agentId>/<aliasId>`);
      return arn;
    }
    return `arn:${partition}:bedrock:${b.reg(`${f}.region`, a.region)}:${account}:agent-alias/${b.id(`${f}.agentId`, a.agentId)}/${b.id(`${f}.aliasId`, a.aliasId)}`;
  });
  add("InvokeAgentAliases", "agent-alias", AGENT_INVOKE_ACTIONS, aliases, direct);

  const kbs = (spec.knowledgeBases ?? []).map((r, i) => b.regional(`knowledgeBases[${i}]`, r, "bedrock", "knowledge-base"));
  add("RetrieveFromKnowledgeBases", "knowledge-base", KNOWLEDGE_BASE_ACTIONS, kbs, direct);
  if (spec.allowRetrieveAndGenerate) {
    if (kbs.length === 0) fail(subject, "allowRetrieveAndGenerate needs at least one knowledgeBases entry (RetrieveAndGenerate reads a named knowledge base)");
    if (models.length + profileArns.length + provisioned.length === 0) fail(subject, "allowRetrieveAndGenerate needs a model to generate with: name it in foundationModels, inferenceProfiles or provisionedModels");
    // IAM defines no resource type for RetrieveAndGenerate: `*` is the only valid Resource. The
    // knowledge base and the model it uses are still limited by the statements above.
    const Condition = mergeConditions(direct);
    statements.push({ Sid: "RetrieveAndGenerate", Effect: "Allow", Action: "bedrock:RetrieveAndGenerate", Resource: "*", ...(Condition ? { Condition } : {}) });
    grants.push({ kind: "knowledge-base", actions: ["bedrock:RetrieveAndGenerate"], resources: ["*"] });
  }

  if (guardrailArn) add("ApplyGuardrail", "guardrail", GUARDRAIL_ACTIONS, [guardrailArn], direct);

  const endpoints = (spec.sagemakerEndpoints ?? []).map((r, i) => b.regional(`sagemakerEndpoints[${i}]`, r, "sagemaker", "endpoint", true));
  add("InvokeSageMakerEndpoints", "sagemaker-endpoint", SAGEMAKER_ACTIONS, endpoints, direct);

  const runtimes = (spec.agentcoreRuntimes ?? []).flatMap((r, i) => {
    const f = `agentcoreRuntimes[${i}]`;
    let base: string;
    let endpoint = "DEFAULT";
    if (typeof r === "string") {
      if (!r.startsWith("arn:")) fail(subject, `${f} ${quote(r)}: give { runtimeId, endpoint } or a runtime ARN`);
      base = b.arn(f, r, "bedrock-agentcore", "runtime").replace(/\/runtime-endpoint\/.*$/, "");
      const m = /\/runtime-endpoint\/(.+)$/.exec(r);
      if (m) endpoint = m[1];
    } else {
      base = `arn:${partition}:bedrock-agentcore:${b.reg(`${f}.region`, r.region)}:${account}:runtime/${b.id(`${f}.runtimeId`, r.runtimeId)}`;
      endpoint = b.id(`${f}.endpoint`, r.endpoint ?? "DEFAULT");
    }
    return [base, `${base}/runtime-endpoint/${endpoint}`];
  });
  add("InvokeAgentCoreRuntimes", "agentcore-runtime", AGENTCORE_ACTIONS, runtimes, direct);

  const collections = (spec.opensearchCollections ?? []).map((r, i) => b.regional(`opensearchCollections[${i}]`, r, "aoss", "collection"));
  add("AccessOpenSearchServerlessCollections", "opensearch-collection", AOSS_ACTIONS, collections, direct);

  const regions = [...b.regions].sort();
  const requested = spec.requestedRegions ? uniq(spec.requestedRegions) : undefined;
  if (requested) {
    if (requested.length === 0) fail(subject, "requestedRegions is empty, which would deny every call; leave it out or list the regions");
    requested.forEach((r, i) => checkRegion(subject, `requestedRegions[${i}]`, r, partition));
    const missing = regions.filter((r) => !requested.includes(r));
    if (missing.length > 0) fail(subject, `requestedRegions does not include ${missing.join(", ")}, where named resources live (cross-region inference calls the model in each routed region); add them`);
    const rr: ConditionBlock = { StringEquals: { "aws:RequestedRegion": oneOrMany(requested) } };
    for (const s of statements) s.Condition = mergeConditions(s.Condition, rr);
  }
  return { document: policyDocument(statements), grants, guardrailIdentifier: guardrailId, regions };
}

/** True when the policy lets the holder invoke a model (so invocation logging must exist). */
export function invokesModels(policy: BuiltAiAccessPolicy): boolean {
  return policy.grants.some((g) => g.actions.includes("bedrock:InvokeModel") || g.kind === "agent-alias" || g.actions.includes("bedrock:RetrieveAndGenerate"));
}

/** Adds `DateLessThan aws:CurrentTime` to every statement: the grant stops working at `expiresAt`. */
export function timeBoxed(document: PolicyDocument, expiresAtIso: string): PolicyDocument {
  return policyDocument(document.Statement.map((s) => ({ ...s, Condition: mergeConditions(s.Condition, { DateLessThan: { "aws:CurrentTime": expiresAtIso } }) })));
}
