/** PurposeBoundAccess: pure documents (against the IAM catalog), then the component under mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { doc, recorded, resourceNamed, settle, setupMocks, valueOf } from "./harness";
import { catalogProblems } from "./iam-catalog";
import { planProfile, principalTagKeyOf, purposeBoundPolicy, purposeCondition } from "../../components/intent/documents";

const ctx = { partition: "aws", account: "123456789012", region: "us-east-1" };
const PROFILE = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";
const HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";

describe("documents (pure)", () => {
  it("purpose comes from the role tag or an EKS Pod Identity session tag", () => {
    expect(principalTagKeyOf("P", { kind: "role-tag" })).toBe("purpose");
    expect(principalTagKeyOf("P", { kind: "eks-session-tag", tag: "kubernetes-namespace" })).toBe("kubernetes-namespace");
    expect(() => principalTagKeyOf("P", { kind: "eks-session-tag", tag: "team" as never })).toThrow('P: purposeFrom.tag "team" is not a session tag EKS Pod Identity sets');
    expect(purposeCondition("kubernetes-namespace")).toEqual({ StringEquals: { "aws:ResourceTag/purpose": "${aws:PrincipalTag/kubernetes-namespace}" } });
  });

  it("profiles copy a foundation model or a system profile; routed models named per region", () => {
    expect(planProfile("P", "models[0]", { foundationModel: HAIKU }, ctx)).toEqual({ copyFrom: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`, routedModelArns: [`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`] });
    const sys = planProfile("P", "models[0]", { systemProfile: `us.${HAIKU}`, modelId: HAIKU, routesTo: ["us-east-1", "us-west-2"] }, ctx);
    expect(sys.copyFrom).toBe(`arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${HAIKU}`);
    expect(sys.routedModelArns).toHaveLength(2);
    expect(() => planProfile("P", "models[0]", { foundationModel: "anthropic.*" }, ctx)).toThrow('P: models[0].foundationModel "anthropic.*" is not a model id');
    expect(() => planProfile("P", "models[0]", { systemProfile: `us.${HAIKU}`, modelId: HAIKU, routesTo: ["cn-north-1"] }, ctx)).toThrow("models[0].routesTo[0]");
  });

  it("grant: tag-matched profiles, models only through them; every action, key and ARN is in the IAM catalog", async () => {
    const d = purposeBoundPolicy("P", {
      profileArns: [PROFILE],
      routedModelArns: [`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`],
      knowledgeBaseArns: ["arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB1"],
      agentAliasArns: ["arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT1/ALIAS1"],
      sagemakerEndpointArns: ["arn:aws:sagemaker:us-east-1:123456789012:endpoint/ranker"],
      principalTagKey: "purpose",
      guardrailIdentifier: "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1:2",
    });
    expect(d.Statement[0]).toEqual({
      Sid: "InvokePurposeProfiles",
      Effect: "Allow",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      Resource: PROFILE,
      Condition: { StringEquals: { "aws:ResourceTag/purpose": "${aws:PrincipalTag/purpose}", "bedrock:GuardrailIdentifier": "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1:2" } },
    });
    expect(d.Statement[1].Condition!.StringEquals["bedrock:InferenceProfileArn"]).toBe(PROFILE);
    expect(d.Statement.slice(2).map((x) => [x.Sid, x.Condition])).toEqual(
      ["RetrievePurposeKnowledgeBases", "InvokePurposeAgentAliases", "InvokePurposeSageMakerEndpoints"].map((sid) => [sid, { StringEquals: { "aws:ResourceTag/purpose": "${aws:PrincipalTag/purpose}" } }]),
    );
    expect(await catalogProblems(d)).toEqual([]);
    expect(() => purposeBoundPolicy("P", { profileArns: [], routedModelArns: [], principalTagKey: "purpose" })).toThrow("P: nothing to grant");
  });
});

describe("PurposeBoundAccess under mocks", () => {
  type C = typeof import("../../components");
  let c: C;
  beforeAll(async () => {
    await setupMocks();
    c = await import("../../components");
  });

  it("tags every profile with the purpose and attaches the tag-matched grant", async () => {
    const p = new c.PurposeBoundAccess("pb1", { purpose: "ticket-summaries", purposeFrom: { kind: "eks-session-tag", tag: "kubernetes-namespace" }, models: [{ name: "haiku", foundationModel: HAIKU }], roles: ["summariser"], owner: "ml" });
    const arns = await valueOf(p.profileArns);
    await valueOf(p.policyJson);
    await settle();
    expect(arns).toEqual(["arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/ticket-summaries-haiku-id"]);
    expect(resourceNamed("pb1-haiku-profile").inputs).toMatchObject({ modelSource: { copyFrom: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}` }, tags: { owner: "ml", purpose: "ticket-summaries" } });
    const policy = doc("pb1-policy-0", "policy") as { Statement: Array<{ Condition: Record<string, Record<string, string>> }> };
    expect(policy.Statement[0].Condition.StringEquals["aws:ResourceTag/purpose"]).toBe("${aws:PrincipalTag/kubernetes-namespace}");
    expect(resourceNamed("pb1-policy-0").inputs.role).toBe("summariser");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["nothing to reach", { models: [] }, 'PurposeBoundAccess "bad": give models, knowledgeBases, agentAliases or sagemakerEndpoints'],
    ["alias without alias id", { agentAliases: [{ agentId: "AGENT1" }] }, "agentAliases[0] needs agentId and aliasId"],
    ["wildcard purpose", { purpose: "team-*" }, 'PurposeBoundAccess "bad": purpose "team-*" must be a tag value'],
    ["no purpose", { purpose: "" }, 'PurposeBoundAccess "bad": give purpose'],
    ["both model kinds", { models: [{ name: "m", foundationModel: HAIKU, systemProfile: "us.x", modelId: "x", routesTo: ["us-east-1"] }] }, "give models[0].foundationModel or models[0].systemProfile, exactly one"],
    ["draft guardrail", { guardrail: { id: "gr1", version: "DRAFT" } }, "guardrail.version \"DRAFT\" must be a version number"],
  ])("refuses: %s", (_l, extra, message) => {
    expect(() => new c.PurposeBoundAccess("bad", { purpose: "p", models: [{ name: "m", foundationModel: HAIKU }], owner: "ml", ...extra } as never)).toThrow(message);
    expect(recorded.some((r) => r.name.startsWith("bad-"))).toBe(false);
  });
});
