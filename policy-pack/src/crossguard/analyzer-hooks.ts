/**
 * One place that hooks @pulumi/policy's gRPC Analyzer service. @pulumi/policy has no extension
 * points for Configure or AnalyzeStack, so the pack wraps handlers when the service is added to
 * the server (before it serves). Every hook is a function from handlers to handlers.
 */
import * as path from "path";
import { plainStackResources, type PlainStackResource } from "./stack-request";

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

/** What a lazily decoded AnalyzeStack request carries besides the message (see `lazyStackRequest`). */
export interface StackRequestBytes {
  /** The resources read from the bytes with protobufjs; the handler guard replaces their properties with sanitized ones. */
  readonly plain: PlainStackResource[];
  /** Set by the handler guard once `plain` is sanitized (only then may a handler read it). */
  sanitized: boolean;
  /** Runs `fn` on the google-protobuf message when (and if) a reader makes it be built. */
  onMessage(fn: (message: any) => void): void;
}

const LAZY = Symbol("ai-access-guard.stackRequestBytes");

/** The plain resources of an AnalyzeStack request, when it was read from its bytes. */
export function stackRequestBytes(request: unknown): StackRequestBytes | undefined {
  return request !== null && typeof request === "object" ? ((request as any)[LAZY] as StackRequestBytes | undefined) : undefined;
}

/**
 * The request as a stand-in for its google-protobuf message: the message is decoded from the same
 * bytes the first time any reader touches it (every property, method, `instanceof` goes to it), so a
 * call the one-pass handler answers never builds it.
 */
function lazyStackRequest(plain: PlainStackResource[], decode: () => any): unknown {
  let message: any;
  const pending: Array<(m: any) => void> = [];
  const full = () => {
    if (message === undefined) {
      message = decode();
      for (const fn of pending.splice(0)) fn(message);
    }
    return message;
  };
  const state: StackRequestBytes = {
    plain,
    sanitized: false,
    onMessage(fn) {
      if (message === undefined) pending.push(fn);
      else fn(message);
    },
  };
  return new Proxy(Object.create(null), {
    get(_t, prop) {
      if (prop === LAZY) return state;
      const m = full();
      const v = Reflect.get(m, prop, m);
      return typeof v === "function" ? v.bind(m) : v;
    },
    set: (_t, prop, value) => Reflect.set(full(), prop, value),
    has: (_t, prop) => prop === LAZY || Reflect.has(full(), prop),
    getPrototypeOf: () => Object.getPrototypeOf(full()),
    ownKeys: () => Reflect.ownKeys(full()),
    getOwnPropertyDescriptor(_t, prop) {
      const d = Reflect.getOwnPropertyDescriptor(full(), prop);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}

function withByteHooks(service: any): any {
  if (!service || typeof service !== "object") return service;
  const out: any = { ...service };
  const stack = service.analyzeStack;
  if (process.env.AAG_STACK_BYTES !== "0" && stack && typeof stack.requestDeserialize === "function" && !byteHooks.has("analyzeStack")) {
    out.analyzeStack = {
      ...stack,
      requestDeserialize: (bytes: Buffer) => {
        const plain = plainStackResources(bytes);
        // Not plain (or no protobufjs): decoded as before, and rejected as before when it is not a request.
        return plain ? lazyStackRequest(plain, () => stack.requestDeserialize(bytes)) : stack.requestDeserialize(bytes);
      },
    };
  }
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
