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
    return original.call(this, service, isAnalyzer ? hooks.reduce((h, hook) => hook(h), impl) : impl);
  };
}
