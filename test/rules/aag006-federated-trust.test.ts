import { describe, expect, it } from "vitest";
import { findings, resource, violations, cannotValidate, doc, oidcTrust, GITHUB_PROVIDER, GITLAB_PROVIDER, EKS_PROVIDER, UNKNOWN } from "../helpers/engine";

const GH = "token.actions.githubusercontent.com";
const role = (assumeRolePolicy: unknown) => resource("aws:iam/role:Role", { assumeRolePolicy });
const judge = (trust: unknown) => findings("AAG-006", role(trust));
const gh = (sub: unknown, op = "StringEquals") => {
  const condition: Record<string, Record<string, unknown>> = { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } };
  condition[op] = { ...(condition[op] ?? {}), [`${GH}:sub`]: sub };
  return oidcTrust(GITHUB_PROVIDER, condition);
};

describe("AAG-006 federated-trust-pinned", () => {
  it("passes an exact GitHub subject with aud", () => {
    const trust = oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:acme/app:ref:refs/heads/main" } });
    expect(judge(trust)).toEqual([]);
  });
  it("passes the immutable-ID subject form and environments", () => {
    expect(judge(gh(["repo:acme@123456/app@456789:ref:refs/heads/main", "repo:acme/app:environment:prod"]))).toEqual([]);
  });
  it("flags a missing sub as mandatory", () => {
    const f = violations(judge(oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } })));
    expect(f).toEqual([expect.objectContaining({ findingId: "Statement[1]::sub", level: "mandatory" })]);
  });
  it("flags a missing aud", () => {
    const f = violations(judge(oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:sub`]: "repo:acme/app:ref:refs/heads/main" } })));
    expect(f.map((x) => x.findingId)).toEqual(["Statement[1]::aud"]);
  });
  it("flags a trust with no Condition at all on both claims", () => {
    expect(violations(judge(oidcTrust(GITHUB_PROVIDER, undefined))).map((x) => x.findingId).sort()).toEqual(["Statement[1]::aud", "Statement[1]::sub"]);
  });
  it.each(["*", "repo:*", "repo:*/app:*", "*:ref:refs/heads/main"])("flags StringLike sub %s as mandatory", (sub) => {
    const f = violations(judge(gh(sub, "StringLike")));
    expect(f).toEqual([expect.objectContaining({ findingId: `Sub::${sub}`, level: "mandatory" })]);
  });
  it("rates organisation-wide GitHub trust advisory", () => {
    const f = violations(judge(gh("repo:acme/*", "StringLike")));
    expect(f).toEqual([expect.objectContaining({ findingId: "Sub::repo:acme/*", level: "advisory", advisoryOnly: true })]);
  });
  it("judges every value of a multi-value condition", () => {
    const f = violations(judge(gh(["repo:acme/app:ref:refs/heads/main", "repo:*"], "StringLike")));
    expect(f.map((x) => x.findingId)).toEqual(["Sub::repo:*"]);
  });
  it("treats ForAnyValue:StringLike like StringLike", () => {
    expect(violations(judge(gh(["*"], "ForAnyValue:StringLike")))[0].level).toBe("mandatory");
  });
  it("rejects IfExists and ForAllValues on sub", () => {
    expect(violations(judge(gh("repo:acme/app:ref:refs/heads/main", "StringEqualsIfExists")))[0].detail).toContain("without the claim passes");
    expect(violations(judge(gh("repo:acme/app:ref:refs/heads/main", "ForAllValues:StringEquals")))[0].detail).toContain("ForAllValues");
  });
  it("does not count negated operators as pinning", () => {
    const f = violations(judge(gh("repo:evil/app:ref:refs/heads/main", "StringNotEquals")));
    expect(f.map((x) => x.findingId)).toEqual(["Statement[1]::sub"]);
  });
  it("expands sts:* and * to include AssumeRoleWithWebIdentity", () => {
    expect(violations(judge(oidcTrust(GITHUB_PROVIDER, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } }, "sts:*")))).toHaveLength(1);
  });
  it("matches condition keys case-insensitively", () => {
    expect(judge(oidcTrust(GITHUB_PROVIDER, { StringEquals: { "Token.Actions.GithubUserContent.com:AUD": "sts.amazonaws.com", "token.actions.githubusercontent.com:SUB": "repo:acme/app:environment:prod" } }))).toEqual([]);
  });
  it("checks GitLab project paths", () => {
    const key = "gitlab.example.com";
    const t = (sub: string) => oidcTrust(GITLAB_PROVIDER, { StringEquals: { [`${key}:aud`]: "https://gitlab.example.com" }, StringLike: { [`${key}:sub`]: sub } });
    expect(violations(judge(t("project_path:*")))[0].level).toBe("mandatory");
    expect(violations(judge(t("project_path:acme/*")))[0].level).toBe("advisory");
    expect(judge(t("project_path:acme/app:ref_type:branch:ref:main"))).toEqual([]);
  });
  it("checks Kubernetes service accounts (IRSA)", () => {
    const key = "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789";
    const t = (sub: string) => oidcTrust(EKS_PROVIDER, { StringEquals: { [`${key}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${key}:sub`]: sub } });
    expect(violations(judge(t("system:serviceaccount:*:*")))[0].level).toBe("mandatory");
    expect(violations(judge(t("system:serviceaccount:*:agent")))[0].level).toBe("mandatory");
    expect(violations(judge(t("system:serviceaccount:ai:*")))[0].level).toBe("advisory");
    expect(judge(t("system:serviceaccount:ai:agent"))).toEqual([]);
  });
  it("ignores service and account trust (other rules judge those)", () => {
    expect(judge(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }))).toEqual([]);
  });
  it("says it cannot validate an unknown trust policy or an unknown provider ARN, and still judges the rest", () => {
    expect(cannotValidate(judge(UNKNOWN))[0].property).toBe("assumeRolePolicy");
    const f = judge(oidcTrust(UNKNOWN, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } }));
    expect(cannotValidate(f)).toHaveLength(1);
    expect(violations(f).map((x) => x.findingId)).toEqual(["Statement[1]::sub"]);
  });
  it("accepts the object form of the document", () => {
    const trust = { Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { Federated: [GITHUB_PROVIDER] }, Action: ["sts:AssumeRoleWithWebIdentity"] } };
    expect(violations(judge(trust))).toHaveLength(2);
  });
});
