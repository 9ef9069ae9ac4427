/** Renderers on hand-built reports: Mermaid escaping, redaction of labels, Markdown cells. */
import { describe, expect, it } from "vitest";
import { mermaidLabel, renderMarkdown, renderMermaid } from "../../cli/report/markdown";
import { parseDiagnostic, resourceFromUrn } from "../../cli/report/parse-message";
import { buildAccessMap } from "../../cli/report/access-map";
import { buildStackView, type ResourceModel } from "../../policy-pack/src";
import type { Report } from "../../cli/report/model";

describe("Mermaid labels", () => {
  it("turns every character Mermaid or Markdown could read as syntax into an entity code", () => {
    const l = mermaidLabel('role "x"]; click e1 href "javascript:alert(1)" <b>|`{}#');
    expect(l.replace(/#[0-9]+;/g, "")).not.toMatch(/["<>[\]{}|;`#]/);
    expect(l).toContain("#34;");
    expect(l).toContain("#60;b#62;");
  });
  it("maps built from resources carry no secret and stay parseable", () => {
    const UNK = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const r = (type: string, name: string, properties: Record<string, unknown>): ResourceModel => ({ type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, properties, source: "pulumi" });
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:sub": 'repo:a/"b"]:ref:sk-proj-Tq8vR2mXw9LpZ4kD7nB3cY6hJ1sF5gA0eU' } } }] });
    const view = buildStackView([
      r("aws:iam/role:Role", 'ro"le', { assumeRolePolicy: trust, name: 'ro"le', inlinePolicies: [{ name: "ai", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" }] }) }] }),
      r("aws:iam/role:Role", "later", { assumeRolePolicy: UNK }),
    ]);
    const map = buildAccessMap(view, []);
    const mermaid = renderMermaid(map);
    expect(mermaid).not.toContain("Tq8vR2mXw9");
    expect(mermaid).toContain("sk-proj-****");
    for (const line of mermaid.split("\n").slice(1)) {
      // every quoted label is closed on its line and holds no raw quote
      expect((line.match(/"/g) ?? []).length % 2).toBe(0);
    }
    const report: Report = { command: "scan", input: { kind: "pulumi-stack-export", path: "x|y.json" }, resourceCount: 2, findings: [], accessMap: map, notes: [] };
    const md = renderMarkdown(report);
    expect(md).toContain("x\\|y.json");
  });
});

describe("reading messages back", () => {
  it("URNs with nested types and names with ::", () => {
    expect(resourceFromUrn("urn:pulumi:dev::p::my:comp:Path$aws:iam/role:Role::a::b")).toEqual({ urn: "urn:pulumi:dev::p::my:comp:Path$aws:iam/role:Role::a::b", type: "aws:iam/role:Role", name: "a::b" });
  });
  it("a waiver reason holding '): ' and a message of another pack", () => {
    const f = parseDiagnostic({
      policyName: "no-broad-managed-policies",
      enforcementLevel: "advisory",
      urn: "urn:pulumi:dev::p::aws:iam/rolePolicyAttachment:RolePolicyAttachment::att",
      message: '[AAG-005] waived until 2099-01-01 (see (PLAT-1): ok): RolePolicyAttachment "att" attaches X.\nFinding: AAG-005 ManagedPolicy::X\nWhy: w\nFix: f\nFrameworks: NHI5\n',
    });
    expect(f).toMatchObject({ ruleId: "AAG-005", category: "waived", findingId: "ManagedPolicy::X", waiver: { expires: "2099-01-01", reason: "see (PLAT-1): ok" } });
    const other = parseDiagnostic({ policyName: "s3-no-public-read", enforcementLevel: "mandatory", message: "Prohibits public buckets.\nBucket acl is public-read, key AKIAZ3MPLEQ7R2T4V6XY" });
    expect(other).toMatchObject({ ruleId: "s3-no-public-read", category: "mandatory" });
    expect(other.message).not.toContain("AKIAZ3MPLEQ7R2T4V6XY");
  });
});
