/**
 * Issue 13 over the wire: every handler answers whatever it is sent, secrets in envelopes never come
 * back in a message (Analyze, the AnalyzeStack fast path and its fallback), Configure rejects
 * `__proto__` and out-of-enum wire levels with a message and no stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as path from "path";
import { buildAnalyzeRequest, buildAnalyzeStackRequest, type PackProcess } from "../../cli/analyzer/pack-client";
import { launchPack, secret } from "../helpers/pack";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
/* eslint-disable @typescript-eslint/no-explicit-any */
const analyzerPb: any = require(path.join(pulumiDir, "proto", "analyzer_pb.js"));
const structPb: any = require(require.resolve("google-protobuf/google/protobuf/struct_pb.js", { paths: [pulumiDir] }));
const SIG = "4dabf18193072939515e22adb298388d";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const GH = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const TRUST = doc({ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:zzwireorg/*" } } });

for (const fastPath of ["1", "0"]) {
  describe(`handlers over gRPC (AAG_STACK_FASTPATH=${fastPath})`, () => {
    let pack: PackProcess;
    beforeAll(async () => {
      pack = await launchPack({ env: { AAG_STACK_FASTPATH: fastPath } });
    });
    afterAll(async () => {
      await pack?.close();
    });

    it("Remediate and Analyze answer for an empty asset, a secret without a value and a resource reference", async () => {
      const weird = {
        code: { [SIG]: "c44067f5952c0a294b673a41bacd8c17", text: "" },
        token: { [SIG]: "1b47061264138c4ac30d75fd1eb44270" },
        role: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:dev::p::aws:iam/role:Role::r", id: "" },
      };
      const req = buildAnalyzeRequest({ type: "aws:lambda/function:Function", name: "fn", properties: weird });
      const rem: any = await pack.send("remediate", req);
      expect(rem.getRemediationsList()).toEqual([]);
      const res: any = await pack.send("analyze", req);
      expect(Array.isArray(res.getDiagnosticsList())).toBe(true);
    });

    it("Analyze never echoes a value that arrived in a secret envelope", async () => {
      const ds = await pack.analyze({ type: "aws:iam/role:Role", name: "gha", properties: { name: secret("zz-wire-role-name"), assumeRolePolicy: secret(TRUST) } });
      const text = ds.map((d) => d.message).join("\n");
      expect(text).toMatch(/AAG-006/);
      expect(text).not.toContain("zzwireorg");
      expect(text).not.toContain("zz-wire-role-name");
    });

    it("AnalyzeStack (fast path and fallback) never echoes secret values, plaintext envelopes included", async () => {
      const resources = [
        { type: "aws:iam/role:Role", name: "gha", properties: { name: secret("zz-stack-role"), assumeRolePolicy: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(TRUST) }, inlinePolicies: [{ name: "i", policy: doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" }) }], maxSessionDuration: 43200 } },
        { type: "constructor", name: "proto", properties: { __proto__: { x: 1 } } as any },
      ];
      const res: any = await pack.send("analyzeStack", buildAnalyzeStackRequest(resources));
      const text = res.getDiagnosticsList().map((d: any) => d.getMessage()).join("\n");
      expect(text).toMatch(/AAG-009/);
      expect(text).not.toContain("zz-stack-role");
      expect(text).not.toContain("zzwireorg");
      expect(text).not.toMatch(/could not be evaluated/);
    });

    it("Configure names __proto__ as an unknown setting and rejects an out-of-enum wire level, without a stack trace", async () => {
      const conf = new analyzerPb.ConfigureAnalyzerRequest();
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(1);
      // google-protobuf in JS drops a `__proto__` map key (the engine, in Go, sends it): the key is
      // written as `__PROTO__` and patched in the encoded bytes.
      pc.setProperties(structPb.Struct.fromJavaScript({ __PROTO__: { polluted: true } }));
      conf.getPolicyconfigMap().set("no-long-lived-access-keys", pc);
      const encode = conf.serializeBinary.bind(conf);
      conf.serializeBinary = () => {
        const bytes = Buffer.from(encode());
        const at = bytes.indexOf("__PROTO__");
        bytes.write("__proto__", at);
        return new Uint8Array(bytes);
      };
      const e1: any = await pack.send("configure", conf).then(() => undefined, (e) => e);
      expect(String(e1?.details ?? e1)).toMatch(/__proto__: not a setting/);
      const conf2 = new analyzerPb.ConfigureAnalyzerRequest();
      const pc2 = new analyzerPb.PolicyConfig();
      pc2.setEnforcementlevel(7);
      pc2.setProperties(structPb.Struct.fromJavaScript({}));
      conf2.getPolicyconfigMap().set("no-long-lived-access-keys", pc2);
      const e2: any = await pack.send("configure", conf2).then(() => undefined, (e) => e);
      expect(String(e2?.details ?? e2)).toMatch(/level 7, which is not one of advisory, mandatory, disabled, remediate/);
      expect(String(e2?.details ?? e2)).not.toMatch(/\n\s+at /);
    });
  });
}
