/**
 * One place that hooks @pulumi/policy's gRPC Analyzer service. @pulumi/policy has no extension
 * points for Configure or AnalyzeStack, so the pack wraps handlers when the service is added to
 * the server (before it serves). Every hook is a function from handlers to handlers.
 */
import * as path from "path";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnalyzerHandlers = Record<string, any>;
export type AnalyzerHook = (impl: AnalyzerHandlers) => AnalyzerHandlers;

const hooks: AnalyzerHook[] = [];
let patched = false;
/** Per method: sees each request's raw bytes next to the decoded message (what decoding loses). */
const byteHooks = new Map<string, Array<(bytes: Buffer, message: any) => void>>();

/** Registers a look at the raw bytes of `method` requests, before the handlers run. */
export function onRequestBytes(method: string, hook: (bytes: Buffer, message: any) => void): void {
  byteHooks.set(method, [...(byteHooks.get(method) ?? []), hook]);
  onAnalyzerService((impl) => impl);
}

function withByteHooks(service: any): any {
  if (!service || typeof service !== "object") return service;
  const out: any = { ...service };
  for (const [method, list] of byteHooks) {
    const def = service[method];
    if (!def || typeof def.requestDeserialize !== "function") continue;
    out[method] = {
      ...def,
      requestDeserialize: (bytes: Buffer) => {
        const message = def.requestDeserialize(bytes);
        for (const h of list) h(bytes, message);
        return message;
      },
    };
  }
  return out;
}

/** @pulumi/policy's own copy of a module (grpc-js, its protoutil), so `instanceof` checks hold. */
export function policyModule(id: string): any {
  const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
  return require(id.startsWith(".") ? path.join(policyDir, id) : require.resolve(id, { paths: [policyDir] }));
}

/** Registers a hook on the Analyzer service; hooks apply in registration order. */
export function onAnalyzerService(hook: AnalyzerHook): void {
  hooks.push(hook);
  if (patched) return;
  patched = true;
  const grpc = policyModule("@grpc/grpc-js");
  const original = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service: unknown, impl: AnalyzerHandlers) {
    const isAnalyzer = impl && typeof impl.analyze === "function" && typeof impl.configure === "function" && typeof impl.analyzeStack === "function";
    return isAnalyzer ? original.call(this, withByteHooks(service), hooks.reduce((h, hook) => hook(h), impl)) : original.call(this, service, impl);
  };
}
