/**
 * Crash-freedom of the engine on hostile input: no rule throws (rules are called directly, so a
 * TypeError that `runRule` would have turned into "could not evaluate" fails here), unknown or
 * unparsable documents give a "cannot validate" finding naming the property, and the verdict does
 * not depend on how a document is written.
 */
import { beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  RESOURCE_RULES,
  T,
  evaluateResource,
  evaluateStack,
  ALL_RULES,
  parsePolicyDocument,
  unwrapSecrets,
  runRule,
  type ResourceModel,
} from "../../policy-pack/src";
import {
  CANONICAL,
  anyPolicyInput,
  deepNest,
  documentModel,
  fuzzParams,
  fuzzTimeout,
  hostileValue,
  hugeDocument,
  renderDocument,
  renderStyle,
  resourceArb,
  stackArb,
  unknownValue,
  urnOf,
  wrapSecret,
} from "./arbitraries";
import { NOW, SETTINGS, applies, checkResource, format, judgeAll, toModel, verdict } from "./helpers";
import { clearRegisteredSecrets } from "../../policy-pack/src/engine/secret-values";

// The secret registry is process-wide, as in a pack process: the secrets one property generates (any
// word can be one) would be masked in the messages the next property checks. Each test starts empty.
beforeEach(() => clearRegisteredSecrets());

const model = (type: string, properties: Record<string, unknown>, name = "subject"): ResourceModel => ({ type, name, urn: urnOf(type, name), properties, source: "pulumi" });

describe("the policy document parser", () => {
  it("never throws, on any input", () => {
    fc.assert(
      fc.property(fc.oneof(anyPolicyInput, hostileValue, fc.json(), fc.string({ unit: "binary" })), (input) => {
        const r = parsePolicyDocument(input);
        expect(["ok", "unknown", "invalid"]).toContain(r.kind);
      }),
      fuzzParams(1000),
    );
  }, fuzzTimeout());

  it("reads every valid shape it is given, in every rendering", () => {
    fc.assert(
      fc.property(documentModel, renderStyle, (d, style) => {
        const r = parsePolicyDocument(renderDocument(d, style));
        expect(r.kind).toBe("ok");
        if (r.kind !== "ok") return;
        expect(r.document.statements.length + r.document.problems.length).toBe(d.statements.length);
      }),
      fuzzParams(400),
    );
  }, fuzzTimeout());
});

describe("no rule throws", () => {
  it("on generated resources with unknowns, secrets, wrong types and odd documents", () => {
    fc.assert(
      fc.property(resourceArb, (g) => {
        const r = toModel(g);
        for (const rule of RESOURCE_RULES) if (applies(rule, r.type)) for (const f of checkResource(rule, r)) expect(() => format({ ...f, level: "advisory" })).not.toThrow();
      }),
      fuzzParams(400),
    );
  }, fuzzTimeout());

  it("on generated stacks (stack view and every stack rule)", () => {
    fc.assert(
      fc.property(stackArb, (gs) => {
        const findings = judgeAll(gs.map(toModel));
        for (const f of findings) expect(format(f)).toMatch(/^\[AAG-\d{3}\]/);
      }),
      fuzzParams(150),
    );
  }, fuzzTimeout());

  it("never reaches the runRule safety net through the public evaluation API", () => {
    fc.assert(
      fc.property(stackArb, (gs) => {
        const { findings } = evaluateStack(gs.map(toModel), ALL_RULES, SETTINGS, NOW);
        const netted = findings.filter((f) => f.findingId === "Property::*");
        expect(netted.map((f) => f.detail)).toEqual([]);
      }),
      fuzzParams(120),
    );
  }, fuzzTimeout());

  it("on resource properties that are not objects of the expected shape at all", () => {
    fc.assert(
      fc.property(fc.constantFrom(...new Set(RESOURCE_RULES.flatMap((r) => r.appliesTo.filter((t) => t !== "*")))), fc.dictionary(fc.string({ maxLength: 20 }), hostileValue, { maxKeys: 6 }), (type, props) => {
        const r = model(type, unwrapSecrets(props) as Record<string, unknown>);
        for (const rule of RESOURCE_RULES) if (applies(rule, type)) checkResource(rule, r);
      }),
      fuzzParams(400),
    );
  }, fuzzTimeout());

  it("unwrapSecrets handles secrets at any depth, and nesting beyond its limit", () => {
    fc.assert(
      fc.property(hostileValue, fc.nat({ max: 200 }), fc.constantFrom("array" as const, "object" as const, "secret" as const), (v, depth, kind) => {
        const out = unwrapSecrets(deepNest(depth, v, kind));
        expect(JSON.stringify(out) ?? "").not.toContain("1b47061264138c4ac30d75fd1eb44270");
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout());
});

describe("unknown or unparsable documents are 'cannot validate', naming the property", () => {
  const broken = fc.oneof(
    unknownValue.map((v) => ({ v, why: "unknown" })),
    fc.constantFrom<unknown>("{", "[]", "null", "42", "true", '"Statement"', "{}", '{"Statement": 7}', "\u0000", 42, true, [], ["x"], {}, { Statement: "nope" }).map((v) => ({ v, why: "invalid" })),
  );
  const DOC_RULES = ["AAG-003", "AAG-004", "AAG-010", "AAG-014"];
  it("identity policies (policy, inline policies)", () => {
    fc.assert(
      fc.property(broken, fc.constantFrom(T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.role), ({ v }, type) => {
        const inline = type === T.role;
        const props = inline ? { assumeRolePolicy: renderDocument({ statements: [{ effect: "Allow", actionKey: "Action", actions: ["sts:AssumeRole"], principalKey: "Principal", principal: { Service: ["lambda.amazonaws.com"] } }], singleAsObject: false }, CANONICAL), inlinePolicies: [{ name: "ai", policy: v }] } : { policy: v };
        const property = inline ? "inlinePolicies[0].policy" : "policy";
        const r = model(type, props as Record<string, unknown>);
        // `{}` and `[]` inline entries mean "none" to the provider; a non-empty broken value must be named.
        for (const id of DOC_RULES) {
          const rule = RESOURCE_RULES.find((x) => x.id === id)!;
          const fs = checkResource(rule, r);
          expect(fs.filter((f) => f.kind === "violation")).toEqual([]);
          const cv = fs.filter((f) => f.kind === "cannot-validate");
          expect(cv.length, `${id} on ${JSON.stringify(v)}`).toBeGreaterThan(0);
          for (const f of cv) {
            expect(f.property).toBe(property);
            const msg = format({ ...f, level: "advisory" });
            expect(msg).toContain("cannot validate");
            expect(msg).toContain(`Property::${property}`);
          }
        }
      }),
      fuzzParams(150),
    );
  }, fuzzTimeout());

  it("trust policies (assumeRolePolicy)", () => {
    fc.assert(
      fc.property(broken, ({ v }) => {
        const r = model(T.role, { assumeRolePolicy: v });
        for (const id of ["AAG-006", "AAG-013"]) {
          const fs = checkResource(RESOURCE_RULES.find((x) => x.id === id)!, r);
          expect(fs.map((f) => `${f.kind} ${f.findingId}`)).toEqual(["cannot-validate Property::assumeRolePolicy"]);
        }
      }),
      fuzzParams(120),
    );
  }, fuzzTimeout());

  it("other properties read by rules", () => {
    const cases: Array<[string, string, string, Record<string, unknown>]> = [
      ["AAG-002", T.serviceSpecificCredential, "serviceName", {}],
      ["AAG-005", T.role, "managedPolicyArns", { assumeRolePolicy: "{}" }],
      ["AAG-005", T.rolePolicyAttachment, "policyArn", { role: "app" }],
      ["AAG-015", T.role, "tags", {}],
      ["AAG-014", T.bedrockAgent, "guardrailConfigurations", {}],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...cases), unknownValue, ([id, type, prop, extra], u) => {
        const fs = checkResource(RESOURCE_RULES.find((x) => x.id === id)!, model(type, { ...extra, [prop]: u }));
        expect(fs.filter((f) => f.kind === "cannot-validate").map((f) => f.property)).toContain(prop);
        expect(fs.filter((f) => f.kind === "violation" && f.property === prop)).toEqual([]);
      }),
      fuzzParams(100),
    );
  }, fuzzTimeout());
});

describe("the verdict does not depend on how a document is written", () => {
  it("key order, string vs list, action-name case, condition-key case, JSON text vs object, whitespace", () => {
    fc.assert(
      fc.property(documentModel, renderStyle, fc.constantFrom(T.policy, T.rolePolicy, T.role), (d, style, type) => {
        const judgeDoc = (doc: unknown) => {
          const props = type === T.role ? { assumeRolePolicy: doc, inlinePolicies: [{ name: "ai", policy: doc }], tags: { owner: "a", purpose: "b" } } : { policy: doc };
          return verdict(evaluateResource(model(type, props), RESOURCE_RULES, SETTINGS, NOW));
        };
        expect(judgeDoc(renderDocument(d, style))).toEqual(judgeDoc(renderDocument(d, CANONICAL)));
      }),
      fuzzParams(400),
    );
  }, fuzzTimeout());

  it("the stack verdict too (AI reach, trust entry points)", () => {
    fc.assert(
      fc.property(documentModel, documentModel, renderStyle, (identity, trust, style) => {
        const stack = (s: typeof style) => [
          model(T.role, { name: "app", assumeRolePolicy: renderDocument(trust, s), inlinePolicies: [{ name: "ai", policy: renderDocument(identity, s) }], maxSessionDuration: 43200, tags: { owner: "a", purpose: "b", "break-glass": "true" } }, "app"),
          model(T.secret, { name: "prod/openai", arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/openai-AbCdEf" }, "openai"),
        ];
        expect(verdict(judgeAll(stack(style)))).toEqual(verdict(judgeAll(stack(CANONICAL))));
      }),
      fuzzParams(150),
    );
  }, fuzzTimeout());
});

describe("extreme documents", () => {
  const rules = RESOURCE_RULES.filter((r) => applies(r, T.policy));
  const judgePolicy = (policy: unknown) => rules.flatMap((rule) => checkResource(rule, model(T.policy, { policy })));

  it.each([
    ["1 MB of statements", () => hugeDocument(1_000_000, "statements")],
    ["1 MB Action list", () => hugeDocument(1_000_000, "actions")],
    ["1 MB Sid", () => hugeDocument(1_000_000, "string")],
  ])("%s is judged (the bedrock:* at the end is found) in bounded time", (_, make) => {
    const doc = make();
    expect(doc.length).toBeGreaterThanOrEqual(1_000_000);
    const started = performance.now();
    const fs = judgePolicy(doc);
    const ms = performance.now() - started;
    expect(fs.some((f) => f.kind === "violation" && f.findingId === "Action::bedrock:*")).toBe(true);
    for (const f of fs) expect(format({ ...f, level: "mandatory" }).length).toBeLessThan(20_000);
    expect(ms).toBeLessThan(20_000);
  });

  it("a document with more statements than the parser accepts is 'cannot validate'", () => {
    const doc = JSON.stringify({ Statement: Array.from({ length: 10_001 }, () => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })) });
    expect(judgePolicy(doc).every((f) => f.kind === "cannot-validate" && f.property === "policy")).toBe(true);
  });

  it.each([
    ["arrays", "array"],
    ["objects", "object"],
    ["secret wrappers", "secret"],
  ] as const)("nesting 10 000 %s deep, as a value and as JSON text", (_, kind) => {
    const deep = deepNest(10_000, "bedrock:*", kind);
    for (const policy of [deep, { Statement: { Effect: "Allow", Action: deep, Resource: "*" } }]) {
      expect(() => judgePolicy(unwrapSecrets(policy))).not.toThrow();
    }
    // JSON.parse itself handles this depth; the parser must then not recurse on it.
    const text = "[".repeat(5000) + "]".repeat(5000);
    expect(parsePolicyDocument(text).kind).toBe("invalid");
    for (const type of [T.lambdaFunction, T.ssmParameter, T.role]) {
      const r = model(type, unwrapSecrets({ environment: { variables: { X: deep } }, value: deep, tags: deep, inlinePolicies: deep, assumeRolePolicy: deep }) as Record<string, unknown>);
      for (const rule of RESOURCE_RULES) if (applies(rule, type)) checkResource(rule, r);
    }
  });

  it("huge arrays in every list-valued property", () => {
    const big = Array.from({ length: 200_000 }, (_, i) => (i % 3 === 0 ? `arn:aws:iam::aws:policy/X${i}` : i));
    const r = model(T.role, { managedPolicyArns: big, inlinePolicies: big, tags: Object.fromEntries(big.slice(0, 50_000).map((v, i) => [`k${i}`, v])), assumeRolePolicy: { Statement: big } });
    for (const rule of RESOURCE_RULES) if (applies(rule, T.role)) checkResource(rule, r);
    judgeAll([r, model(T.policyAttachment, { roles: big, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" })]);
  });

  it("unicode, NUL bytes, lone surrogates and bidi controls in every string", () => {
    fc.assert(
      fc.property(documentModel, fc.string({ unit: "binary", minLength: 1, maxLength: 6 }), fc.constantFrom("\u0000", "\uD800", "\u202E", "\uFEFF", "é", "🤖"), (d, junk, ch) => {
        const text = (renderDocument(d, CANONICAL) as string).replace(/"([A-Za-z][^"]{2,})"/g, (m, s: string) => JSON.stringify(`${s}${ch}${junk}`));
        const doc = parsePolicyDocument(text);
        expect(["ok", "invalid", "unknown"]).toContain(doc.kind);
        for (const rule of rules) for (const f of checkResource(rule, model(T.policy, { policy: text }))) format({ ...f, level: "advisory" });
      }),
      fuzzParams(150),
    );
  }, fuzzTimeout());
});

describe("regressions found by the properties", () => {
  it("runRule's safety net is a last resort, not a code path: a representative hostile resource never reaches it", () => {
    const r = model(T.role, { assumeRolePolicy: wrapSecret(42), inlinePolicies: [{ name: 7, policy: { Statement: [{ Effect: "Allow", Action: { a: 1 } }] } }], tags: [], managedPolicyArns: { x: 1 } });
    for (const rule of RESOURCE_RULES) if (applies(rule, r.type)) expect(runRule(rule, toModel({ ...r, properties: r.properties as Record<string, unknown> }), SETTINGS.get(rule.name)!.properties).filter((f) => f.findingId === "Property::*")).toEqual([]);
  });
});
