/**
 * Documents and checks for an AgentCore tool gateway (pure): inbound JWT settings, Cedar policies
 * that permit each tool to named callers only (everything else stays denied: Cedar's default),
 * the gateway and runtime execution roles, and exact OAuth return URLs.
 */
import { fail, quote } from "../common/errors";
import { hasWildcard, parseArn } from "../common/arn";
import { policyDocument, uniq, type PolicyDocument, type PolicyStatement } from "../common/documents";
import { serviceTrustPolicy } from "../trust/service";

export const AGENTCORE_SERVICE = "bedrock-agentcore.amazonaws.com";
/** Permissions a gateway's role needs so an attached policy engine can decide tool calls. */
export const POLICY_ENGINE_ACTIONS = ["bedrock-agentcore:AuthorizeAction", "bedrock-agentcore:PartiallyAuthorizeActions"] as const;
const NAME = /^([0-9a-zA-Z][-]?){1,100}$/;
const TOOL_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;

export interface AgentcoreContext {
  readonly partition: string;
  readonly account: string;
  readonly region: string;
}

/** `arn:<p>:bedrock-agentcore:<region>:<account>:<type>/<id>` for the resource types the catalog defines. */
export function agentcoreArn(ctx: AgentcoreContext, type: "gateway" | "policy-engine" | "runtime" | "token-vault", id: string): string {
  return `arn:${ctx.partition}:bedrock-agentcore:${ctx.region}:${ctx.account}:${type}/${id}`;
}

export function workloadIdentityArn(ctx: AgentcoreContext, name: string, directory = "default"): string {
  return `arn:${ctx.partition}:bedrock-agentcore:${ctx.region}:${ctx.account}:workload-identity-directory/${directory}/workload-identity/${name}`;
}

export interface InboundJwtSpec {
  /** OpenID discovery URL of the issuer (`https://…/.well-known/openid-configuration`). */
  readonly discoveryUrl: string;
  readonly allowedAudiences: readonly string[];
  readonly allowedClients: readonly string[];
  readonly allowedScopes?: readonly string[];
}

/** Inbound JWT: an https discovery URL, and both audiences and client ids named (a token for another app is refused). */
export function checkInboundJwt(subject: string, field: string, jwt: Partial<InboundJwtSpec> | undefined): InboundJwtSpec {
  if (!jwt) fail(subject, `give ${field}: callers must present a JWT from your issuer (discoveryUrl, allowedAudiences, allowedClients); a gateway without an authorizer lets anyone who finds its URL call every tool`);
  const missing = (["discoveryUrl", "allowedAudiences", "allowedClients"] as const).filter((k) => jwt[k] === undefined || (Array.isArray(jwt[k]) && (jwt[k] as unknown[]).length === 0));
  if (missing.length > 0) {
    fail(subject, `${field} needs ${missing.map((m) => `${field}.${m}`).join(" and ")}: without audiences any token the issuer signs for another application is accepted, and without client ids any client of the issuer can call the tools`);
  }
  const url = jwt.discoveryUrl!;
  if (!/^https:\/\/[^\s*?]+\/\.well-known\/openid-configuration$/.test(url)) fail(subject, `${field}.discoveryUrl ${quote(url)} must be an https:// URL ending in /.well-known/openid-configuration, without wildcards`);
  for (const k of ["allowedAudiences", "allowedClients", "allowedScopes"] as const) {
    for (const v of jwt[k] ?? []) if (typeof v !== "string" || !v.trim() || hasWildcard(v)) fail(subject, `${field}.${k} value ${quote(String(v))} is empty or has a wildcard; name each value exactly`);
  }
  return { discoveryUrl: url, allowedAudiences: uniq(jwt.allowedAudiences!), allowedClients: uniq(jwt.allowedClients!), allowedScopes: jwt.allowedScopes ? uniq(jwt.allowedScopes) : undefined };
}

/** The provider's `customJwtAuthorizer` block. */
export function customJwtAuthorizer(jwt: InboundJwtSpec): { discoveryUrl: string; allowedAudiences: string[]; allowedClients: string[]; allowedScopes?: string[] } {
  return { discoveryUrl: jwt.discoveryUrl, allowedAudiences: [...jwt.allowedAudiences], allowedClients: [...jwt.allowedClients], ...(jwt.allowedScopes ? { allowedScopes: [...jwt.allowedScopes] } : {}) };
}

/** Who may call one tool: OAuth client ids (`client_id` claim) and/or subjects (`sub`). */
export interface ToolCallers {
  readonly clients?: readonly string[];
  readonly subjects?: readonly string[];
}

export interface ToolSpec {
  /** Tool name as the target exposes it. */
  readonly name: string;
  /** Who may call it. Required: a tool nobody is named for stays denied, and `*` is never written. */
  readonly allow: ToolCallers;
}

export function checkGatewayName(subject: string, field: string, name: string): string {
  if (!NAME.test(name)) fail(subject, `${field} ${quote(name)} must be letters and digits with single hyphens (1-100 characters)`);
  return name;
}

export function checkTools(subject: string, field: string, tools: readonly ToolSpec[] | undefined): ToolSpec[] {
  if (!tools || tools.length === 0) fail(subject, `${field} is empty: name each tool the target exposes and who may call it (a tool without a permit is denied)`);
  const seen = new Set<string>();
  tools.forEach((t, i) => {
    const f = `${field}[${i}]`;
    if (!t || typeof t.name !== "string" || !TOOL_NAME.test(t.name)) fail(subject, `${f}.name ${quote(String(t?.name))} is not a tool name (letters, digits, _ and -, up to 64 characters)`);
    if (seen.has(t.name)) fail(subject, `${f}.name ${quote(t.name)} is given twice; give each tool once`);
    seen.add(t.name);
    const clients = t.allow?.clients ?? [];
    const subjects = t.allow?.subjects ?? [];
    if (clients.length + subjects.length === 0) fail(subject, `${f}.allow names no caller: give allow.clients (OAuth client ids) or allow.subjects (token subjects); the policy engine denies a tool nobody is permitted to call`);
    for (const v of [...clients, ...subjects]) if (typeof v !== "string" || !v.trim() || hasWildcard(v) || /["\\]/.test(v)) fail(subject, `${f}.allow value ${quote(String(v))} is empty, has a wildcard or a quote; name each caller exactly`);
  });
  return [...tools];
}

const cedarString = (v: string) => JSON.stringify(v);

/**
 * One Cedar `permit` for one tool on one gateway, for the named callers only. Nothing else is
 * permitted, so in ENFORCE mode every other call (other tools, other callers) is denied.
 */
export function cedarToolPolicy(gatewayArn: string, targetName: string, tool: ToolSpec): string {
  const conditions: string[] = [];
  const clients = uniq(tool.allow.clients ?? []);
  const subjects = uniq(tool.allow.subjects ?? []);
  if (clients.length > 0) conditions.push(`(principal.hasTag("client_id") && [${clients.map(cedarString).join(", ")}].contains(principal.getTag("client_id")))`);
  if (subjects.length > 0) conditions.push(`[${subjects.map(cedarString).join(", ")}].contains(principal.id)`);
  return [
    "permit(",
    "  principal is AgentCore::OAuthUser,",
    `  action == AgentCore::Action::${cedarString(`${targetName}___${tool.name}`)},`,
    `  resource == AgentCore::Gateway::${cedarString(gatewayArn)}`,
    `) when { ${conditions.join(" || ")} };`,
  ].join("\n");
}

/** Cedar policy name: `^[A-Za-z][A-Za-z0-9_]*$`, at most 48 characters, unique per engine. */
export function cedarPolicyName(targetName: string, toolName: string, index: number): string {
  const base = `permit_${targetName}_${toolName}`.replace(/[^A-Za-z0-9_]/g, "_");
  const suffix = `_${index}`;
  return `${base.slice(0, 48 - suffix.length)}${suffix}`;
}

/** How the gateway authenticates to one target. */
export type OutboundSpec =
  /** The gateway's own role (SigV4 / Lambda invoke). */
  | { readonly kind: "gateway-role" }
  /** OAuth through the token vault: a credential provider ARN and the scopes requested. */
  | { readonly kind: "oauth"; readonly providerArn: string; readonly scopes: readonly string[] }
  /** An API key through the token vault: a credential provider that references a Secrets Manager secret. */
  | { readonly kind: "api-key"; readonly providerArn: string };

export interface GatewayRoleSpec extends AgentcoreContext {
  /** The gateway's own policy engine (the role may ask only it for decisions). */
  readonly policyEngineArn: string;
  readonly gatewayArn: string;
  /** Per target: the Lambda function it invokes, or none (remote MCP server). */
  readonly targets: ReadonlyArray<{ readonly name: string; readonly lambdaArn?: string; readonly outbound: OutboundSpec }>;
  /** The gateway's workload identity (outbound tokens are issued to it). */
  readonly workloadIdentityArn: string;
}

/** Checks an ARN names the expected service and resource type, without wildcards. */
export function checkArn(subject: string, field: string, arn: string, service: string, resourcePrefix: string): string {
  const p = parseArn(arn);
  if (!p || p.service !== service || !p.resource.startsWith(resourcePrefix) || hasWildcard(arn)) fail(subject, `${field} ${quote(arn)} is not a ${service} ${resourcePrefix.replace(/[:/]$/, "")} ARN without wildcards`);
  return arn;
}

const sid = (prefix: string, name: string) => `${prefix}${name.replace(/[^A-Za-z0-9]/g, "")}`;

/**
 * The gateway execution role: one statement per target (the function it invokes, or the credential
 * provider it gets a token or key from), plus the decisions of its own policy engine. Nothing on `*`.
 * No `secretsmanager:GetSecretValue`: the token vault reads the referenced secret, the gateway never
 * holds it (the secret's and its key's policies must let AgentCore Identity read it).
 */
export function gatewayRolePolicy(spec: GatewayRoleSpec): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: "DecideToolCallsWithOwnPolicyEngine", Effect: "Allow", Action: [...POLICY_ENGINE_ACTIONS], Resource: [spec.policyEngineArn, spec.gatewayArn] },
    { Sid: "ReadOwnPolicyEngine", Effect: "Allow", Action: "bedrock-agentcore:GetPolicyEngine", Resource: spec.policyEngineArn },
  ];
  const wid = spec.workloadIdentityArn;
  const directory = `arn:${spec.partition}:bedrock-agentcore:${spec.region}:${spec.account}:workload-identity-directory/default`;
  const vault = agentcoreArn(spec, "token-vault", "default");
  let needsWorkloadToken = false;
  for (const t of spec.targets) {
    if (t.lambdaArn) statements.push({ Sid: sid("InvokeTarget", t.name), Effect: "Allow", Action: "lambda:InvokeFunction", Resource: t.lambdaArn });
    const o = t.outbound;
    if (o.kind === "oauth") {
      needsWorkloadToken = true;
      statements.push({ Sid: sid("OAuthTokenForTarget", t.name), Effect: "Allow", Action: "bedrock-agentcore:GetResourceOauth2Token", Resource: [o.providerArn, vault, directory, wid] });
    } else if (o.kind === "api-key") {
      needsWorkloadToken = true;
      statements.push({ Sid: sid("ApiKeyForTarget", t.name), Effect: "Allow", Action: "bedrock-agentcore:GetResourceApiKey", Resource: [o.providerArn, vault, directory, wid] });
    }
  }
  if (needsWorkloadToken) statements.push({ Sid: "WorkloadAccessTokenForOwnIdentity", Effect: "Allow", Action: "bedrock-agentcore:GetWorkloadAccessToken", Resource: [directory, wid] });
  return policyDocument(statements);
}

/** Trust for AgentCore execution roles: this account's gateways or runtimes only. */
export function agentcoreTrustPolicy(ctx: AgentcoreContext, type: "gateway" | "runtime"): PolicyDocument {
  return serviceTrustPolicy(type === "gateway" ? "AgentCoreGateway" : "AgentCoreRuntime", AGENTCORE_SERVICE, ctx.account, `arn:${ctx.partition}:bedrock-agentcore:${ctx.region}:${ctx.account}:${type}/*`);
}

export interface RuntimeRoleSpec extends AgentcoreContext {
  /** ECR repository ARN of the agent's image. */
  readonly repositoryArn: string;
  readonly gatewayArn: string;
  readonly workloadIdentityName: string;
}

/** The runtime role: pull its image, write its logs, call its one gateway (model access is an AiAccessPolicy beside it). */
export function runtimeRolePolicy(spec: RuntimeRoleSpec): PolicyDocument {
  const logGroup = `arn:${spec.partition}:logs:${spec.region}:${spec.account}:log-group:/aws/bedrock-agentcore/runtimes/*`;
  const statements: PolicyStatement[] = [
    { Sid: "PullAgentImage", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: spec.repositoryArn },
    // ECR defines no resource type for GetAuthorizationToken: `*` is the only valid Resource.
    { Sid: "EcrAuthorizationToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    { Sid: "WriteRuntimeLogs", Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: [logGroup, `${logGroup}:log-stream:*`] },
    { Sid: "CallOwnToolGateway", Effect: "Allow", Action: "bedrock-agentcore:InvokeGateway", Resource: spec.gatewayArn },
    {
      Sid: "WorkloadAccessTokenForOwnIdentity",
      Effect: "Allow",
      Action: ["bedrock-agentcore:GetWorkloadAccessToken", "bedrock-agentcore:GetWorkloadAccessTokenForJWT"],
      Resource: [`arn:${spec.partition}:bedrock-agentcore:${spec.region}:${spec.account}:workload-identity-directory/default`, workloadIdentityArn(spec, spec.workloadIdentityName)],
    },
  ];
  return policyDocument(statements);
}

/** OAuth return URLs: exact https URLs (no wildcards, no fragments), at least one. */
export function checkReturnUrls(subject: string, field: string, urls: readonly string[] | undefined): string[] {
  if (!urls || urls.length === 0) fail(subject, `give ${field}: the exact URLs the OAuth flow may return to (an open redirect hands the authorization code to whoever owns the URL)`);
  for (const u of urls) {
    let ok = false;
    try {
      const parsed = new URL(u);
      ok = parsed.protocol === "https:" && !parsed.hash && !/[*?]/.test(u.replace(/\?[^#]*$/, "")) && !u.includes("*");
    } catch {
      ok = false;
    }
    if (!ok) fail(subject, `${field} value ${quote(u)} must be an exact https:// URL without wildcards or fragment`);
  }
  return uniq(urls);
}
