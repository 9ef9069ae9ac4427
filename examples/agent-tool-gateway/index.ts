// Runtime authorisation of an agent's tool calls. The support agent runs in AgentCore Runtime and
// reaches its tools through one MCP gateway. Callers present a JWT from the company issuer for the
// `support-tools` audience and a named client; a Cedar policy engine in ENFORCE mode permits each
// tool to named clients only (everything else is denied); the CRM is called with an OAuth client
// secret the token vault reads from Secrets Manager (the program and the gateway role never see it;
// the secret's policy must let AgentCore Identity read it).
import * as pulumi from "@pulumi/pulumi";
import { AgentToolGateway, AiAuditTrail, ModelInvocationLogging } from "../../components";

const config = new pulumi.Config();
const account = "123456789012";

const tools = new AgentToolGateway("support-tools", {
  inboundJwt: {
    discoveryUrl: "https://auth.example.com/.well-known/openid-configuration",
    allowedAudiences: ["support-tools"],
    allowedClients: ["support-agent", "support-console"],
  },
  targets: [
    {
      name: "orders",
      lambda: {
        functionArn: config.get("ordersFunctionArn") ?? `arn:aws:lambda:us-east-1:${account}:function:orders-tool`,
        tools: [
          { name: "lookup_order", description: "Look up an order by id", inputSchema: { type: "object", properties: [{ name: "orderId", type: "string", required: true }] }, allow: { clients: ["support-agent", "support-console"] } },
          { name: "refund_order", description: "Refund an order (console only)", inputSchema: { type: "object", properties: [{ name: "orderId", type: "string", required: true }] }, allow: { clients: ["support-console"] } },
        ],
      },
    },
    {
      name: "crm",
      mcpServer: { endpoint: "https://mcp.crm.example.com/mcp", tools: [{ name: "find_customer", allow: { clients: ["support-agent"] } }] },
      oauth: {
        scopes: ["crm.read"],
        provider: {
          discoveryUrl: "https://login.crm.example.com/.well-known/openid-configuration",
          clientId: "support-gateway",
          clientSecret: { secretArn: config.get("crmSecretArn") ?? `arn:aws:secretsmanager:us-east-1:${account}:secret:crm-oauth-client-AbCdEf`, jsonKey: "client_secret" },
        },
      },
    },
  ],
  workloadIdentity: { returnUrls: ["https://support.example.com/oauth/callback"] },
  runtime: {
    containerUri: `${account}.dkr.ecr.us-east-1.amazonaws.com/support-agent:1.4.2`,
    repositoryArn: `arn:aws:ecr:us-east-1:${account}:repository/support-agent`,
    access: { foundationModels: ["anthropic.claude-3-5-haiku-20241022-v1:0"], guardrail: { id: "gr7x2k9q4m1a", version: "3" } },
  },
  owner: "support-platform",
  purpose: "support-agent-tools",
});

// The agent invokes a model: its prompts and completions are logged (KMS, one year).
new ModelInvocationLogging("invocation-logs", { cloudWatch: {}, owner: "support-platform", purpose: "model-invocation-audit" });

// Runtime invocations and tool calls through the gateway are CloudTrail data events: record them.
new AiAuditTrail("agent-audit", { owner: "support-platform", purpose: "agent-tool-call-audit" });

export const gatewayArn = tools.gatewayArn;
export const cedarPolicies = tools.cedarPolicies;
