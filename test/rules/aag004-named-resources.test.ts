import { describe, expect, it } from "vitest";
import { findings, resource, violations, cannotValidate, doc, MODEL_ARN, UNKNOWN } from "../helpers/engine";

const P = "aws:iam/policy:Policy";
const compliant = { Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: [MODEL_ARN] };
const judge = (stmt: Record<string, unknown>) => findings("AAG-004", resource(P, { policy: doc(stmt) }));

describe("AAG-004 ai-data-plane-on-named-resources", () => {
  it("passes invoke on a named model", () => expect(judge(compliant)).toEqual([]));
  it("passes a region wildcard with a named model id (cross-region inference)", () => {
    expect(judge({ ...compliant, Resource: "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1:0" })).toEqual([]);
  });
  it.each([
    ["*", "Resource::*"],
    ["arn:aws:bedrock:us-east-1::foundation-model/*", "Resource::arn:aws:bedrock:us-east-1::foundation-model/*"],
    ["arn:aws:bedrock:*:*:*", "Resource::arn:aws:bedrock:*:*:*"],
    ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.*", "Resource::arn:aws:bedrock:us-east-1::foundation-model/anthropic.*"],
    ["arn:aws:*:*:*:*", "Resource::arn:aws:*:*:*:*"],
  ])("flags Resource %s", (res, id) => {
    const f = violations(judge({ ...compliant, Resource: res }));
    expect(f.map((x) => x.findingId)).toEqual([id]);
    expect(f[0].level).toBe("mandatory");
    expect(f[0].detail).toContain("bedrock:InvokeModel");
  });
  it("flags an Allow with NotResource", () => {
    expect(violations(judge({ ...compliant, Resource: undefined, NotResource: [MODEL_ARN] }))).toHaveLength(1);
  });
  it("expands action wildcards against the catalog (bedrock:Invoke* includes InvokeAgent)", () => {
    const f = violations(judge({ Effect: "Allow", Action: "bedrock:invoke*", Resource: "*" }));
    expect(f[0].detail).toMatch(/bedrock:InvokeModel/);
    expect(f[0].detail).toMatch(/more/);
  });
  it.each([
    ["sagemaker:InvokeEndpoint", "arn:aws:sagemaker:us-east-1:123456789012:endpoint/*"],
    ["bedrock:Retrieve", "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/*"],
    ["bedrock-agentcore:InvokeAgentRuntime", "*"],
    ["aoss:APIAccessAll", "arn:aws:aoss:us-east-1:123456789012:collection/*"],
  ])("flags %s on %s", (action, res) => expect(violations(judge({ Effect: "Allow", Action: action, Resource: res }))).toHaveLength(1));
  it("does not flag wildcard-only actions (no resource-level permissions exist)", () => {
    expect(judge({ Effect: "Allow", Action: "bedrock:InvokeInlineAgent", Resource: "*" })).toEqual([]);
  });
  it("judges effective access: Allow Invoke* on * minus a Deny NotResource of two models reaches two models", () => {
    const two = [MODEL_ARN, "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1"];
    const f = findings("AAG-004", resource(P, { policy: doc(
      { Effect: "Allow", Action: "bedrock:InvokeModel*", Resource: "*" },
      { Effect: "Deny", Action: "bedrock:InvokeModel*", NotResource: two },
    ) }));
    expect(violations(f)).toEqual([]);
  });
  it("keeps the finding when the Deny is conditional (it may not apply)", () => {
    const f = findings("AAG-004", resource(P, { policy: doc(
      { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" },
      { Effect: "Deny", Action: "bedrock:InvokeModel", NotResource: [MODEL_ARN], Condition: { Bool: { "aws:ViaAWSService": "false" } } },
    ) }));
    expect(violations(f).map((x) => x.findingId)).toEqual(["Resource::*"]);
  });
  it("pairs an action only with resource types that can carry it", () => {
    const f = violations(judge({ Effect: "Allow", Action: "sagemaker:InvokeEndpoint", Resource: ["arn:aws:sagemaker:*:*:model/*", "arn:aws:sagemaker:*:*:training-job/*", "arn:aws:sagemaker:*:*:endpoint/*"] }));
    expect(f.map((x) => x.findingId)).toEqual(["Resource::arn:aws:sagemaker:*:*:endpoint/*"]);
  });
  it("flags an ARN with fewer than six parts that matches every resource of the service", () => {
    expect(violations(judge({ ...compliant, Resource: "arn:aws:bedrock:*" })).map((x) => x.findingId)).toEqual(["Resource::arn:aws:bedrock:*"]);
  });
  it("accepts a condition that names the collection (aoss:collection) and rejects a wildcard one", () => {
    const named = { Effect: "Allow", Action: "aoss:APIAccessAll", Resource: "*", Condition: { StringEquals: { "aoss:collection": "kb-vectors" } } };
    expect(violations(judge(named))).toEqual([]);
    expect(violations(judge({ ...named, Condition: { StringLike: { "aoss:collection": "*" } } }))).toHaveLength(1);
    expect(violations(judge({ ...named, Condition: { "ForAllValues:StringEquals": { "aoss:collection": "kb-vectors" } } }))).toHaveLength(1);
  });
  it("ignores resources of other services", () => {
    expect(judge({ ...compliant, Resource: [MODEL_ARN, "arn:aws:s3:::bucket/*"] })).toEqual([]);
  });
  it("says it cannot validate an ARN unknown at preview", () => {
    const f = judge({ ...compliant, Resource: [UNKNOWN] });
    expect(violations(f)).toEqual([]);
    expect(cannotValidate(f)).toHaveLength(1);
    expect(JSON.stringify(f)).not.toContain(UNKNOWN);
  });
  it("accepts extra data-plane actions from configuration", () => {
    const stmt = { Effect: "Allow", Action: "bedrock:GetKnowledgeBase", Resource: "*" };
    expect(judge(stmt)).toEqual([]);
    const f = findings("AAG-004", resource(P, { policy: doc(stmt) }), { "ai-data-plane-on-named-resources": { additionalDataPlaneActions: ["bedrock:GetKnowledgeBase"] } });
    expect(violations(f)).toHaveLength(1);
  });
});

describe("IAM policy variables are not Terraform references", () => {
  it("judges a resource built with ${aws:username} instead of calling it unknown", async () => {
    const { findings: f, resource: r, doc: d } = await import("../helpers/engine");
    const res = f("AAG-004", r("aws:iam/policy:Policy", { policy: d({ Effect: "Allow", Action: "bedrock:Retrieve", Resource: "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/${aws:username}*" }) }));
    expect(res.map((x) => x.kind)).toEqual(["violation"]);
    const tf = f("AAG-004", r("aws:iam/policy:Policy", { policy: d({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "${aws_bedrock_model.x.arn}" }) }));
    expect(tf.map((x) => x.kind)).toEqual(["cannot-validate"]);
  });
});
