/**
 * Configuration properties: any JSON is either accepted or rejected with a ConfigError (never another
 * exception); every bad setting is rejected with a message naming the policy, the field and what is
 * allowed; valid configurations are accepted. Over `Configure` in the pack process: pack.fuzz.e2e.test.ts.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ALL_RULES, ConfigError, LEVELS, resolveConfig, schemaOf, validateRuleProperties, type ConfigProperty } from "../../policy-pack/src";
import { fuzzParams, fuzzTimeout, hostileValue } from "./arbitraries";

const NAMES = ALL_RULES.map((r) => r.name);
const rule = fc.constantFrom(...ALL_RULES);

function rejection(config: unknown): string {
  try {
    resolveConfig(ALL_RULES, config);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  return expect.fail(`accepted ${JSON.stringify(config).slice(0, 300)}`);
}

/** A value of a different JSON type than the schema property asks for. */
function wrongTypeFor(p: ConfigProperty): fc.Arbitrary<unknown> {
  const all: Array<[string, fc.Arbitrary<unknown>]> = [
    ["string", fc.string({ maxLength: 10 })],
    ["number", fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n))],
    ["integer", fc.integer()],
    ["boolean", fc.boolean()],
    ["array", fc.array(fc.string(), { maxLength: 2 })],
    ["object", fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 })],
    ["null", fc.constant(null)],
  ];
  const ok = (t: string) => t === p.type || (p.type === "number" && t === "integer");
  return fc.oneof(...all.filter(([t]) => !ok(t)).map(([, a]) => a));
}

const validWaiver = fc.record({
  resource: fc.constantFrom("legacy-*", "urn:pulumi:dev::p::aws:iam/accessKey:AccessKey::k", "aws_iam_role.ci"),
  finding: fc.constantFrom("AccessKey::*", "Action::bedrock:*", undefined),
  reason: fc.constantFrom("vendor integration without OIDC, ticket SEC-42", "accepted until the migration in Q3 (RISK-7)"),
  expires: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2999-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
}).map((w) => (w.finding === undefined ? { resource: w.resource, reason: w.reason, expires: w.expires } : w));

describe("configuration", () => {
  it("any JSON value is accepted or rejected with a ConfigError, never another exception", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json().map((j) => JSON.parse(j)), hostileValue, fc.dictionary(fc.constantFrom(...NAMES, "all"), hostileValue, { maxKeys: 4 })), (config) => {
        try {
          resolveConfig(ALL_RULES, config);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          expect((e as Error).message).toMatch(/^(invalid ai-access-guard policy configuration:\n  - |policy configuration must be)/);
        }
        for (const r of ALL_RULES) if (config && typeof config === "object" && !Array.isArray(config)) validateRuleProperties(r, config as Record<string, unknown>);
      }),
      fuzzParams(1000),
    );
  }, fuzzTimeout());

  it("valid configurations are accepted and applied", () => {
    fc.assert(
      fc.property(rule, fc.constantFrom(...LEVELS), fc.array(validWaiver, { maxLength: 3 }), fc.array(fc.constantFrom("comprehend", "textract", "kendra"), { maxLength: 2 }), (r, level, waivers, extra) => {
        const s = resolveConfig(ALL_RULES, { [r.name]: { enforcementLevel: level, waivers, additionalAiServices: extra } });
        expect(s.get(r.name)).toMatchObject({ level, properties: { waivers, additionalAiServices: extra } });
        expect(validateRuleProperties(r, { waivers, additionalAiServices: extra })).toEqual([]);
      }),
      fuzzParams(400),
    );
  }, fuzzTimeout());

  it("a setting of the wrong type names the policy, the field and the expected type", () => {
    const cases = ALL_RULES.flatMap((r) => Object.entries(schemaOf(r)).map(([k, p]) => ({ r, k, p })));
    fc.assert(
      fc.property(fc.constantFrom(...cases).chain(({ r, k, p }) => wrongTypeFor(p).map((v) => ({ r, k, p, v }))), ({ r, k, p, v }) => {
        const msg = rejection({ [r.name]: { [k]: v } });
        const expected = p.type === "array" ? "an array" : p.type === "integer" ? "an integer" : p.type === "object" ? "an object" : `a ${p.type}`;
        expect(msg).toContain(`${r.name}.${k} must be ${expected}`);
        expect(validateRuleProperties(r, { [k]: v }).join("\n")).toContain(`${r.name}.${k} must be ${expected}`);
      }),
      fuzzParams(400),
    );
  }, fuzzTimeout());

  it("an array item of the wrong type names its index", () => {
    fc.assert(
      fc.property(rule, fc.nat({ max: 3 }), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant({})), (r, i, bad) => {
        const list = [...Array.from({ length: i }, () => "comprehend"), bad];
        expect(rejection({ [r.name]: { additionalAiServices: list } })).toContain(`${r.name}.additionalAiServices[${i}] must be a string`);
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout());

  it("unknown settings and unknown policies are named, with what is allowed", () => {
    fc.assert(
      fc.property(rule, fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in schemaOf(ALL_RULES[0])) && k !== "enforcementLevel" && !NAMES.includes(k) && k !== "all" && !["__proto__", "constructor"].includes(k)), (r, key) => {
        if (key in schemaOf(r)) return;
        const msg = rejection({ [r.name]: { [key]: 1 } });
        expect(msg).toContain(`${r.name}.${key}: not a setting of this policy (allowed: enforcementLevel, ${Object.keys(schemaOf(r)).join(", ")})`);
        expect(rejection({ [key]: "advisory" })).toContain(`${key}: not a policy of this pack (known: ${NAMES.join(", ")})`);
      }),
      fuzzParams(200),
    );
  }, fuzzTimeout());

  it("invalid levels name the allowed ones", () => {
    fc.assert(
      fc.property(rule, fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()).filter((v) => !(LEVELS as unknown[]).includes(v) && v !== "remediate"), (r, level) => {
        expect(rejection({ [r.name]: typeof level === "string" ? level : { enforcementLevel: level } })).toMatch(new RegExp(`${r.name}(\\.enforcementLevel)?:? (level )?must be one of advisory, mandatory, disabled`));
        expect(rejection({ [r.name]: { enforcementLevel: level } })).toContain(`${r.name}.enforcementLevel must be one of advisory, mandatory, disabled`);
        expect(rejection({ all: level })).toContain("all: must be one of advisory, mandatory, disabled");
      }),
      fuzzParams(200),
    );
  }, fuzzTimeout());

  describe("bad waivers are rejected, naming the policy, the waiver and the field", () => {
    const bad = fc.oneof(
      validWaiver.map((w) => ({ w: { resource: w.resource, expires: w.expires }, expect: ".reason is required" })),
      fc.tuple(validWaiver, fc.string({ maxLength: 9 }), fc.nat({ max: 6 })).map(([w, r, pad]) => ({ w: { ...w, reason: `${" ".repeat(pad)}${r}${" ".repeat(pad)}` }, expect: ".reason must have at least 10 characters" })).filter(({ w }) => w.reason.trim().length < 10),
      fc.tuple(validWaiver, fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("2027-02-30", "2027-04-31", "2026-13-01", "2026-00-10", "27-01-01", "2027-1-1", "2027/01/01", "01-01-2027", "tomorrow", "2027-01-01T00:00:00Z", " 2027-01-01"))).map(([w, e]) => ({ w: { ...w, expires: e }, expect: ".expires must be a date as YYYY-MM-DD" })).filter(({ w }) => !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/.test(w.expires)),
      validWaiver.map((w) => ({ w: { resource: w.resource, reason: w.reason }, expect: ".expires is required" })),
      fc.tuple(validWaiver, fc.constantFrom("rule", "policy", "id", "until", "Reason")).map(([w, k]) => ({ w: { ...w, [k]: "AAG-001" }, expect: `.${k} is not a known field (allowed: resource, finding, reason, expires)` })),
      validWaiver.map((w) => ({ w: { ...w, resource: "" }, expect: ".resource must have at least 1 characters" })),
      fc.tuple(validWaiver, fc.constantFrom("reason", "expires", "resource", "finding"), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]))).map(([w, k, v]) => ({ w: { ...w, [k]: v }, expect: k === "expires" || k === "resource" || k === "reason" ? `.${k}` : `.${k} must be a string` })),
      fc.oneof(fc.string(), fc.integer(), fc.constant(null)).map((w) => ({ w, expect: " must be an object (got " })),
    );
    it("through resolveConfig and Configure's validation", () => {
      fc.assert(
        fc.property(rule, fc.array(validWaiver, { maxLength: 2 }), bad, (r, good, { w, expect: text }) => {
          const i = good.length;
          const msg = rejection({ [r.name]: { waivers: [...good, w] } });
          expect(msg).toContain(`${r.name}.waivers[${i}]${text}`);
          expect(validateRuleProperties(r, { waivers: [...good, w] }).join("\n")).toContain(`${r.name}.waivers[${i}]${text}`);
        }),
        fuzzParams(500),
      );
    }, fuzzTimeout());

    it("a waiver under a policy that does not exist is rejected", () => {
      fc.assert(
        fc.property(validWaiver, fc.constantFrom("AAG-001", "no-such-policy", "No-Long-Lived-Access-Keys", "no-long-lived-access-key"), (w, name) => {
          expect(rejection({ [name]: { waivers: [w] } })).toContain(`${name}: not a policy of this pack (known: `);
        }),
        fuzzParams(100),
      );
    }, fuzzTimeout());
  });

  it("regression: impossible calendar dates are not valid expiries", () => {
    for (const expires of ["2027-02-30", "2027-02-29", "2027-04-31", "2027-06-31"]) {
      expect(rejection({ "no-long-lived-access-keys": { waivers: [{ resource: "x", reason: "a long enough reason", expires }] } })).toContain(`no-long-lived-access-keys.waivers[0].expires must be a date as YYYY-MM-DD (got "${expires}")`);
    }
    expect(() => resolveConfig(ALL_RULES, { "no-long-lived-access-keys": { waivers: [{ resource: "x", reason: "a long enough reason", expires: "2028-02-29" }] } })).not.toThrow();
  });
});
