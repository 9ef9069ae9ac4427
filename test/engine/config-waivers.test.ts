import { describe, expect, it } from "vitest";
import { ALL_RULES, resolveConfig, ConfigError, evaluateResource, RESOURCE_RULES } from "../../policy-pack/src";
import { resource } from "../helpers/engine";

const NOW = new Date("2026-11-28T12:00:00Z");
const key = resource("aws:iam/accessKey:AccessKey", { user: "legacy-batch" }, "legacy-key");
const judgeWith = (config: Record<string, unknown>) => evaluateResource(key, RESOURCE_RULES, resolveConfig(ALL_RULES, config), NOW);
const waiver = (w: Record<string, unknown>) => ({ "no-long-lived-access-keys": { waivers: [w] } });

describe("configuration", () => {
  it.each([
    [{ "no-such-policy": "advisory" }, "no-such-policy: not a policy of this pack"],
    [{ all: "loud" }, "all: must be one of advisory, mandatory, disabled"],
    [{ "no-long-lived-access-keys": "strict" }, 'no-long-lived-access-keys: level must be one of advisory, mandatory, disabled (got "strict")'],
    [{ "short-ai-sessions": { maxSessionSeconds: "3600" } }, "short-ai-sessions.maxSessionSeconds must be an integer (got string)"],
    [{ "short-ai-sessions": { maxSessionSeconds: 60 } }, "short-ai-sessions.maxSessionSeconds must be at least 900"],
    [{ "short-ai-sessions": { maxSesionSeconds: 3600 } }, "short-ai-sessions.maxSesionSeconds: not a setting of this policy (allowed: enforcementLevel, additionalAiServices, waivers, maxSessionSeconds)"],
    [waiver({ resource: "legacy-key", reason: "too short", expires: "2027-01-01" }), "no-long-lived-access-keys.waivers[0].reason must have at least 10 characters"],
    [waiver({ resource: "legacy-key", reason: "vendor integration, ticket SEC-42" }), "no-long-lived-access-keys.waivers[0].expires is required"],
    [waiver({ resource: "legacy-key", reason: "vendor integration, ticket SEC-42", expires: "next year" }), "no-long-lived-access-keys.waivers[0].expires must be a date as YYYY-MM-DD"],
    [waiver({ resource: "legacy-key", reason: "vendor integration, ticket SEC-42", expires: "2027-01-01", rule: "AAG-001" }), "no-long-lived-access-keys.waivers[0].rule is not a known field (allowed: resource, finding, reason, expires)"],
  ])("rejects %j naming the policy, field and what is allowed", (config, message) => {
    expect(() => resolveConfig(ALL_RULES, config)).toThrow(ConfigError);
    expect(() => resolveConfig(ALL_RULES, config)).toThrow(message);
  });
  it("reports every problem at once", () => {
    try {
      resolveConfig(ALL_RULES, { a: 1, b: 2 });
      expect.unreachable();
    } catch (e) {
      expect(String(e)).toMatch(/a: not a policy[\s\S]*b: not a policy/);
    }
  });
  it("applies `all` and per-policy levels", () => {
    const s = resolveConfig(ALL_RULES, { all: "advisory", "no-long-lived-access-keys": "mandatory" });
    expect(s.get("no-long-lived-access-keys")!.level).toBe("mandatory");
    expect(s.get("no-wildcard-ai-actions")!.level).toBe("advisory");
    expect(judgeWith({ "no-long-lived-access-keys": "disabled" })).toEqual([]);
  });
});

describe("waivers", () => {
  const ok = { resource: "legacy-key", reason: "vendor integration without OIDC, ticket SEC-42", expires: "2027-01-31" };
  it("downgrades a matching finding to advisory and keeps it reported as waived", () => {
    const [f] = judgeWith(waiver(ok));
    expect(f).toMatchObject({ level: "advisory", waiver: { reason: ok.reason, expires: "2027-01-31" } });
  });
  it("matches by URN, name glob and exact finding", () => {
    expect(judgeWith(waiver({ ...ok, resource: key.urn }))[0].waiver).toBeDefined();
    expect(judgeWith(waiver({ ...ok, resource: "legacy-*", finding: "AccessKey::long-lived" }))[0].waiver).toBeDefined();
    expect(judgeWith(waiver({ ...ok, finding: "AccessKey::someone-else" }))[0].waiver).toBeUndefined();
    expect(judgeWith(waiver({ ...ok, resource: "other-key" }))[0].waiver).toBeUndefined();
  });
  it("stops applying after expiry and reports the expired waiver", () => {
    const [f] = judgeWith(waiver({ ...ok, expires: "2026-11-01" }));
    expect(f.level).toBe("mandatory");
    expect(f.waiver).toBeUndefined();
    expect(f.expiredWaiver).toEqual({ reason: ok.reason, expires: "2026-11-01" });
  });
  it("applies on its expiry day", () => {
    expect(judgeWith(waiver({ ...ok, expires: "2026-11-28" }))[0].level).toBe("advisory");
  });
});
