/** AAG-006 / AAG-013: a condition restricts broad trust only when it pins the caller soundly. */
import { describe, expect, it } from "vitest";
import { findings, resource, violations, cannotValidate, doc, MODEL_ARN, UNKNOWN } from "../helpers/engine";

const ROLE = "aws:iam/role:Role";
const trust = (stmt: Record<string, unknown>, extra: Record<string, unknown> = {}) => resource(ROLE, { assumeRolePolicy: doc({ Effect: "Allow", Action: "sts:AssumeRole", ...stmt }), ...extra });
const v13 = (stmt: Record<string, unknown>) => violations(findings("AAG-013", trust(stmt)));
const ANY = { Principal: "*" };
const ROOT = { Principal: { AWS: "arn:aws:iam::111122223333:root" } };

describe("AAG-013 Principal * is pinned only by a caller-identifying key with a fixed tenant", () => {
  it.each([
    ["StringLike aws:PrincipalArn *", { StringLike: { "aws:PrincipalArn": "*" } }],
    ["StringLike aws:PrincipalArn with a wildcard account", { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/deployer" } }],
    ["Bool aws:SecureTransport", { Bool: { "aws:SecureTransport": "true" } }],
    ["StringLike aws:userid *", { StringLike: { "aws:userid": "*" } }],
    ["vacuous ForAllValues:StringEquals aws:PrincipalOrgID", { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abcdefghij" } }],
    ["StringEqualsIfExists aws:PrincipalAccount", { StringEqualsIfExists: { "aws:PrincipalAccount": "111122223333" } }],
    ["Null aws:PrincipalArn false", { Null: { "aws:PrincipalArn": "false" } }],
    ["StringNotEquals aws:PrincipalAccount", { StringNotEquals: { "aws:PrincipalAccount": "999999999999" } }],
  ])("flags %s", (_label, Condition) => {
    const f = v13({ ...ANY, Condition });
    expect(f.map((x) => x.findingId)).toEqual(["Statement[1]::Principal::*"]);
    expect(f[0].level).toBe("mandatory");
  });
  it.each([
    ["StringEquals aws:PrincipalOrgID", { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } }],
    ["StringEquals aws:PrincipalAccount", { StringEquals: { "aws:PrincipalAccount": "111122223333" } }],
    ["ArnLike aws:PrincipalArn with a fixed account", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*" } }],
    ["ForAnyValue:StringLike aws:PrincipalOrgPaths", { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-abcdefghij/r-ab12/ou-ab12-11111111/*" } }],
  ])("accepts %s", (_label, Condition) => expect(v13({ ...ANY, Condition })).toEqual([]));
  it("says it cannot validate a pinning value unknown at preview", () => {
    const f = findings("AAG-013", trust({ ...ANY, Condition: { StringEquals: { "aws:PrincipalOrgID": UNKNOWN } } }));
    expect(violations(f)).toEqual([]);
    expect(cannotValidate(f)).toHaveLength(1);
  });
});

describe("AAG-013 account root, service and federation trust", () => {
  it("flags root trust with StringLike sts:ExternalId * and does not quote the external id", () => {
    const f = v13({ ...ROOT, Condition: { StringLike: { "sts:ExternalId": "*" } } });
    expect(f.map((x) => x.findingId)).toEqual(["Statement[1]::root-trust"]);
    expect(v13({ ...ROOT, Condition: { StringEquals: { "sts:ExternalId": "a3f9c2e1-vendor" } } })).toEqual([]);
    expect(v13({ ...ROOT, Condition: { StringLike: { "sts:ExternalId": "a3f9c2e1-vendor" } } })).toEqual([]);
  });
  it("flags bedrock.amazonaws.com trust pinned only by ArnLike aws:SourceArn arn:aws:bedrock:*:*:agent/*", () => {
    const f = v13({ Principal: { Service: "bedrock.amazonaws.com" }, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:bedrock:*:*:agent/*" } } });
    expect(f.map((x) => x.findingId)).toEqual(["Statement[1]::bedrock.amazonaws.com"]);
    expect(v13({ Principal: { Service: "bedrock.amazonaws.com" }, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:bedrock:us-east-1:111122223333:agent/*" } } })).toEqual([]);
  });
  it("flags pods.eks.amazonaws.com with StringLike aws:SourceAccount *", () => {
    const stmt = { Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] };
    expect(v13({ ...stmt, Condition: { StringLike: { "aws:SourceAccount": "*" } } }).map((x) => x.findingId)).toEqual(["Statement[1]::pods.eks.amazonaws.com"]);
    expect(v13({ ...stmt, Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } })).toEqual([]);
  });
  it("requires SAML:aud for SAML trust", () => {
    const saml = { Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/okta" }, Action: "sts:AssumeRoleWithSAML" };
    expect(v13(saml).map((x) => x.findingId)).toEqual(["Statement[1]::SAML:aud"]);
    expect(v13({ ...saml, Condition: { StringLike: { "SAML:aud": "*" } } }).map((x) => x.findingId)).toEqual(["Statement[1]::SAML:aud"]);
    expect(v13({ ...saml, Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } })).toEqual([]);
  });
  it("requires a trust anchor or certificate condition for IAM Roles Anywhere", () => {
    const ra = { Principal: { Service: "rolesanywhere.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] };
    expect(v13(ra).map((x) => x.findingId)).toEqual(["Statement[1]::rolesanywhere.amazonaws.com"]);
    expect(v13({ ...ra, Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/abc" } } })).toEqual([]);
    expect(v13({ ...ra, Condition: { StringEquals: { "aws:PrincipalTag/x509Subject/CN": "build-agent-1" } } })).toEqual([]);
    expect(v13({ ...ra, Condition: { StringLike: { "aws:PrincipalTag/x509Subject/CN": "*" } } })).toHaveLength(1);
  });
  it("flags NotAction in a trust policy", () => {
    const f = v13({ Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, Action: undefined, NotAction: "sts:AssumeRole" });
    expect(f.map((x) => x.findingId)).toContain("Statement[1]::NotAction");
  });
});

describe("AAG-006 federated trust", () => {
  const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
  it("judges an OIDC principal with NotAction sts:AssumeRole and no condition", () => {
    const f = violations(findings("AAG-006", resource(ROLE, { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: GH }, NotAction: "sts:AssumeRole" }) })));
    expect(f.map((x) => x.findingId)).toEqual(["Statement[1]::aud", "Statement[1]::sub"]);
  });

  const cognito = (condition: Record<string, unknown>, policy?: string) =>
    resource(ROLE, {
      assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition }),
      ...(policy ? { inlinePolicies: [{ name: "ai", policy }] } : {}),
    });
  const AUD = { StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:11111111-2222-3333-4444-555555555555" } };
  const INVOKE = doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN });
  it("makes a Cognito guest role that reaches AI mandatory", () => {
    const guest = { ...AUD, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" } };
    const f = violations(findings("AAG-006", cognito(guest, INVOKE)));
    expect(f.map((x) => `${x.findingId} ${x.level}`)).toEqual(["Statement[1]::amr mandatory"]);
    expect(violations(findings("AAG-006", cognito(AUD, INVOKE))).map((x) => x.level)).toEqual(["mandatory"]);
    expect(violations(findings("AAG-006", cognito(guest))).map((x) => x.level)).toEqual(["advisory"]);
  });
  it("accepts an authenticated-only Cognito role", () => {
    const auth = { ...AUD, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } };
    expect(violations(findings("AAG-006", cognito(auth, INVOKE)))).toEqual([]);
  });

  const tfc = (sub: string) =>
    resource(ROLE, {
      assumeRolePolicy: doc({
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/app.terraform.io" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "app.terraform.io:aud": "aws.workload.identity" }, StringLike: { "app.terraform.io:sub": sub } },
      }),
    });
  it.each([
    ["organization:*:project:*:workspace:*:run_phase:*", "mandatory"],
    ["*:workspace:prod:*", "mandatory"],
    ["organization:acme:project:*:workspace:*:run_phase:*", "advisory"],
  ])("judges HCP Terraform sub %s as %s", (sub, level) => {
    expect(violations(findings("AAG-006", tfc(sub))).map((x) => x.level)).toEqual([level]);
  });
  it("passes a fully pinned HCP Terraform subject", () => {
    expect(violations(findings("AAG-006", tfc("organization:acme:project:ai:workspace:prod:run_phase:apply")))).toEqual([]);
  });
});
