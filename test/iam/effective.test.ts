import { describe, expect, it } from "vitest";
import { parsePolicyDocument, type PolicyDocument } from "../../policy-pack/src/iam/document";
import { effectiveAccess, effectiveAccessTo, actionIds, isOpenResource } from "../../policy-pack/src/iam/effective";
import { principalAccess } from "../../policy-pack/src/iam/principal-access";
import fc from "fast-check";
import { covers, intersects, intersectPatterns } from "../../policy-pack/src/iam/glob-sets";

const d = (...Statement: Record<string, unknown>[]): PolicyDocument => {
  const p = parsePolicyDocument({ Version: "2012-10-17", Statement });
  if (p.kind !== "ok") throw new Error(p.reason);
  return p.document;
};
const src = (...docs: PolicyDocument[]) => docs.map((document, i) => ({ label: `doc${i + 1}`, document }));
const M1 = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
const M2 = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1";
const where = (service: string, action: string, ...docs: PolicyDocument[]) => (boundary?: PolicyDocument[]) =>
  effectiveAccess(src(...docs), service, boundary ? { boundary: src(...boundary) } : {}).filter((e) => e.action.id === action).flatMap((e) => e.resources);

describe("glob set algebra", () => {
  it.each([
    ["*", "anything", true],
    ["bedrock:*", "bedrock:Invoke*", true],
    ["bedrock:Invoke*", "bedrock:*", false],
    ["a?c", "a*c", false],
    ["a*", "a?", true],
    ["arn:aws:bedrock:*", "arn:aws:bedrock:us-east-1::foundation-model/x", true],
  ])("covers(%j, %j) = %j", (a, b, want) => expect(covers(a, b)).toBe(want));
  it.each([
    ["*x", "*y", false],
    ["a*", "*b", true],
    ["arn:aws:s3:::b/*", "arn:*:bedrock:*::foundation-model/*", true], // plain globs span colons; ARNs are compared by segment elsewhere
    ["abc", "abd", false],
  ])("intersects(%j, %j) = %j", (a, b, want) => expect(intersects(a, b)).toBe(want));
  it("intersects lists keeping the narrower pattern", () => expect(intersectPatterns(["*"], [M1, M2])).toEqual([M1, M2]));
});

describe("effective access (IAM evaluation table)", () => {
  it("Allow on *", () => expect(where("bedrock", "bedrock:InvokeModel", d({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" }))()).toEqual(["*"]));
  it("Allow minus unconditional Deny on * = nothing", () =>
    expect(where("bedrock", "bedrock:InvokeModel", d({ Effect: "Allow", Action: "bedrock:*", Resource: "*" }, { Effect: "Deny", Action: "bedrock:Invoke*", Resource: "*" }))()).toEqual([]));
  it("Deny in another document of the same identity applies", () =>
    expect(where("bedrock", "bedrock:InvokeModel", d({ Effect: "Allow", Action: "bedrock:*", Resource: "*" }), d({ Effect: "Deny", Action: "bedrock:InvokeModel", Resource: "*" }))()).toEqual([]));
  it("Deny NotResource leaves only the listed resources", () =>
    expect(where("bedrock", "bedrock:InvokeModel", d({ Effect: "Allow", Action: "bedrock:InvokeModel*", Resource: "*" }, { Effect: "Deny", Action: "bedrock:*", NotResource: [M1, M2] }))()).toEqual([M1, M2]));
  it("Deny on a named resource removes only what it covers", () =>
    expect(where("bedrock", "bedrock:InvokeModel", d({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: [M1, M2] }, { Effect: "Deny", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*::foundation-model/amazon.*" }))()).toEqual([M1]));
  it("Deny with a condition is not subtracted (it may not apply)", () =>
    expect(where("bedrock", "bedrock:InvokeModel", d({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" }, { Effect: "Deny", Action: "bedrock:*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }))()).toEqual(["*"]));
  it("Deny of a pattern matching no real action (bedrock:?) denies nothing", () =>
    expect(where("bedrock", "bedrock:InvokeModel", d({ Effect: "Allow", Action: "bedrock:*", Resource: "*" }, { Effect: "Deny", Action: "bedrock:?", Resource: "*" }))()).toEqual(["*"]));
  it("Deny NotAction denies everything else", () =>
    expect(where("bedrock", "bedrock:InvokeModel", d({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", NotAction: "s3:*", Resource: "*" }))()).toEqual([]));
  it("Allow NotAction grants the rest", () => expect(where("bedrock", "bedrock:InvokeModel", d({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))()).toEqual(["*"]));
  it("Allow NotResource records the exception", () => {
    const e = effectiveAccess(src(d({ Effect: "Allow", Action: "bedrock:InvokeModel", NotResource: M1 })), "bedrock");
    expect(e[0].except).toEqual([M1]);
  });
  it("a resource type that cannot carry the action grants nothing", () => {
    expect(where("sagemaker", "sagemaker:InvokeEndpoint", d({ Effect: "Allow", Action: "sagemaker:*", Resource: "arn:aws:sagemaker:*:*:training-job/*" }))()).toEqual([]);
    expect(actionIds(effectiveAccess(src(d({ Effect: "Allow", Action: "*", Resource: "arn:aws:iam::123456789012:role/admin" })), "bedrock"))).toEqual([]);
  });
  it("an action without resource-level permissions needs Resource *", () => {
    expect(where("bedrock", "bedrock:ListFoundationModels", d({ Effect: "Allow", Action: "bedrock:List*", Resource: M1 }))()).toEqual([]);
    expect(where("bedrock", "bedrock:ListFoundationModels", d({ Effect: "Allow", Action: "bedrock:List*", Resource: "*" }))()).toEqual(["*"]);
  });
  it("a permissions boundary intersects", () => {
    const allow = d({ Effect: "Allow", Action: "bedrock:*", Resource: "*" });
    expect(where("bedrock", "bedrock:InvokeModel", allow)([d({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: M1 })])).toEqual([M1]);
    expect(where("bedrock", "bedrock:InvokeModel", allow)([d({ Effect: "Allow", Action: "s3:*", Resource: "*" })])).toEqual([]);
    expect(where("bedrock", "bedrock:InvokeModel", allow)([d({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "bedrock:Invoke*", Resource: "*" })])).toEqual([]);
  });
  it("conditions travel with the entry", () => {
    const e = effectiveAccess(src(d({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } })), "iam");
    expect(e[0].conditions[0].key).toBe("iam:passedtoservice");
  });
  it.each([
    ["*", true],
    ["arn:aws:bedrock:*", true],
    ["arn:aws:bedrock:us-east-1::foundation-model/*", true],
    [M1, false],
    ["arn:aws:bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", false],
  ])("isOpenResource(%j) = %j", (r, want) => expect(isOpenResource(r, "bedrock")).toBe(want));
});

describe("a principal's answer for one action", () => {
  // The shortcut in principalAccess().to (skip actions no Allow that can reach the service covers)
  // must answer exactly what the full evaluation answers, whatever the patterns are written as.
  const patterns = ["*", "b*", "bedrock*", "bedrock:*", "bedrock:Invoke*", "BEDROCK:invokemodel", "bedrock?InvokeModel", "*:CreateAccessKey", "iam:Pass*", "iam:*Key", "sts:AssumeRole", "s3:GetObject", "bed*:Create*", ":*", "bedrock:", "*Invoke*"];
  const actions = ["bedrock:InvokeModel", "bedrock:CreateAgent", "iam:PassRole", "iam:CreateAccessKey", "sts:AssumeRole", "s3:GetObject", "bedrock-agentcore:InvokeAgentRuntime", "logs:DeleteLogGroup", "nosuch:Thing"];
  it("is the full evaluation's, for Allow, NotAction, Deny and a boundary", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ effect: fc.constantFrom("Allow", "Allow", "Deny"), not: fc.boolean(), values: fc.subarray(patterns, { minLength: 1, maxLength: 3 }), resource: fc.constantFrom("*", M1, "arn:aws:iam::123456789012:role/*") }), { minLength: 1, maxLength: 4 }),
        fc.option(fc.subarray(patterns, { minLength: 1, maxLength: 2 }), { nil: undefined }),
        (stmts, boundaryActions) => {
          const doc = d(...stmts.map((s) => ({ Effect: s.effect, [s.not ? "NotAction" : "Action"]: s.values, Resource: s.resource })));
          const boundary = boundaryActions ? [d({ Effect: "Allow", Action: boundaryActions, Resource: "*" })] : undefined;
          const access = principalAccess([{ source: "doc1", document: doc }], boundary?.map((document) => ({ source: "boundary", document })));
          for (const a of actions) {
            const full = effectiveAccessTo([{ label: "doc1", document: doc }], a, boundary ? { boundary: src(...boundary) } : {});
            expect(access.to(a)).toEqual(full);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
