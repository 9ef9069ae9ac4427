import { describe, expect, it } from "vitest";
import { findings, resource, violations, doc } from "../helpers/engine";

const P = "aws:iam/policy:Policy";
const judge = (...stmts: Record<string, unknown>[]) => violations(findings("AAG-010", resource(P, { policy: doc(...stmts) })));
const pass = (Resource: unknown, Condition?: Record<string, unknown>) => ({ Effect: "Allow", Action: "iam:PassRole", Resource, ...(Condition ? { Condition } : {}) });

describe("AAG-010 passrole-scoped on effective reach", () => {
  it("does not call PassRole limited to a non-AI service escalation next to lambda:CreateFunction", () => {
    const f = judge(pass("*", { StringEquals: { "iam:PassedToService": "application-autoscaling.amazonaws.com" } }), { Effect: "Allow", Action: "lambda:CreateFunction", Resource: "*" });
    expect(f.map((x) => `${x.findingId} ${x.level}`)).toEqual(["PassRole::* advisory"]);
    expect(f[0].detail).toContain("application-autoscaling.amazonaws.com");
  });
  it("keeps escalation when PassedToService admits the consumer's service", () => {
    const f = judge(pass("*", { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } }), { Effect: "Allow", Action: "lambda:CreateFunction", Resource: "*" });
    expect(f.map((x) => `${x.findingId} ${x.level}`)).toEqual(["PassRole::* advisory", "PrivilegeEscalation::iam:PassRole+lambda:CreateFunction mandatory"]);
  });
  it("treats IfExists and ForAllValues PassedToService as no limit", () => {
    for (const op of ["StringEqualsIfExists", "ForAllValues:StringEquals"]) {
      const f = judge(pass("*", { [op]: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }));
      expect(f.map((x) => `${x.findingId} ${x.level}`)).toEqual(["PassRole::* mandatory", "PassRole::no-PassedToService mandatory"]);
    }
  });
  it("says `roles matching` of a prefix pattern, `any role` of *", () => {
    expect(judge(pass("arn:aws:iam::*:role/AWSDeepRacer*", { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } }))[0].detail).toContain("roles matching arn:aws:iam::*:role/AWSDeepRacer*");
    expect(judge(pass("*"))[0].detail).toContain("any role (*)");
  });
  it("is satisfied by a Deny of PassRole in the same document", () => {
    expect(judge(pass("*"), { Effect: "Allow", Action: "bedrock:CreateAgent", Resource: "*" }, { Effect: "Deny", Action: "iam:PassRole", Resource: "*" })).toEqual([]);
  });
  it("ignores a PassRole resource that is not a role", () => {
    expect(judge(pass("arn:aws:s3:::bucket/*"))).toEqual([]);
  });
});
