import { describe, expect, it } from "vitest";
import { findings, resource, violations, cannotValidate, UNKNOWN } from "../helpers/engine";

describe("AAG-001 no-long-lived-access-keys", () => {
  it("flags every IAM access key as mandatory, naming the user", () => {
    const f = findings("AAG-001", resource("aws:iam/accessKey:AccessKey", { user: "ci-bot" }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: "violation", level: "mandatory", findingId: "AccessKey::long-lived" });
    expect(f[0].detail).toContain('IAM user "ci-bot"');
  });
  it("keys the finding by the key's logical name, never by the user's physical (auto-named) name", () => {
    // check (mocks), every preview and the deployed stack give an auto-named user different suffixes.
    const keys = ["ci-bot-0a1b2c3", "ci-bot-9f8e7d6"].map((user) => findings("AAG-001", resource("aws:iam/accessKey:AccessKey", { user }))[0].findingId);
    expect(new Set(keys).size).toBe(1);
  });
  it("still flags a key created Inactive (it can be activated)", () => {
    const f = findings("AAG-001", resource("aws:iam/accessKey:AccessKey", { user: "ci-bot", status: "Inactive" }));
    expect(f[0].detail).toContain("Inactive");
  });
  it("does not apply to other resource types", () => {
    expect(findings("AAG-001", resource("aws:iam/user:User", { name: "ci-bot" }))).toEqual([]);
  });
  it("never prints the secret even if a key value is present in the inputs", () => {
    const f = findings("AAG-001", resource("aws:iam/accessKey:AccessKey", { user: UNKNOWN, pgpKey: "keybase:someone", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }));
    expect(JSON.stringify(f)).not.toContain("wJalrXUtnFEMI");
    expect(f[0].findingId).toBe("AccessKey::long-lived");
  });
});

describe("AAG-002 no-long-term-bedrock-api-keys", () => {
  const compliant = { userName: "svc", serviceName: "codecommit.amazonaws.com" };
  it("passes service-specific credentials for other services", () => {
    expect(findings("AAG-002", resource("aws:iam/serviceSpecificCredential:ServiceSpecificCredential", compliant))).toEqual([]);
  });
  it("flags a Bedrock API key (service name compared case-insensitively)", () => {
    const f = violations(findings("AAG-002", resource("aws:iam/serviceSpecificCredential:ServiceSpecificCredential", { ...compliant, serviceName: "Bedrock.amazonaws.com", credentialAgeDays: 30 })));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ level: "mandatory", findingId: "ServiceSpecificCredential::bedrock.amazonaws.com" });
    expect(f[0].detail).toContain("30 days");
  });
  it("says it cannot validate when the service name is unknown at preview", () => {
    const f = findings("AAG-002", resource("aws:iam/serviceSpecificCredential:ServiceSpecificCredential", { ...compliant, serviceName: UNKNOWN }));
    expect(violations(f)).toEqual([]);
    expect(cannotValidate(f)).toHaveLength(1);
    expect(cannotValidate(f)[0]).toMatchObject({ level: "advisory", property: "serviceName" });
  });
});
