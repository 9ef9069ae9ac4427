// The safe path for the same job as ../bad-ai-path, built with the components: GitHub Actions
// federates (no stored key), the trust is pinned to one repository's `prod` environment, the role
// may invoke one named model only through a guardrail, sessions last at most an hour, and Bedrock
// model invocation logging is on.
import * as pulumi from "@pulumi/pulumi";
import { AiAccessPath, GithubActionsOidcProvider } from "../../components";

const config = new pulumi.Config();
const owner = "platform-team";

const github = new GithubActionsOidcProvider("github", {
  // One provider per issuer per account: set `githubOidcProviderArn` to reuse an existing one.
  existingProviderArn: config.get("githubOidcProviderArn"),
  owner,
  purpose: "github-actions-federation",
});

const bot = new AiAccessPath("gha-bedrock", {
  identity: { source: "github-actions", oidcProviderArn: github.arn, repository: "acme/support-bot", environments: ["prod"] },
  access: { foundationModels: [{ modelId: "anthropic.claude-3-5-haiku-20241022-v1:0", region: "us-east-1" }] },
  // Every model call must apply this guardrail version (bedrock:GuardrailIdentifier).
  guardrail: { id: config.get("guardrailId") ?? "gr7x2k9q4m1a", version: config.get("guardrailVersion") ?? "1", region: "us-east-1" },
  logging: { cloudWatch: { retentionInDays: 365 } },
  owner,
  purpose: "support-bot-inference",
});

export const roleArn = bot.roleArn;
export const accessPath = bot.description;
