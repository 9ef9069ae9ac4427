import { describe, expect, it } from "vitest";
import { findings, resource, violations, cannotValidate, doc, MODEL_ARN, UNKNOWN } from "../helpers/engine";
import { actionsOf } from "../../policy-pack/src/iam/catalog";

const RP = "aws:iam/rolePolicy:RolePolicy";
const compliant = { Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: [MODEL_ARN] };
const judge = (stmt: Record<string, unknown>, ...more: Record<string, unknown>[]) => findings("AAG-003", resource(RP, { role: "r", policy: doc(stmt, ...more) }));

describe("AAG-003 no-wildcard-ai-actions", () => {
  it("passes named actions", () => expect(judge(compliant)).toEqual([]));

  it.each([
    ["bedrock:*", "Action::bedrock:*"],
    ["BEDROCK:*", "Action::BEDROCK:*"],
    ["sagemaker:*", "Action::sagemaker:*"],
    ["bedrock-agentcore:*", "Action::bedrock-agentcore:*"],
    ["*", "Action::*"],
    ["bedrock:?*", "Action::bedrock:?*"],
  ])("flags %s", (action, id) => {
    const f = violations(judge({ ...compliant, Action: action, Resource: "*" }));
    expect(f.map((x) => x.findingId)).toContain(id);
    expect(f.every((x) => x.level === "mandatory")).toBe(true);
  });

  it("reports `*` once, naming every AI service it reaches", () => {
    const f = violations(judge({ ...compliant, Action: "*", Resource: "*" }));
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatch(/bedrock, bedrock-agentcore, .*sagemaker/);
  });

  it("does not treat a partial wildcard as a whole-service wildcard", () => {
    expect(violations(judge({ ...compliant, Action: "bedrock:Invoke*" }))).toEqual([]);
  });

  it("ignores wildcards of non-AI services", () => expect(judge({ ...compliant, Action: "s3:*", Resource: "*" })).toEqual([]));

  it("flags Allow+NotAction that leaves AI actions allowed", () => {
    const f = violations(judge({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }));
    expect(f).toHaveLength(1);
    expect(f[0].findingId).toBe("NotAction::iam:*,organizations:*");
    expect(f[0].detail).toContain("bedrock:Invoke");
  });

  it("passes NotAction that excludes every AI service", () => {
    const ai = ["bedrock:*", "bedrock-agentcore:*", "bedrock-mantle:*", "sagemaker:*", "aoss:*", "q:*", "qbusiness:*", "qapps:*"];
    expect(violations(judge({ Effect: "Allow", NotAction: ai, Resource: "*" }))).toEqual([]);
  });

  it("honours an unconditional Deny of the same service in the document", () => {
    expect(violations(judge({ ...compliant, Action: "bedrock:*" }, { Effect: "Deny", Action: "bedrock:*", Resource: "*" }))).toEqual([]);
  });

  it("ignores Deny statements with wildcards", () => {
    expect(judge({ Effect: "Deny", Action: "bedrock:*", Resource: "*" })).toEqual([]);
  });

  it("reads a role's inline policies and standalone policies", () => {
    const role = findings("AAG-003", resource("aws:iam/role:Role", { assumeRolePolicy: "{}", inlinePolicies: [{ name: "ai", policy: doc({ ...compliant, Action: "bedrock:*" }) }] }));
    expect(violations(role)[0].detail).toContain('inline policy "ai"');
    const pol = findings("AAG-003", resource("aws:iam/policy:Policy", { policy: { Version: "2012-10-17", Statement: { ...compliant, Action: ["sagemaker:*"], Resource: "*" } } }));
    expect(violations(pol)).toHaveLength(1);
  });

  it("judges the reach the resources allow: a Bedrock model ARN carries no SageMaker action", () => {
    expect(violations(judge({ ...compliant, Action: "sagemaker:*" }))).toEqual([]);
    expect(violations(judge({ ...compliant, Action: "bedrock:*" })).map((x) => x.findingId)).toEqual(["Action::bedrock:*"]);
  });

  it("does not call `*` on one IAM role ARN every action of bedrock", () => {
    expect(violations(judge({ Effect: "Allow", Action: "*", Resource: "arn:aws:iam::123456789012:role/admin" }))).toEqual([]);
  });

  it("says `*` on `*` is every action of every service", () => {
    expect(violations(judge({ Effect: "Allow", Action: "*", Resource: "*" }))[0].detail).toMatch(/every action of every AWS service/);
  });

  it("is not silenced by a Deny that denies no real action (bedrock:?)", () => {
    const f = violations(judge({ ...compliant, Action: "bedrock:*", Resource: "*" }, { Effect: "Deny", Action: "bedrock:?", Resource: "*" }));
    expect(f.map((x) => x.findingId)).toEqual(["Action::bedrock:*"]);
  });

  it("sees bedrock:A* … bedrock:Z* as the whole service", () => {
    const letters = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((c) => `bedrock:${c}*`);
    const f = violations(judge({ Effect: "Allow", Action: letters, Resource: "*" }));
    expect(f.map((x) => x.findingId)).toEqual(["ActionUnion::bedrock"]);
    expect(f[0].level).toBe("mandatory");
    const split = violations(judge({ Effect: "Allow", Action: letters.slice(0, 13), Resource: "*" }, { Effect: "Allow", Action: letters.slice(13), Resource: "*" }));
    expect(split.map((x) => x.findingId)).toEqual(["ActionUnion::bedrock"]);
  });

  it("counts exact action names in the union (every letter but I, plus every bedrock:I… action)", () => {
    const letters = [..."ABCDEFGHJKLMNOPQRSTUVWXYZ"].map((c) => `bedrock:${c}*`);
    const iActions = actionsOf("bedrock")!.map((a) => a.id).filter((id) => /^bedrock:i/i.test(id));
    expect(iActions.length).toBeGreaterThan(1);
    const one = violations(judge({ Effect: "Allow", Action: [...letters, ...iActions], Resource: "*" }));
    expect(one.map((x) => x.findingId)).toEqual(["ActionUnion::bedrock"]);
    expect(one[0].detail).toContain(`and ${iActions.length} exact action names together cover every action of bedrock`);
    // The exact names in a statement of their own, written in another case.
    const split = violations(judge({ Effect: "Allow", Action: letters, Resource: "*" }, { Effect: "Allow", Action: iActions.map((a) => a.toUpperCase()), Resource: "*" }));
    expect(split.map((x) => x.findingId)).toEqual(["ActionUnion::bedrock"]);
    // One action left out: the union is not the whole service, and only the resource breadth is reported elsewhere.
    const short = violations(judge({ Effect: "Allow", Action: [...letters, ...iActions.slice(1)], Resource: "*" }));
    expect(short.map((x) => x.findingId)).toEqual([]);
  });

  it("subtracts a Deny in another inline policy of the same role", () => {
    const role = findings("AAG-003", resource("aws:iam/role:Role", { assumeRolePolicy: "{}", inlinePolicies: [
      { name: "ai", policy: doc({ ...compliant, Action: "bedrock:*", Resource: "*" }) },
      { name: "guard", policy: doc({ Effect: "Deny", Action: "bedrock:*", Resource: "*" }) },
    ] }));
    expect(violations(role)).toEqual([]);
  });

  it.each([" bedrock:*", "bedrock:*\u0000"])("judges an action with whitespace or NUL (%j) as written without them, and says so", (action) => {
    const f = judge({ Effect: "Allow", Action: action, Resource: "*" });
    expect(violations(f).map((x) => x.findingId)).toEqual(["Action::bedrock:*"]);
    expect(cannotValidate(f)[0].detail).toMatch(/whitespace or control characters/);
  });

  it.each(["qbusiness:*", "qapps:*"])("counts Amazon Q Business (%s) as AI by default", (action) => {
    expect(violations(judge({ Effect: "Allow", Action: action, Resource: "*" })).map((x) => x.findingId)).toEqual([`Action::${action}`]);
  });

  it("says it cannot validate a named AI action the catalog does not know", () => {
    const f = judge({ ...compliant, Action: ["bedrock:InvokeModel", "bedrock:InvokeModelTurbo"] });
    expect(violations(f)).toEqual([]);
    expect(cannotValidate(f).map((x) => x.detail)).toEqual([expect.stringContaining("bedrock:InvokeModelTurbo is not in the IAM action catalog")]);
    expect(cannotValidate(judge({ ...compliant, Action: "s3:GetObjectTurbo" }))).toEqual([]);
  });

  it("applies configured extra AI services", () => {
    const f = violations(findings("AAG-003", resource(RP, { policy: doc({ ...compliant, Action: "comprehend:*", Resource: "*" }) }), { "no-wildcard-ai-actions": { additionalAiServices: ["comprehend"] } }));
    expect(f.map((x) => x.findingId)).toEqual(["Action::comprehend:*"]);
  });

  it("says it cannot validate an unknown or malformed document", () => {
    expect(cannotValidate(findings("AAG-003", resource(RP, { policy: UNKNOWN })))[0]).toMatchObject({ property: "policy", level: "advisory" });
    expect(cannotValidate(findings("AAG-003", resource(RP, { policy: "{not json" })))[0].detail).toContain("not valid JSON");
    expect(cannotValidate(judge({ Effect: "Allow", Resource: "*" }))[0].detail).toContain("neither Action nor NotAction");
    expect(cannotValidate(judge({ ...compliant, Action: [UNKNOWN] })).length).toBe(1);
  });
});
