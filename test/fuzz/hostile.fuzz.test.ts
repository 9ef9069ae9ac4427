/**
 * Generators for what the first property runs missed (issue 13): secret envelopes and sensitive marks
 * at any depth, control characters and Markdown in every name, wildcard runs, prototype keys as type
 * tokens and configuration keys, deep nesting in every input format. Run counts follow FUZZ_RUNS.
 */
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALL_RULES, ConfigError, SECRET_SIG, SPECIAL_SIG_KEY, T, evaluateStack, formatFinding, resolveConfig, ruleById, unwrapSecrets, type ResourceModel } from "../../policy-pack/src";
import { wildcardMatches } from "../../policy-pack/src/iam/patterns";
import { clearRegisteredSecrets } from "../../policy-pack/src/engine/secret-values";
import { resourcesFromTerraformPlan } from "../../policy-pack/src/adapters/terraform";
import { scanFile } from "../../cli/scan/scan";
import { reportFromEventLog } from "../../cli/events/event-log";
import { UsageError } from "../../cli/input";
import { fuzzParams, fuzzTimeout, ACCOUNT, GITHUB_PROVIDER, GH } from "./arbitraries";
import { NOW, SETTINGS } from "./helpers";

afterEach(() => clearRegisteredSecrets());

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const TRUST = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
const messagesOf = (models: ResourceModel[]) => evaluateStack(models, ALL_RULES, SETTINGS, NOW).findings.map((f) => formatFinding(ruleById(f.ruleId)!, f));

/** A marker no detector knows: only its origin (the envelope, the mark) can keep it out of messages. */
const marker = fc.stringMatching(/^[a-z]{3}[0-9]{2}[a-z]{4}$/).map((s) => `zq${s}`);

/** Resources where `m` lands in a place some rule echoes; `wrap` decides which ancestor holds the secret mark. */
type Placement = (m: string) => { type: string; name: string; props: Record<string, unknown>; path: string[] };
const PLACES: Placement[] = [
  (m) => ({ type: T.accessKey, name: "k", props: { user: m }, path: ["user"] }),
  (m) => ({ type: T.role, name: "gha", props: { tags: { env: m }, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: GITHUB_PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}:sub`]: `repo:${m}/*` } } }) }, path: ["assumeRolePolicy"] }),
  (m) => ({ type: T.policy, name: "p", props: { policy: doc({ Sid: m, Effect: "Allow", Action: "bedrock:*", Resource: "*" }) }, path: ["policy"] }),
  (m) => ({ type: T.rolePolicyAttachment, name: "att", props: { role: m, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, path: ["role"] }),
  (m) => ({ type: T.role, name: "app", props: { tags: { owner: m, purpose: "ai" }, assumeRolePolicy: TRUST, managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/${m}`, "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"] }, path: ["managedPolicyArns"] }),
];

/** Wraps the value at `path` (or an ancestor `cut` levels up, the whole properties at most) in a secret envelope. */
function envelope(props: Record<string, unknown>, pathTo: string[], cut: number, plaintext: boolean): Record<string, unknown> {
  const wrap = (v: unknown) => (plaintext ? { [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(v) } : { [SPECIAL_SIG_KEY]: SECRET_SIG, value: v });
  const keep = Math.max(1, pathTo.length - cut);
  const out = structuredClone(props);
  let at: Record<string, unknown> = out;
  for (let i = 0; i < keep - 1; i++) at = at[pathTo[i]] as Record<string, unknown>;
  at[pathTo[keep - 1]] = wrap(at[pathTo[keep - 1]]);
  return out;
}

describe("secret by origin, at any depth", () => {
  it("values inside Pulumi secret envelopes (value or --show-secrets plaintext) never reach a message", () => {
    fc.assert(
      fc.property(marker, fc.nat({ max: PLACES.length - 1 }), fc.nat({ max: 3 }), fc.boolean(), fc.nat({ max: 3 }), (m, i, cut, plaintext, nest) => {
        clearRegisteredSecrets();
        const p = PLACES[i](m);
        let props = envelope(p.props, p.path, cut, plaintext);
        // Envelopes inside envelopes, as the engine may nest them.
        for (let k = 0; k < nest; k++) props = { ...props, [p.path[0]]: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: props[p.path[0]] } };
        const model: ResourceModel = { type: p.type, name: p.name, urn: `urn:pulumi:dev::p::${p.type}::${p.name}`, properties: unwrapSecrets(props) as Record<string, unknown>, source: "pulumi" };
        for (const text of messagesOf([model])) expect(text).not.toContain(m);
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout(60_000));

  it("values under Terraform sensitive marks (the leaf or any ancestor) never reach a message", () => {
    fc.assert(
      fc.property(marker, fc.constantFrom("leaf", "tags", "all"), (m, where) => {
        clearRegisteredSecrets();
        const after = { name: "gha", tags: { env: m }, assume_role_policy: doc({ Effect: "Allow", Principal: { Federated: GITHUB_PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { [`${GH}:sub`]: `repo:${m}/*` } } }) };
        const sensitive = where === "leaf" ? { tags: { env: true }, assume_role_policy: true } : where === "tags" ? { tags: true, assume_role_policy: true } : true;
        const plan = { format_version: "1.2", resource_changes: [{ address: "aws_iam_role.gha", type: "aws_iam_role", name: "gha", change: { actions: ["create"], after, after_unknown: {}, after_sensitive: sensitive } }, { address: "aws_iam_access_key.k", type: "aws_iam_access_key", name: "k", change: { actions: ["create"], after: { user: m }, after_unknown: {}, after_sensitive: { user: true } } }] };
        for (const text of messagesOf(resourcesFromTerraformPlan(plan))) expect(text).not.toContain(m);
      }),
      fuzzParams(100),
    );
  }, fuzzTimeout(60_000));
});

describe("names with control characters and Markdown syntax", () => {
  const nasty = fc.array(fc.constantFrom("\n", "\r", "\u001b[8m", "\u001b]52;c;eA==\u0007", "\u2028", "\t", "# ✅ Passes", "![x](http://t/p.png)", "[l](http://e)", "@team", "#123", "|", "`", "— PASS", "a", "b"), { minLength: 1, maxLength: 8 }).map((a) => a.join(""));
  it("every engine message keeps its line structure: input text never adds a line or a control character", () => {
    fc.assert(
      fc.property(nasty, nasty, (name, sid) => {
        const models: ResourceModel[] = [
          { type: T.accessKey, name, urn: `urn:pulumi:dev::p::${T.accessKey}::${name}`, properties: { user: name }, source: "pulumi" },
          { type: T.policy, name, urn: `urn:pulumi:dev::p::${T.policy}::${name}`, properties: { policy: doc({ Sid: sid, Effect: "Allow", Action: "bedrock:*", Resource: "*" }) }, source: "pulumi" },
        ];
        for (const text of messagesOf(models)) {
          const lines = text.split("\n");
          expect(lines[1]).toMatch(/^Finding: /);
          expect(lines.slice(2, 5).map((l) => l.split(":")[0])).toEqual(["Why", "Fix", "Frameworks"]);
          expect(text.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
        }
      }),
      fuzzParams(200),
    );
  }, fuzzTimeout(60_000));
});

describe("wildcard runs", () => {
  /** Reference glob semantics by dynamic programming (small sizes only). */
  function reference(p: string, v: string): boolean {
    const P = p.toLowerCase();
    const V = v.toLowerCase();
    let row = new Array(V.length + 1).fill(false);
    row[0] = true;
    for (let i = 1; i <= P.length; i++) {
      const next = new Array(V.length + 1).fill(false);
      next[0] = row[0] && P[i - 1] === "*";
      for (let j = 1; j <= V.length; j++) next[j] = P[i - 1] === "*" ? next[j - 1] || row[j] : row[j - 1] && (P[i - 1] === "?" || P[i - 1] === V[j - 1]);
      row = next;
    }
    return row[V.length];
  }
  const pat = fc.array(fc.constantFrom("*", "*", "?", "a", "b", "A", ":"), { maxLength: 14 }).map((a) => a.join(""));
  const val = fc.array(fc.constantFrom("a", "b", "B", ":"), { maxLength: 14 }).map((a) => a.join(""));
  it("matches exactly like the reference semantics", () => {
    fc.assert(
      fc.property(pat, val, (p, v) => {
        expect(wildcardMatches(p, v), `${p} ~ ${v}`).toBe(reference(p, v));
      }),
      fuzzParams(2000),
    );
  }, fuzzTimeout(60_000));
  it("star runs against long values finish (linear-time matching, no backtracking)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 300 }), fc.nat({ max: 20_000 }), fc.constantFrom("x", "?x", "a*b", ""), (stars, n, tail) => {
        expect(typeof wildcardMatches(`bedrock:${"*".repeat(stars)}${tail}`, `bedrock:${"a".repeat(n)}`)).toBe("boolean");
      }),
      fuzzParams(100),
    );
  }, fuzzTimeout(60_000));
});

describe("prototype keys", () => {
  const protoKey = fc.constantFrom("__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "prototype");
  it("as type tokens and property keys: judged like any resource, no rule fails", () => {
    fc.assert(
      fc.property(protoKey, protoKey, fc.jsonValue(), (type, key, v) => {
        const props = JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(v) ?? "null"}, "tags": {${JSON.stringify(key)}: "x"}}`);
        const model: ResourceModel = { type, name: key, urn: `urn:pulumi:dev::p::${type}::${key}`, properties: unwrapSecrets(props) as Record<string, unknown>, source: "pulumi" };
        const fs2 = evaluateStack([model], ALL_RULES, SETTINGS, NOW).findings;
        expect(fs2.filter((f) => /could not evaluate/.test(f.detail))).toEqual([]);
      }),
      fuzzParams(200),
    );
  }, fuzzTimeout(60_000));
  it("as configuration keys: a ConfigError naming the key, never a TypeError", () => {
    fc.assert(
      fc.property(protoKey, fc.boolean(), fc.jsonValue(), (key, top, v) => {
        const text = top ? `{${JSON.stringify(key)}: ${JSON.stringify(v) ?? "null"}}` : `{"no-long-lived-access-keys": {${JSON.stringify(key)}: ${JSON.stringify(v) ?? "null"}}}`;
        try {
          resolveConfig(ALL_RULES, JSON.parse(text));
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          expect((e as Error).message).toContain(key);
          expect((e as Error).message).not.toMatch(/undefined/);
        }
      }),
      fuzzParams(200),
    );
  }, fuzzTimeout(60_000));
});

describe("deep nesting in every input format", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aag-fuzz-deep-"));
  const nest = (depth: number, kind: "array" | "object") => (kind === "array" ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
  const formats: Record<string, (deep: string) => string> = {
    "stack export": (d) => `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::aws:iam/role:Role::r","type":"aws:iam/role:Role","inputs":{"tags":${d}}}]}}`,
    "preview JSON": (d) => `{"steps":[{"op":"create","urn":"urn:pulumi:s::p::aws:iam/role:Role::r","newState":{"urn":"urn:pulumi:s::p::aws:iam/role:Role::r","type":"aws:iam/role:Role","inputs":{"tags":${d}}}}]}`,
    "plan JSON": (d) => `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_role.r","type":"aws_iam_role","change":{"actions":["create"],"after":{"tags":${d}}}}]}`,
    "cdk.tf.json": (d) => `{"resource":{"aws_iam_role":{"r":{"tags":${d}}}}}`,
  };
  it("scan: a clear usage error past the limit, judged below it, never a RangeError", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(formats)), fc.integer({ min: 1, max: 12_000 }), fc.constantFrom("array" as const, "object" as const), (format, depth, kind) => {
        const file = path.join(dir, "deep.json");
        fs.writeFileSync(file, formats[format](nest(depth, kind)));
        try {
          scanFile(file, { settings: SETTINGS, now: NOW });
        } catch (e) {
          expect(e, String(e)).toBeInstanceOf(UsageError);
          expect((e as Error).message).toMatch(/nested more than 256 levels/);
        }
      }),
      fuzzParams(40),
    );
  }, fuzzTimeout(120_000));
  it("event logs: a clear usage error naming the line", () => {
    fc.assert(
      fc.property(fc.integer({ min: 257, max: 12_000 }), (depth) => {
        const file = path.join(dir, "events.jsonl");
        fs.writeFileSync(file, `{"sequence":0,"timestamp":1,"resourcePreEvent":{"metadata":{"new":{"inputs":{"tags":${nest(depth, "array")}}}}}}\n`);
        expect(() => reportFromEventLog(file)).toThrow(/line 1: values are nested more than 256 levels/);
      }),
      fuzzParams(20),
    );
  }, fuzzTimeout(120_000));
});
