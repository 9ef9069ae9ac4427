/** The documents of the earlier components, against the same IAM-catalog check as the new ones. */
import { it, expect } from "vitest";
import { catalogProblems } from "./iam-catalog";
import * as c from "../../components";
it("AiAccessPolicy (every kind), break-glass and invocation-logging documents use only what the IAM catalog knows", async () => {
  const HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
  const b = c.buildAiAccessPolicy("x", { foundationModels: [HAIKU], inferenceProfiles: [{ profileId: `us.${HAIKU}`, modelId: HAIKU, routesTo: ["us-east-1", "us-west-2"] }], provisionedModels: ["abc123"], agentAliases: [{ agentId: "AGENT1", aliasId: "ALIAS1" }], knowledgeBases: ["KB1"], allowRetrieveAndGenerate: true, sagemakerEndpoints: ["ep1"], agentcoreRuntimes: [{ runtimeId: "rt-1" }], opensearchCollections: ["coll1"], guardrail: { id: "gr1", version: "1" }, requestedRegions: ["us-east-1", "us-west-2"], sourceVpces: ["vpce-0a1b"] }, { partition: "aws", accountId: "123456789012", region: "us-east-1" });
  const out: Record<string, string[]> = {};
  out.access = await catalogProblems(b.document as never);
  out.bg = await catalogProblems(c.breakGlassDenyAiPolicy() as never);
  out.bgt = await catalogProblems(c.breakGlassTrustPolicy(["arn:aws:iam::123456789012:user/a"]) as never);
  out.log = await catalogProblems(c.bedrockLoggingRolePolicy({ partition: "aws", account: "123456789012", region: "us-east-1", logGroupName: "/aws/bedrock/x", largeDataBucket: { bucketName: "b" } }) as never);
  out.key = await catalogProblems(c.logGroupKeyPolicy("aws", "123456789012", "us-east-1", "/x") as never);
  expect(out).toEqual({ access: [], bg: [], bgt: [], log: [], key: [] });
});

