/**
 * AgentToolGateway: runtime authorisation of an agent's tool calls. An AgentCore MCP gateway that
 * accepts only JWTs of your issuer for named audiences and clients, a Cedar policy engine attached
 * in ENFORCE mode with one `permit` per tool for named callers (everything else is denied), gateway
 * targets whose credentials come from the token vault by reference (never an inline key), a
 * workload identity with exact OAuth return URLs, and optionally the agent runtime itself behind
 * the same JWT authorizer.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { fail, quote, who } from "../common/errors";
import { awsContext, type AwsContextArgs } from "../common/context";
import { checkOwned, withOwnership, type OwnedArgs } from "../common/inputs";
import { AiAccessPolicy, type AiAccessSpecInput } from "../access/ai-access-policy";
import {
  agentcoreArn,
  agentcoreTrustPolicy,
  cedarPolicyName,
  cedarToolPolicy,
  checkGatewayName,
  checkInboundJwt,
  checkReturnUrls,
  checkTools,
  customJwtAuthorizer,
  gatewayRolePolicy,
  runtimeRolePolicy,
  workloadIdentityArn,
  type InboundJwtSpec,
  type OutboundSpec,
  type ToolSpec,
} from "./documents";

/** A tool a Lambda target exposes: its MCP schema and who may call it. */
export interface LambdaToolArgs extends ToolSpec {
  readonly description: string;
  /** JSON schema of the tool's input, in the provider's shape. @default { type: "object" } */
  readonly inputSchema?: aws.types.input.bedrock.AgentcoreGatewayTargetTargetConfigurationMcpLambdaToolSchemaInlinePayloadInputSchema;
}

/** A secret held in Secrets Manager, referenced by ARN (its value never passes through the program). */
export interface SecretReference {
  readonly secretArn: pulumi.Input<string>;
  /** Key inside the secret's JSON value. */
  readonly jsonKey: pulumi.Input<string>;
}

export interface GatewayTargetArgs {
  /** Target name; tools are called as `<name>___<tool>`. Letters, digits and single hyphens. */
  readonly name: string;
  /** @default none */
  readonly description?: pulumi.Input<string>;
  /** A Lambda function the gateway invokes with its own role (which may invoke only this function for this target). Give this or `mcpServer`. */
  readonly lambda?: { readonly functionArn: pulumi.Input<string>; readonly tools: readonly LambdaToolArgs[] };
  /** A remote MCP server (https). Give this or `lambda`, and `oauth` or `apiKey` for its credentials. */
  readonly mcpServer?: { readonly endpoint: string; readonly tools: readonly ToolSpec[] };
  /** OAuth client-credentials through the token vault (mcpServer targets). @default none */
  readonly oauth?: {
    readonly scopes: readonly string[];
    /** An existing OAuth2 credential provider. Give this or `provider`. */
    readonly providerArn?: pulumi.Input<string>;
    /** A provider created here; its client secret is referenced in Secrets Manager, never inline. Give this or `providerArn`. */
    readonly provider?: { readonly discoveryUrl: string; readonly clientId: pulumi.Input<string>; readonly clientSecret: SecretReference };
  };
  /**
   * An API key through the token vault (mcpServer targets): `providerArn` of an existing provider, or
   * `secret` to create one that references it. Sent as `Authorization: Bearer <key>` unless `headerName`
   * (and `prefix`) are given. @default none
   */
  readonly apiKey?: { readonly providerArn?: pulumi.Input<string>; readonly secret?: SecretReference; readonly headerName?: string; readonly prefix?: string };
}

export interface AgentToolGatewayArgs extends AwsContextArgs, OwnedArgs {
  /** Physical gateway name. @default the component name */
  readonly gatewayName?: string;
  /** The JWT every caller presents: discovery URL, audiences and client ids (all required). */
  readonly inboundJwt: InboundJwtSpec;
  /** Tool targets, each with its tools and the callers permitted per tool. At least one. */
  readonly targets: readonly GatewayTargetArgs[];
  /** Workload identity of the agent: exact OAuth return URLs (user-delegated flows). */
  readonly workloadIdentity: { readonly name?: string; readonly returnUrls: readonly string[] };
  /** The agent runtime behind the same JWT authorizer. @default none (bring your own runtime) */
  readonly runtime?: {
    /** ECR image URI of the agent. */
    readonly containerUri: pulumi.Input<string>;
    /** ARN of the ECR repository holding it (the runtime role may pull only from it). */
    readonly repositoryArn: pulumi.Input<string>;
    /** AI resources the agent may reach (AiAccessPolicy on the runtime role, guardrail recommended). @default none */
    readonly access?: AiAccessSpecInput;
    /** Run inside a VPC. @default PUBLIC network mode (the JWT authorizer still applies) */
    readonly vpc?: { readonly subnets: pulumi.Input<pulumi.Input<string>[]>; readonly securityGroups: pulumi.Input<pulumi.Input<string>[]> };
  };
  /** KMS key for the gateway and policy engine. @default AWS managed keys */
  readonly kmsKeyArn?: pulumi.Input<string>;
}

interface PlannedTarget {
  args: GatewayTargetArgs;
  tools: ToolSpec[];
}

/** Checks the targets up front: one kind each, credentials by reference only, tools with named callers. */
export function checkTargets(subject: string, targets: readonly GatewayTargetArgs[] | undefined): PlannedTarget[] {
  if (!targets || targets.length === 0) fail(subject, "give targets: at least one tool target (lambda or mcpServer) with its tools");
  const names = new Set<string>();
  return targets.map((t, i) => {
    const f = `targets[${i}]`;
    checkGatewayName(subject, `${f}.name`, t.name);
    if (names.has(t.name)) fail(subject, `${f}.name ${quote(t.name)} is given twice`);
    names.add(t.name);
    if (!t.lambda === !t.mcpServer) fail(subject, `${f}: give exactly one of ${f}.lambda and ${f}.mcpServer`);
    if (t.oauth && t.apiKey) fail(subject, `${f}: give ${f}.oauth or ${f}.apiKey, not both`);
    if (t.lambda && (t.oauth || t.apiKey)) fail(subject, `${f}: a lambda target is invoked with the gateway's role; ${f}.oauth and ${f}.apiKey apply to mcpServer targets`);
    if (t.mcpServer && !t.oauth && !t.apiKey) fail(subject, `${f}.mcpServer needs ${f}.oauth or ${f}.apiKey: the gateway authenticates to the server with a token-vault credential`);
    if (t.mcpServer && !/^https:\/\/[^\s*]+$/.test(t.mcpServer.endpoint)) fail(subject, `${f}.mcpServer.endpoint ${quote(String(t.mcpServer.endpoint))} must be an https:// URL without wildcards`);
    for (const [block, value] of [["oauth", t.oauth], ["apiKey", t.apiKey]] as const) {
      if (!value) continue;
      const v = value as Record<string, unknown>;
      const ref = block === "oauth" ? v.provider : v.secret;
      // Inline keys would sit in the program, the state and the preview; only references are accepted.
      for (const k of ["apiKey", "clientSecret", "key", "value", "secretString"]) {
        const inner = block === "oauth" ? (v.provider as Record<string, unknown> | undefined)?.[k] : v[k];
        if (typeof inner === "string") fail(subject, `${f}.${block}${block === "oauth" ? ".provider" : ""}.${k} is an inline credential; store it in Secrets Manager and give { secretArn, jsonKey }`);
      }
      if (!v.providerArn === !ref) fail(subject, `${f}.${block}: give ${f}.${block}.providerArn or ${f}.${block}.${block === "oauth" ? "provider" : "secret"}, exactly one`);
    }
    if (t.oauth && (!t.oauth.scopes || t.oauth.scopes.length === 0)) fail(subject, `${f}.oauth.scopes is empty; name the scopes the target needs`);
    if (t.oauth?.provider && !/^https:\/\/[^\s*]+\/\.well-known\/(openid-configuration|oauth-authorization-server)$/.test(t.oauth.provider.discoveryUrl)) {
      fail(subject, `${f}.oauth.provider.discoveryUrl ${quote(t.oauth.provider.discoveryUrl)} must be an https:// discovery URL`);
    }
    const tools = checkTools(subject, `${f}.${t.lambda ? "lambda" : "mcpServer"}.tools`, t.lambda ? t.lambda.tools : t.mcpServer!.tools);
    if (t.lambda) for (const [j, tool] of t.lambda.tools.entries()) if (!tool.description) fail(subject, `${f}.lambda.tools[${j}].description is empty; MCP clients show it to the model`);
    return { args: t, tools };
  });
}

/** The provider's ARN, or (when the engine does not report it yet) the one AgentCore gives a provider of that name in the default vault. */
function providerArnOf(reported: pulumi.Output<string>, base: pulumi.Output<{ partition: string; account: string; region: string }>, type: string, providerName: string): pulumi.Output<string> {
  return pulumi.all([reported, base]).apply(([arn, b]) => arn || `${agentcoreArn(b, "token-vault", "default")}/${type}/${providerName}`);
}

const engineNameOf = (name: string) => `pe_${name.replace(/[^A-Za-z0-9]/g, "_")}`.slice(0, 48);

export class AgentToolGateway extends pulumi.ComponentResource {
  public readonly gateway: aws.bedrock.AgentcoreGateway;
  public readonly policyEngine: aws.bedrock.AgentcorePolicyEngine;
  public readonly role: aws.iam.Role;
  public readonly workloadIdentity: aws.bedrock.AgentcoreWorkloadIdentity;
  public readonly targets: aws.bedrock.AgentcoreGatewayTarget[] = [];
  public readonly policies: aws.bedrock.AgentcorePolicy[] = [];
  public readonly runtime?: aws.bedrock.AgentcoreAgentRuntime;
  public readonly runtimeRole?: aws.iam.Role;
  public readonly gatewayArn: pulumi.Output<string>;
  /** The Cedar statements, one per tool. */
  public readonly cedarPolicies: pulumi.Output<string[]>;
  public readonly gatewayRolePolicy: pulumi.Output<string>;

  constructor(name: string, args: AgentToolGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ai-access-guard:agents:AgentToolGateway", name, {}, opts);
    const s = who("AgentToolGateway", name);
    checkOwned(s, args);
    const jwt = checkInboundJwt(s, "inboundJwt", args.inboundJwt);
    const planned = checkTargets(s, args.targets);
    if (!args.workloadIdentity) fail(s, "give workloadIdentity.returnUrls: the exact URLs OAuth flows may return to");
    const returnUrls = checkReturnUrls(s, "workloadIdentity.returnUrls", args.workloadIdentity.returnUrls);
    const gatewayName = checkGatewayName(s, "gatewayName", args.gatewayName ?? name);
    const identityName = args.workloadIdentity.name ?? `${gatewayName}-agent`;
    if (!/^[A-Za-z0-9._-]{3,255}$/.test(identityName)) fail(s, `workloadIdentity.name ${quote(identityName)} must be 3-255 letters, digits, '.', '_' or '-'`);
    if (args.runtime) {
      if (args.runtime.containerUri === undefined || args.runtime.repositoryArn === undefined) fail(s, "runtime needs runtime.containerUri and runtime.repositoryArn (the runtime role may pull only from that repository)");
    }
    const tags = withOwnership(args.tags, args.owner, args.purpose);
    const ctx = awsContext(this, args);
    const base = pulumi.all([ctx.partition, ctx.accountId, ctx.region]).apply(([partition, account, region]) => ({ partition, account, region }));
    const o = { parent: this };

    this.policyEngine = new aws.bedrock.AgentcorePolicyEngine(`${name}-policy-engine`, { name: engineNameOf(gatewayName), description: `Decides tool calls through gateway ${gatewayName} (ai-access-guard)`, encryptionKeyArn: args.kmsKeyArn, region: args.region, tags }, o);
    // The ARN the provider reports; offline (no report) the one AgentCore gives that id.
    const engineArn = pulumi.all([base, this.policyEngine.id, this.policyEngine.policyEngineArn]).apply(([b, id, arn]) => arn || agentcoreArn(b, "policy-engine", id));

    const trust = base.apply((b) => JSON.stringify(agentcoreTrustPolicy(b, "gateway")));
    this.role = new aws.iam.Role(`${name}-role`, { description: `AgentCore gateway ${gatewayName}: invokes its targets only (ai-access-guard)`, assumeRolePolicy: trust, maxSessionDuration: 3600, tags }, o);

    this.workloadIdentity = new aws.bedrock.AgentcoreWorkloadIdentity(`${name}-workload-identity`, { name: identityName, allowedResourceOauth2ReturnUrls: returnUrls, region: args.region }, o);

    this.gateway = new aws.bedrock.AgentcoreGateway(
      `${name}-gateway`,
      {
        name: gatewayName,
        description: `Tool gateway ${gatewayName}: JWT inbound, Cedar policy engine in ENFORCE (ai-access-guard)`,
        authorizerType: "CUSTOM_JWT",
        authorizerConfiguration: { customJwtAuthorizer: customJwtAuthorizer(jwt) },
        protocolType: "MCP",
        policyEngineConfiguration: { arn: engineArn, mode: "ENFORCE" },
        roleArn: this.role.arn,
        kmsKeyArn: args.kmsKeyArn,
        region: args.region,
        tags,
      },
      o,
    );
    const gatewayArn = pulumi.all([base, this.gateway.id, this.gateway.gatewayArn]).apply(([b, id, arn]) => arn || agentcoreArn(b, "gateway", id));
    this.gatewayArn = gatewayArn;
    // The workload identity AgentCore creates for the gateway (outbound tokens are issued to it), as the
    // provider reports it; where it is not reported (offline), the one named after the gateway id.
    const gatewayIdentityArn = pulumi
      .all([base, this.gateway.id, this.gateway.workloadIdentityDetails])
      .apply(([b, id, details]) => (details && details[0]?.workloadIdentityArn) || workloadIdentityArn(b, id));

    // Credential providers created here hold a reference to the secret, never its value.
    const outbound: pulumi.Output<{ name: string; lambdaArn?: string; outbound: OutboundSpec }>[] = [];
    const targetConfigs = planned.map(({ args: t }) => {
      const part = `${name}-${t.name}`;
      let credentialProviderConfiguration: aws.types.input.bedrock.AgentcoreGatewayTargetCredentialProviderConfiguration;
      let spec: pulumi.Output<OutboundSpec>;
      if (t.lambda) {
        credentialProviderConfiguration = { gatewayIamRole: {} };
        spec = pulumi.output({ kind: "gateway-role" as const });
        outbound.push(pulumi.all([t.lambda.functionArn, spec]).apply(([lambdaArn, sp]) => ({ name: t.name, lambdaArn, outbound: sp })));
      } else if (t.oauth) {
        const oauth = t.oauth;
        let providerArn: pulumi.Input<string>;
        if (oauth.provider) {
          const p = new aws.bedrock.AgentcoreOauth2CredentialProvider(
            `${part}-oauth-provider`,
            {
              name: `${gatewayName}-${t.name}`,
              credentialProviderVendor: "CustomOauth2",
              oauth2ProviderConfig: {
                customOauth2ProviderConfig: {
                  clientId: oauth.provider.clientId,
                  clientSecretSource: "EXTERNAL",
                  clientSecretConfig: { secretId: oauth.provider.clientSecret.secretArn, jsonKey: oauth.provider.clientSecret.jsonKey },
                  oauthDiscovery: { discoveryUrl: oauth.provider.discoveryUrl },
                },
              },
              region: args.region,
              tags,
            },
            o,
          );
          providerArn = providerArnOf(p.credentialProviderArn, base, "oauth2credentialprovider", `${gatewayName}-${t.name}`);
        } else providerArn = oauth.providerArn!;
        credentialProviderConfiguration = { oauth: { providerArn, scopes: [...oauth.scopes], grantType: "CLIENT_CREDENTIALS" } };
        spec = pulumi.output(providerArn).apply((arn) => ({ kind: "oauth" as const, providerArn: arn, scopes: [...oauth.scopes] }));
        outbound.push(spec.apply((sp) => ({ name: t.name, outbound: sp })));
      } else {
        const key = t.apiKey!;
        let providerArn: pulumi.Input<string>;
        if (key.secret) {
          const p = new aws.bedrock.AgentcoreApiKeyCredentialProvider(
            `${part}-api-key-provider`,
            { name: `${gatewayName}-${t.name}`, apiKeySecretSource: "EXTERNAL", apiKeySecretConfig: { secretId: key.secret.secretArn, jsonKey: key.secret.jsonKey }, region: args.region, tags },
            o,
          );
          providerArn = providerArnOf(p.credentialProviderArn, base, "apikeycredentialprovider", `${gatewayName}-${t.name}`);
        } else providerArn = key.providerArn!;
        credentialProviderConfiguration = { apiKey: { providerArn, credentialLocation: "HEADER", credentialParameterName: key.headerName ?? "Authorization", credentialPrefix: key.prefix ?? (key.headerName ? undefined : "Bearer") } };
        spec = pulumi.output(providerArn).apply((arn) => ({ kind: "api-key" as const, providerArn: arn }));
        outbound.push(spec.apply((sp) => ({ name: t.name, outbound: sp })));
      }
      return { part, t, credentialProviderConfiguration };
    });

    const rolePolicy = pulumi.all([base, engineArn, gatewayArn, gatewayIdentityArn, pulumi.all(outbound)]).apply(([b, engine, gw, identity, targets]) => {
      return JSON.stringify(gatewayRolePolicy({ ...b, policyEngineArn: engine, gatewayArn: gw, targets, workloadIdentityArn: identity }));
    });
    this.gatewayRolePolicy = rolePolicy;
    const grants = new aws.iam.RolePolicy(`${name}-role-policy`, { role: this.role.name, policy: rolePolicy }, o);

    for (const { part, t, credentialProviderConfiguration } of targetConfigs) {
      const targetConfiguration: aws.types.input.bedrock.AgentcoreGatewayTargetTargetConfiguration = t.lambda
        ? {
            mcp: {
              lambda: {
                lambdaArn: t.lambda.functionArn,
                toolSchema: { inlinePayloads: t.lambda.tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema ?? { type: "object" } })) },
              },
            },
          }
        : { mcp: { mcpServer: { endpoint: t.mcpServer!.endpoint } } };
      this.targets.push(
        new aws.bedrock.AgentcoreGatewayTarget(
          `${part}-target`,
          { name: t.name, description: t.description, gatewayIdentifier: this.gateway.id, targetConfiguration, credentialProviderConfiguration, region: args.region },
          { parent: this, dependsOn: [grants] },
        ),
      );
    }

    // One permit per tool; the engine denies anything no permit names (Cedar's default).
    const statements: pulumi.Output<string>[] = [];
    let index = 0;
    for (const { args: t, tools } of planned) {
      for (const tool of tools) {
        index += 1;
        const statement = gatewayArn.apply((arn) => cedarToolPolicy(arn, t.name, tool));
        statements.push(statement);
        this.policies.push(
          new aws.bedrock.AgentcorePolicy(
            `${name}-${t.name}-${tool.name}-permit`,
            {
              name: cedarPolicyName(t.name, tool.name, index),
              description: `Who may call ${t.name}___${tool.name} (ai-access-guard)`,
              policyEngineId: this.policyEngine.id,
              definition: { cedar: { statement } },
              validationMode: "FAIL_ON_ANY_FINDINGS",
              region: args.region,
            },
            { parent: this, dependsOn: this.targets },
          ),
        );
      }
    }
    this.cedarPolicies = pulumi.all(statements);

    if (args.runtime) {
      const rt = args.runtime;
      const runtimeTrust = base.apply((b) => JSON.stringify(agentcoreTrustPolicy(b, "runtime")));
      this.runtimeRole = new aws.iam.Role(`${name}-runtime-role`, { description: `AgentCore runtime behind gateway ${gatewayName} (ai-access-guard)`, assumeRolePolicy: runtimeTrust, maxSessionDuration: 3600, tags }, o);
      const runtimePolicy = pulumi
        .all([base, rt.repositoryArn, gatewayArn])
        .apply(([b, repositoryArn, gw]) => JSON.stringify(runtimeRolePolicy({ ...b, repositoryArn, gatewayArn: gw, workloadIdentityName: identityName })));
      const runtimeGrants: pulumi.Resource[] = [new aws.iam.RolePolicy(`${name}-runtime-role-policy`, { role: this.runtimeRole.name, policy: runtimePolicy }, o)];
      if (rt.access) runtimeGrants.push(new AiAccessPolicy(`${name}-runtime-access`, { access: rt.access, role: this.runtimeRole.name, partition: args.partition, accountId: args.accountId, region: args.region }, o));
      this.runtime = new aws.bedrock.AgentcoreAgentRuntime(
        `${name}-runtime`,
        {
          agentRuntimeName: `${gatewayName.replace(/[^A-Za-z0-9]/g, "_")}_agent`.replace(/^[^A-Za-z]/, "a").slice(0, 48),
          description: `Agent behind tool gateway ${gatewayName} (ai-access-guard)`,
          agentRuntimeArtifact: { containerConfiguration: { containerUri: rt.containerUri } },
          authorizerConfiguration: { customJwtAuthorizer: customJwtAuthorizer(jwt) },
          networkConfiguration: rt.vpc ? { networkMode: "VPC", networkModeConfig: { subnets: rt.vpc.subnets, securityGroups: rt.vpc.securityGroups } } : { networkMode: "PUBLIC" },
          roleArn: this.runtimeRole.arn,
          region: args.region,
          tags,
        },
        { parent: this, dependsOn: runtimeGrants },
      );
    }
    this.registerOutputs({ gatewayArn: this.gatewayArn, cedarPolicies: this.cedarPolicies, gatewayRolePolicy: this.gatewayRolePolicy });
  }
}
