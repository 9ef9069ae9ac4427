/**
 * Every gRPC handler answers, whatever it is sent, and no answer carries a secret value or a stack
 * trace. Outermost hook on the Analyzer service (installed last):
 * - requests are read once before the handlers see them: values inside secret envelopes are
 *   registered as secret (so every message masks them, secret-values.ts), and the special objects
 *   @pulumi/policy cannot deserialize (a secret without a value, an asset or archive with nothing in
 *   it, a resource reference, an unknown signature, nesting deeper than the engine follows) become
 *   what the rules understand: the resource's ID or URN, or the unknown sentinel ("cannot validate");
 * - Remediate is answered here: no policy of this pack remediates, and @pulumi/policy deserializes
 *   the request outside its own try, so a bad request used to leave the call unanswered;
 * - a handler that throws, rejects or answers an error for an Analyze call answers instead with an
 *   advisory "could not evaluate" diagnostic per policy (a preview is never broken by the pack);
 *   Configure errors stay errors, without stack traces, redacted;
 * - diagnostics' messages pass through redact() once more on the way out.
 */
import type { RuleMeta } from "../engine/types";
import { redact, redactOnce } from "../engine/secrets";
import { registerSecret } from "../engine/secret-values";
import { MAX_VALUE_DEPTH, SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN, isRecord, setOwn } from "../model/values";
import { onAnalyzerService, policyModule, stackRequestBytes } from "./analyzer-hooks";
import { rememberStructValue, structValue } from "./request-values";

/* eslint-disable @typescript-eslint/no-explicit-any */
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const INVALID_ARGUMENT = 3;

const nonEmpty = (v: unknown) => typeof v === "string" && v !== "";

/**
 * The request value as the rules should see it, and whether anything had to change. Secret
 * envelopes with a value stay envelopes (@pulumi/policy unwraps them) after their value is registered.
 */
export function sanitizeWireValue(value: unknown, depth = 0): { value: unknown; changed: boolean } {
  if (depth > MAX_VALUE_DEPTH) return { value: UNKNOWN, changed: true };
  // Copy on write: this runs on every request, and most values need no change.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const r = sanitizeWireValue(value[i], depth + 1);
      if (r.changed && !out) out = value.slice(0, i);
      if (out) out.push(r.value);
    }
    return out ? { value: out, changed: true } : { value, changed: false };
  }
  if (!isRecord(value)) return { value, changed: false };
  const sig = value[SPECIAL_SIG_KEY];
  if (sig !== undefined) {
    if (sig === SECRET_SIG) {
      if (!("value" in value) || value.value === undefined) return { value: UNKNOWN, changed: true };
      registerSecret(value.value);
      const inner = sanitizeWireValue(value.value, depth + 1);
      return inner.changed ? { value: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: inner.value }, changed: true } : { value, changed: false };
    }
    if (sig === ASSET_SIG) return nonEmpty(value.path) || nonEmpty(value.text) || nonEmpty(value.uri) ? { value, changed: false } : { value: UNKNOWN, changed: true };
    if (sig === ARCHIVE_SIG) {
      if (isRecord(value.assets)) {
        const inner = sanitizeWireValue(value.assets, depth + 1);
        const broken = Object.values(inner.value as Record<string, unknown>).some((a) => !isRecord(a));
        return broken ? { value: UNKNOWN, changed: true } : inner.changed ? { value: { ...value, assets: inner.value }, changed: true } : { value, changed: false };
      }
      return nonEmpty(value.path) || nonEmpty(value.uri) ? { value, changed: false } : { value: UNKNOWN, changed: true };
    }
    // A resource reference stands for the resource: its ID once known (as the provider receives it), else its URN.
    if (sig === RESOURCE_SIG) return { value: nonEmpty(value.id) ? value.id : nonEmpty(value.urn) ? value.urn : UNKNOWN, changed: true };
    return { value: UNKNOWN, changed: true };
  }
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const r = sanitizeWireValue(value[keys[i]], depth + 1);
    if (r.changed && !out) {
      out = {};
      for (let j = 0; j < i; j++) setOwn(out, keys[j], value[keys[j]]);
    }
    if (out) setOwn(out, keys[i], r.value);
  }
  return out ? { value: out, changed: true } : { value, changed: false };
}

/** Rewrites one protobuf Struct holder (`getProperties`/`setProperties`) when its value needed sanitizing. */
function sanitizeHolder(holder: any): void {
  const struct = holder?.getProperties?.();
  if (!struct) return;
  const r = sanitizeWireValue(structValue(struct));
  if (r.changed) {
    const sanitized = struct.constructor.fromJavaScript(r.value);
    rememberStructValue(sanitized, r.value);
    holder.setProperties(sanitized);
  }
}

function sanitizeRequest(method: string, req: any): void {
  if (method === "analyze" || method === "remediate") sanitizeHolder(req);
  else if (method === "analyzeStack") {
    const bytes = stackRequestBytes(req);
    if (!bytes) {
      for (const r of req.getResourcesList?.() ?? []) sanitizeHolder(r);
      return;
    }
    // Read from its bytes: the same sanitizing on the plain values, and on the message if a reader has it built.
    const list = bytes.plain;
    for (let i = 0; i < list.length; i++) {
      const r = sanitizeWireValue(list[i].properties);
      if (r.changed) list[i] = { ...list[i], properties: r.value as Record<string, unknown> };
    }
    bytes.sanitized = true;
    bytes.onMessage((message) => {
      for (const r of message.getResourcesList?.() ?? []) sanitizeHolder(r);
    });
  }
}

const errorName = (e: unknown) => (e instanceof Error ? e.name : "error");

export function installHandlerGuard(packName: string, rules: readonly RuleMeta[]): void {
  const protoutil = policyModule("./protoutil.js");
  const noticeFor = (method: string, e: unknown) =>
    rules.map((rule) => ({
      policyName: rule.name,
      policyPackName: packName,
      policyPackVersion: "0.0.0",
      description: `${rule.id}: ${rule.title}`,
      message: `[${rule.id}] cannot validate: the ${method === "analyzeStack" ? "stack" : "resource"} could not be evaluated (${errorName(e)}); it was not judged.\nWhy: the request could not be read. This is not a pass.`,
      enforcementLevel: "advisory",
    }));
  const scrubbed = (res: any) => {
    for (const d of res?.getDiagnosticsList?.() ?? []) d.setMessage(redactOnce(d.getMessage()));
    return res;
  };

  onAnalyzerService((impl) => {
    const out: Record<string, any> = { ...impl };
    for (const [method, handler] of Object.entries(impl)) {
      if (typeof handler !== "function") continue;
      out[method] = function (this: unknown, call: any, cb: (err: unknown, res?: unknown) => void) {
        let answered = false;
        const answer = (err: unknown, res?: unknown) => {
          if (answered) return;
          answered = true;
          cb(err, res);
        };
        const fail = (e: unknown) => {
          if (method === "analyze" || method === "analyzeStack") answer(undefined, protoutil.makeAnalyzeResponse(noticeFor(method, e), undefined));
          else answer({ code: INVALID_ARGUMENT, details: redact(`ai-access-guard: ${method} failed (${errorName(e)})`), message: `${method} failed` });
        };
        try {
          if (method === "remediate") {
            // No policy of this pack remediates: answer "nothing to change" without deserializing anything.
            return answer(undefined, protoutil.makeRemediateResponse([], undefined));
          }
          sanitizeRequest(method, call.request);
          const result = handler.call(this, call, (err: unknown, res?: unknown) => {
            if (!err) return answer(undefined, scrubbed(res));
            if (method === "analyze" || method === "analyzeStack") return fail(err);
            // Configure and the rest: keep the error, drop any stack trace, redact what it quotes.
            const e = err as { code?: number; details?: string; message?: string };
            const text = String(e.details ?? e.message ?? "error").split(/\n\s+at /)[0];
            answer({ ...e, code: e.code ?? INVALID_ARGUMENT, details: redact(text), message: redact(String(e.message ?? text).split(/\n\s+at /)[0]) });
          });
          if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(undefined, fail);
        } catch (e) {
          fail(e);
        }
      };
    }
    return out;
  });
}
