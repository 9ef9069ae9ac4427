/**
 * AnalyzeStack's request read straight from its bytes. @pulumi/policy decodes it into google-protobuf
 * messages (a Struct, Value and ListValue object per property value), which took most of a 10,000-resource
 * call before any rule ran; protobufjs decodes the same bytes several times faster, and the values are
 * converted as `Struct.toJavaScript()` converts them.
 *
 * Exactness comes first: whenever the bytes hold something the two decoders could read differently (a
 * value with no kind or two kinds, a `__proto__` key, nesting deeper than the engine follows) the
 * answer is "not plain", and the request goes the google-protobuf way as before. A google-protobuf
 * message is still built on demand for every reader that asks for one (the per-policy fallback).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { MAX_VALUE_DEPTH } from "../model/values";

/** One resource of the request, as the one-pass stack handler reads it. */
export interface PlainStackResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string;
  /** `Struct.toJavaScript()` of its properties (an empty object when it has none). */
  readonly properties: Record<string, unknown>;
  readonly propertyDependencies: Record<string, string[]>;
}

class NotPlain extends Error {}

let decoder: any | null | undefined;
let readerFor: ((bytes: Uint8Array) => any) | undefined;

/**
 * A protobufjs reader whose strings must be valid UTF-8: the two decoders repair invalid bytes (a lone
 * surrogate written as three bytes, an overlong form) differently, so such a request is not plain.
 */
function strictReader(bytes: Uint8Array): any {
  return readerFor!(bytes);
}

/** The protobufjs type of the request (the fields the pack reads), or null when protobufjs cannot be loaded. */
function requestType(): any | null {
  if (decoder !== undefined) return decoder;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const protobuf = require("protobufjs");
    const struct = protobuf.common.get("google/protobuf/struct.proto");
    const root = protobuf.Root.fromJSON({
      nested: {
        google: struct.nested.google,
        pulumirpc: {
          nested: {
            AnalyzerPropertyDependencies: { fields: { urns: { rule: "repeated", type: "string", id: 1 } } },
            AnalyzerResource: {
              fields: {
                type: { type: "string", id: 1 },
                properties: { type: "google.protobuf.Struct", id: 2 },
                urn: { type: "string", id: 3 },
                name: { type: "string", id: 4 },
                parent: { type: "string", id: 7 },
                propertyDependencies: { keyType: "string", type: "AnalyzerPropertyDependencies", id: 9 },
              },
            },
            AnalyzeStackRequest: { fields: { resources: { rule: "repeated", type: "AnalyzerResource", id: 1 } } },
          },
        },
      },
    });
    decoder = root.lookupType("pulumirpc.AnalyzeStackRequest");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { isUtf8 } = require("buffer") as { isUtf8?: (b: Uint8Array) => boolean };
    if (typeof isUtf8 !== "function") throw new Error("no buffer.isUtf8");
    readerFor = (bytes) => {
      const reader = protobuf.Reader.create(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
      reader.string = function (this: any): string {
        const len = this.uint32();
        const start = this.pos;
        const end = Math.min(start + len, this.len);
        this.pos = end;
        const slice = this.buf.subarray(start, end);
        if (!isUtf8(slice)) throw new NotPlain();
        return slice.toString("utf8");
      };
      return reader;
    };
  } catch {
    decoder = null;
  }
  return decoder;
}

const KINDS = ["nullValue", "numberValue", "stringValue", "boolValue", "structValue", "listValue"] as const;
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** A decoded map field as a plain object; a `__proto__` key (which assignment would turn into a prototype) is not plain. */
function mapEntries(map: unknown): Array<[string, any]> {
  if (map === undefined || map === null) return [];
  if (typeof map !== "object" || Object.getPrototypeOf(map) !== Object.prototype || has(map, "__proto__")) throw new NotPlain();
  return Object.entries(map as Record<string, any>);
}

function valueOf(v: any, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH * 4) throw new NotPlain();
  let kind: (typeof KINDS)[number] | undefined;
  for (const k of KINDS) {
    if (!has(v, k) || v[k] === undefined || v[k] === null) continue;
    // Two kinds on the wire: google-protobuf keeps the last one read; not decided here.
    if (kind) throw new NotPlain();
    kind = k;
  }
  switch (kind) {
    case "nullValue":
      return null;
    case "numberValue":
      return v.numberValue;
    case "stringValue":
      return v.stringValue;
    case "boolValue":
      return v.boolValue;
    case "structValue":
      return structOf(v.structValue, depth + 1);
    case "listValue":
      return (v.listValue.values ?? []).map((x: any) => valueOf(x, depth + 1));
    default:
      // `toJavaScript()` throws on a value with no kind: left to that path.
      throw new NotPlain();
  }
}

function structOf(s: any, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of mapEntries(s.fields)) out[k] = valueOf(v, depth);
  return out;
}

/**
 * The request's resources, or undefined when protobufjs is not there or the bytes hold something only
 * the google-protobuf path decides (see the module comment). Throws nothing.
 */
export function plainStackResources(bytes: Uint8Array): PlainStackResource[] | undefined {
  const type = requestType();
  if (!type) return undefined;
  try {
    const message = type.decode(strictReader(bytes));
    return (message.resources ?? []).map((r: any): PlainStackResource => {
      const deps: Record<string, string[]> = {};
      for (const [k, v] of mapEntries(r.propertyDependencies)) deps[k] = [...(v.urns ?? [])];
      return {
        type: r.type ?? "",
        name: r.name ?? "",
        urn: r.urn ?? "",
        parent: r.parent ?? "",
        properties: r.properties ? structOf(r.properties, 0) : {},
        propertyDependencies: deps,
      };
    });
  } catch {
    // NotPlain, or bytes protobufjs refuses: the google-protobuf path reads (or rejects) them as before.
    return undefined;
  }
}
