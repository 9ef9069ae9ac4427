/**
 * AnalyzeStack read from its bytes (protobufjs) says exactly what @pulumi/policy's google-protobuf
 * message says, or declines (undefined) and leaves the request to that path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as protobuf from "protobufjs";
import { buildAnalyzeStackRequest, type AnalyzedResource } from "../../cli/analyzer/pack-client";
import { plainStackResources } from "../../policy-pack/src/crossguard/stack-request";
import { generateStack } from "../../bench/generate";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pb = require("@pulumi/pulumi/proto/analyzer_pb.js");

/* eslint-disable @typescript-eslint/no-explicit-any */
function fromMessage(bytes: Uint8Array) {
  return pb.AnalyzeStackRequest.deserializeBinary(bytes).getResourcesList().map((r: any) => {
    const deps: Record<string, string[]> = {};
    r.getPropertydependenciesMap()?.forEach((v: any, k: string) => (deps[k] = v.getUrnsList()));
    return { type: r.getType(), name: r.getName(), urn: r.getUrn(), parent: r.getParent(), properties: r.getProperties() ? r.getProperties().toJavaScript() : {}, propertyDependencies: deps };
  });
}
const bytesOf = (resources: AnalyzedResource[]) => buildAnalyzeStackRequest(resources).serializeBinary() as Uint8Array;
/** Equal, and with every object's keys in the same order. */
const same = (a: unknown, b: unknown) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

describe("AnalyzeStack read from its bytes", () => {
  it("gives the message's resources for the bench's stack", () => {
    const resources = generateStack(600).map((r) => ({ type: r.type, name: r.name, urn: r.urn, properties: r.outputs as Record<string, unknown>, propertyDependencies: { role: [`urn:x:${r.name}`] } }));
    const bytes = bytesOf(resources);
    same(plainStackResources(bytes), fromMessage(bytes));
  });

  it("gives the message's values for any JSON properties (unicode, numbers, nulls, nesting, integer-like keys)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string(), props: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 6 })) }), { maxLength: 6 }), (items) => {
        const bytes = bytesOf(items.map((x, i) => ({ type: "aws:iam/role:Role", name: x.name, urn: `urn:${i}`, properties: x.props })));
        const plain = plainStackResources(bytes);
        expect(plain).toBeDefined();
        same(plain, fromMessage(bytes));
      }),
      { numRuns: 300 },
    );
  });

  // Bytes the google-protobuf path and protobufjs could read differently: hand-written.
  const w = () => protobuf.Writer.create();
  const request = (value: (x: protobuf.Writer) => void, key = "k") => {
    const entry = w().uint32(10).string(key).uint32(18).fork();
    value(entry);
    const struct = w().uint32(10).bytes(entry.ldelim().finish());
    const resource = w().uint32(10).string("aws:iam/role:Role").uint32(18).bytes(struct.finish()).uint32(26).string("urn:1").uint32(34).string("r");
    return w().uint32(10).bytes(resource.finish()).finish();
  };
  it.each([
    ["a value with two kinds", request((x) => x.uint32(17).double(1).uint32(26).string("s"))],
    ["a value with no kind", request(() => undefined)],
    ["a __proto__ key", request((x) => x.uint32(26).string("s"), "__proto__")],
    ["invalid UTF-8 (a lone surrogate as three bytes)", (() => { const b = Buffer.from(request((x) => x.uint32(26).string("abc"))); const at = b.indexOf("abc"); b[at] = 0xed; b[at + 1] = 0xbf; b[at + 2] = 0xbf; return b; })()],
    ["truncated bytes", request((x) => x.uint32(26).string("some text")).slice(0, 20)],
  ])("declines %s", (_label, bytes) => {
    expect(plainStackResources(bytes)).toBeUndefined();
  });

  it("reads a value with a string kind like the message does (the hand-written bytes are well formed)", () => {
    const bytes = request((x) => x.uint32(26).string("s"));
    same(plainStackResources(bytes), fromMessage(bytes));
  });
});
