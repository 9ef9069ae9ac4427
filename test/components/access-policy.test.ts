/** The pure AI access policy builder: exact documents, partitions, conditions and refusals. */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { buildAiAccessPolicy, timeBoxed, type AiAccessSpec } from "../../components/access/policy";

const CTX = { partition: "aws", accountId: "123456789012", region: "us-east-1" };
const HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
const S = 'AiAccessPolicy "p"';
const build = (spec: AiAccessSpec, ctx = CTX) => buildAiAccessPolicy(S, spec, ctx);
const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

describe("buildAiAccessPolicy", () => {
  it("grants streaming and non-streaming invoke on named foundation models only", () => {
    expect(build({ foundationModels: [HAIKU, { modelId: "amazon.titan-embed-text-v2:0", region: "eu-west-1" }] }).document).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeFoundationModels",
          Effect: "Allow",
          Action: INVOKE,
          Resource: [`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`, "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"],
        },
      ],
    });
  });

  it("an empty spec, or empty lists, produce no statement (never *)", () => {
    expect(build({}).document.Statement).toEqual([]);
    expect(build({ foundationModels: [], knowledgeBases: [], sagemakerEndpoints: [] }).document.Statement).toEqual([]);
  });

  it("cross-region inference profile: profile ARN, plus the model in every routed region bound by bedrock:InferenceProfileArn", () => {
    const profile = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${HAIKU}`;
    expect(build({ inferenceProfiles: [{ profileId: `us.${HAIKU}`, modelId: HAIKU, routesTo: ["us-east-1", "us-east-2", "us-west-2"] }] }).document.Statement).toEqual([
      { Sid: "InvokeInferenceProfiles", Effect: "Allow", Action: INVOKE, Resource: profile },
      {
        Sid: "InvokeModelsThroughInferenceProfiles",
        Effect: "Allow",
        Action: INVOKE,
        Resource: [`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`, `arn:aws:bedrock:us-east-2::foundation-model/${HAIKU}`, `arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}`],
        Condition: { StringEquals: { "bedrock:InferenceProfileArn": profile } },
      },
    ]);
  });

  it("provisioned models, agent aliases, knowledge bases, SageMaker, AgentCore and OpenSearch Serverless", () => {
    const doc = build({
      provisionedModels: ["abc123"],
      agentAliases: [{ agentId: "AGENT1", aliasId: "ALIAS1" }, "arn:aws:bedrock:us-west-2:123456789012:agent-alias/AGENT2/ALIAS2"],
      knowledgeBases: ["KB1"],
      sagemakerEndpoints: ["My-Endpoint"],
      agentcoreRuntimes: [{ runtimeId: "rt-1" }],
      opensearchCollections: ["coll1"],
    }).document;
    expect(doc.Statement).toEqual([
      { Sid: "InvokeProvisionedModels", Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123" },
      {
        Sid: "InvokeAgentAliases",
        Effect: "Allow",
        Action: "bedrock:InvokeAgent",
        Resource: ["arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT1/ALIAS1", "arn:aws:bedrock:us-west-2:123456789012:agent-alias/AGENT2/ALIAS2"],
      },
      { Sid: "RetrieveFromKnowledgeBases", Effect: "Allow", Action: "bedrock:Retrieve", Resource: "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1" },
      {
        Sid: "InvokeSageMakerEndpoints",
        Effect: "Allow",
        Action: ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointAsync", "sagemaker:InvokeEndpointWithResponseStream"],
        Resource: "arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-endpoint",
      },
      {
        Sid: "InvokeAgentCoreRuntimes",
        Effect: "Allow",
        Action: ["bedrock-agentcore:InvokeAgentRuntime", "bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream"],
        Resource: ["arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/rt-1", "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/rt-1/runtime-endpoint/DEFAULT"],
      },
      { Sid: "AccessOpenSearchServerlessCollections", Effect: "Allow", Action: "aoss:APIAccessAll", Resource: "arn:aws:aoss:us-east-1:123456789012:collection/coll1" },
    ]);
  });

  it("guardrail: every model statement requires bedrock:GuardrailIdentifier, and ApplyGuardrail is granted on it", () => {
    const b = build({ foundationModels: [HAIKU], guardrail: { id: "gr1abc", version: "3" } });
    const gid = "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1abc:3";
    expect(b.guardrailIdentifier).toBe(gid);
    expect(b.document.Statement).toEqual([
      { Sid: "InvokeFoundationModels", Effect: "Allow", Action: INVOKE, Resource: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`, Condition: { StringEquals: { "bedrock:GuardrailIdentifier": gid } } },
      { Sid: "ApplyGuardrail", Effect: "Allow", Action: "bedrock:ApplyGuardrail", Resource: "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1abc" },
    ]);
  });

  it("aws:RequestedRegion on every statement; aws:SourceVpce on direct calls but not routed model calls", () => {
    const b = build({
      inferenceProfiles: [{ profileId: `eu.${HAIKU}`, modelId: HAIKU, routesTo: ["eu-west-1", "eu-central-1"], region: "eu-west-1" }],
      requestedRegions: ["eu-west-1", "eu-central-1"],
      sourceVpces: ["vpce-0a1b2c3d4e5f60718"],
    });
    expect(b.document.Statement.map((s) => s.Condition)).toEqual([
      { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718", "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } },
      { StringEquals: { "bedrock:InferenceProfileArn": `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${HAIKU}`, "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } },
    ]);
  });

  it("partition-aware ARNs (aws-cn, aws-us-gov)", () => {
    expect(build({ foundationModels: [HAIKU], knowledgeBases: ["KB1"] }, { partition: "aws-cn", accountId: "123456789012", region: "cn-north-1" }).document.Statement.map((s) => s.Resource)).toEqual([
      `arn:aws-cn:bedrock:cn-north-1::foundation-model/${HAIKU}`,
      "arn:aws-cn:bedrock:cn-north-1:123456789012:knowledge-base/KB1",
    ]);
    expect(build({ sagemakerEndpoints: ["ep"] }, { partition: "aws-us-gov", accountId: "123456789012", region: "us-gov-west-1" }).document.Statement[0].Resource).toBe(
      "arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:endpoint/ep",
    );
  });

  it("RetrieveAndGenerate only on request, next to a named knowledge base and model", () => {
    const st = build({ foundationModels: [HAIKU], knowledgeBases: ["KB1"], allowRetrieveAndGenerate: true }).document.Statement;
    expect(st[st.length - 1]).toEqual({ Sid: "RetrieveAndGenerate", Effect: "Allow", Action: "bedrock:RetrieveAndGenerate", Resource: "*" });
  });

  it.each<[AiAccessSpec, string]>([
    [{ foundationModels: ["anthropic.*"] }, `${S}: foundationModels[0] "anthropic.*" is not an id (empty, a wildcard or unexpected characters); name each resource`],
    [{ foundationModels: [{ modelId: HAIKU, region: "cn-north-1" }] }, `${S}: foundationModels[0] "cn-north-1" is in partition aws-cn, but the policy is for partition aws; give regions of one partition`],
    [{ knowledgeBases: ["arn:aws:bedrock:us-east-1:123456789012:knowledge-base/*"] }, `${S}: knowledgeBases[0] "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/*" is not a bedrock knowledge-base ARN without wildcards (arn:aws:bedrock:<region>:<account>:knowledge-base/<id>)`],
    [{ inferenceProfiles: [{ profileId: `us.${HAIKU}`, modelId: HAIKU, routesTo: [] }] }, `${S}: inferenceProfiles[0].routesTo is empty; list every region the profile routes to (the model must be allowed in each)`],
    [{ foundationModels: [HAIKU], requestedRegions: ["us-west-2"] }, `${S}: requestedRegions does not include us-east-1, where named resources live (cross-region inference calls the model in each routed region); add them`],
    [{ foundationModels: [HAIKU], guardrail: { id: "g1", version: "latest" } }, `${S}: guardrail.version "latest" must be a version number or DRAFT; every model call must name this exact version`],
    [{ foundationModels: [HAIKU], sourceVpces: ["vpc-1"] }, `${S}: sourceVpces value "vpc-1" is not a VPC endpoint id (vpce-0123456789abcdef0)`],
    [{ knowledgeBases: ["KB1"], allowRetrieveAndGenerate: true }, `${S}: allowRetrieveAndGenerate needs a model to generate with: name it in foundationModels, inferenceProfiles or provisionedModels`],
    [{ agentAliases: ["AGENT1"] }, `${S}: agentAliases[0] "AGENT1": give { agentId, aliasId } or an agent-alias ARN`],
  ])("refuses %j", (spec, message) => {
    expect(() => build(spec)).toThrow(message);
  });

  it("refuses an unknown partition", () => {
    expect(() => build({ foundationModels: [HAIKU] }, { ...CTX, partition: "aws-iso" })).toThrow(`${S}: partition must be one of aws, aws-cn, aws-us-gov, got "aws-iso"`);
  });

  it("timeBoxed adds DateLessThan aws:CurrentTime to every statement", () => {
    const doc = timeBoxed(build({ foundationModels: [HAIKU], knowledgeBases: ["KB1"] }).document, "2030-01-01T00:00:00Z");
    expect(doc.Statement.map((s) => s.Condition)).toEqual([
      { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } },
      { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } },
    ]);
  });
});

describe("pure builders stay free of Pulumi", () => {
  const root = path.resolve(__dirname, "..", "..", "components");
  const pure = ["common/errors.ts", "common/arn.ts", "common/documents.ts", "common/ownership.ts", "trust", "access/policy.ts", "logging/documents.ts", "secrets/documents.ts", "jit/grant.ts", "break-glass/documents.ts", "path/describe.ts"];
  const files = pure.flatMap((p) => (p.endsWith(".ts") ? [path.join(root, p)] : fs.readdirSync(path.join(root, p)).map((f) => path.join(root, p, f))));
  it.each(files.map((f) => [path.relative(root, f), f]))("%s imports no @pulumi module", (_rel, file) => {
    expect(fs.readFileSync(file, "utf8")).not.toMatch(/from\s+["']@pulumi\//);
  });
});
