/** The access-path map: logical names, edges painted only by findings about them, front doors, tools and AI secrets. */
import { describe, expect, it } from "vitest";
import { ALL_RULES, evaluateStack, resolveConfig, T, type ResourceModel } from "../../policy-pack/src";
import { buildAccessMap } from "../../cli/report/access-map";
import { fromJudged, type AccessMap } from "../../cli/report/model";
import { doc, MODEL_ARN } from "../helpers/engine";

const NOW = new Date("2026-11-28T00:00:00Z");
const ACCOUNT = "123456789012";
function r(type: string, name: string, properties: Record<string, unknown>): ResourceModel {
  return { type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, properties, source: "pulumi" };
}
function mapOf(resources: ResourceModel[]): AccessMap {
  const { findings, view } = evaluateStack(resources, ALL_RULES, resolveConfig(ALL_RULES, {}), NOW);
  return buildAccessMap(view, findings.map((f) => fromJudged(f)));
}
const label = (m: AccessMap, id: string) => m.nodes.find((n) => n.id === id)!.label;
const lines = (m: AccessMap) => m.edges.map((e) => `${label(m, e.from)} -> ${label(m, e.to)}${e.violations.length ? ` [${e.violations.map((v) => v.split(" ")[0]).join(",")}]` : ""}`);

const lambdaTrust = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
const KB_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT}:knowledge-base/KB1`;

describe("access-path map", () => {
  it("names resources by logical name, as findings do, not by the physical name", () => {
    const role = r(T.role, "gha-deploy", { name: "gha-deploy-0a1b2c3", arn: `arn:aws:iam::${ACCOUNT}:role/gha-deploy-0a1b2c3`, assumeRolePolicy: lambdaTrust, inlinePolicies: [{ name: "ai", policy: doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN }) }] });
    const m = mapOf([role]);
    expect(m.nodes.map((n) => n.label)).toContain('role "gha-deploy"');
    expect(m.nodes.map((n) => n.label).join(" ")).not.toContain("0a1b2c3");
  });

  it("paints only the edge a principal-level finding is about, not the legitimate knowledge-base edge", () => {
    const role = r(T.role, "agent-app", { name: "agent-app", arn: `arn:aws:iam::${ACCOUNT}:role/agent-app`, assumeRolePolicy: lambdaTrust, inlinePolicies: [{ name: "kb", policy: doc({ Effect: "Allow", Action: "bedrock:Retrieve", Resource: KB_ARN }) }] });
    const attach = r(T.rolePolicyAttachment, "agent-app-full", { role: "agent-app", policyArn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess" });
    const m = mapOf([role, attach]);
    const kb = m.edges.find((e) => label(m, e.to).includes("knowledge-base/KB1"))!;
    expect(kb.violations).toEqual([]);
    const full = m.edges.find((e) => e.label === "bedrock:*")!;
    // The attachment's own finding (AAG-005) and the principal's control-action finding (AAG-011) both name this reach.
    expect(full.violations.map((v) => v.split(" ")[0]).sort()).toEqual(expect.arrayContaining(["AAG-005", "AAG-011"]));
  });

  it("shows an AI secret and the role that reads it", () => {
    const role = r(T.role, "agent", { name: "agent", arn: `arn:aws:iam::${ACCOUNT}:role/agent`, assumeRolePolicy: lambdaTrust, inlinePolicies: [{ name: "s", policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/openai-key-AbCdEf` }) }] });
    const secret = r(T.secret, "openai", { name: "prod/openai-key", arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/openai-key-AbCdEf` });
    expect(lines(mapOf([role, secret]))).toContain('role "agent" -> Secret "openai"');
  });

  it("counts as AI secrets what the rules' aiSecretKeywords setting counts, so the map agrees with the findings", () => {
    const arn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/acmeai-key-AbCdEf`;
    const role = r(T.role, "agent", { name: "agent", arn: `arn:aws:iam::${ACCOUNT}:role/agent`, assumeRolePolicy: lambdaTrust, inlinePolicies: [{ name: "s", policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: arn }) }] });
    const secret = r(T.secret, "acme", { name: "prod/acmeai-key", arn });
    const drawn = (settings: ReturnType<typeof resolveConfig>) => {
      const { findings, view } = evaluateStack([role, secret], ALL_RULES, settings, NOW);
      return lines(buildAccessMap(view, findings.map((f) => fromJudged(f)), settings));
    };
    expect(drawn(resolveConfig(ALL_RULES, {}))).not.toContain('role "agent" -> Secret "acme"');
    const custom = resolveConfig(ALL_RULES, { "ai-secrets-rotated": { aiSecretKeywords: ["acmeai"] } });
    expect(drawn(custom)).toContain('role "agent" -> Secret "acme"');
  });

  it("gives a pod-identity role one entry point, its association", () => {
    const trust = doc({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"], Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } });
    const role = r(T.role, "pod", { name: "pod", arn: `arn:aws:iam::${ACCOUNT}:role/pod`, assumeRolePolicy: trust, inlinePolicies: [{ name: "ai", policy: doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN }) }] });
    const assoc = r(T.podIdentityAssociation, "assoc", { clusterName: "c", namespace: "ai", serviceAccount: "agent", roleArn: `arn:aws:iam::${ACCOUNT}:role/pod` });
    const m = mapOf([role, assoc]);
    expect(m.edges.filter((e) => label(m, e.to) === 'role "pod"').map((e) => label(m, e.from))).toEqual(["EKS pod identity ai/agent"]);
  });

  it("draws front doors and tools, and paints the open door, not the rest of the path", () => {
    const role = r(T.role, "chat", { name: "chat", arn: `arn:aws:iam::${ACCOUNT}:role/chat`, assumeRolePolicy: lambdaTrust, inlinePolicies: [{ name: "ai", policy: doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: MODEL_ARN }) }] });
    const fn = r(T.lambdaFunction, "chat", { name: "chat", arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:chat`, role: role.properties.arn });
    const url = r(T.lambdaFunctionUrl, "chat-url", { functionName: "chat", authorizationType: "NONE" });
    const l = lines(mapOf([role, fn, url]));
    expect(l).toEqual(expect.arrayContaining(['anyone on the internet -> FunctionUrl "chat-url" [AAG-020]', 'FunctionUrl "chat-url" -> Function "chat"', 'Function "chat" -> role "chat"']));
  });
});
