/**
 * Rejects bad configuration at `Configure`, before any resource is judged: the CLI then stops with
 * our message (policy, field, allowed values) instead of running with a silently ignored setting.
 * @pulumi/policy has no hook for this, so we wrap its `configure` handler when the gRPC service is added.
 */
import { onAnalyzerService, onRequestBytes } from "./analyzer-hooks";

/**
 * A map key `__proto__` as protobuf encodes it (field 1, length 9). google-protobuf keeps map
 * entries in a plain object and loses this key while decoding, so it is looked for in the bytes.
 */
const PROTO_KEY = Buffer.from([0x0a, 0x09, ...Buffer.from("__proto__")]);
const lostProtoKey = new WeakSet<object>();
import type { RuleMeta } from "../engine/types";
import { validateRuleProperties, LEVELS } from "../engine/config";
import { redact } from "../engine/secrets";
import { setOwn } from "../model/values";

/** Wire enforcement levels (pulumirpc.EnforcementLevel), in enum order. */
const WIRE_LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The properties of one policy's config as sent, every key kept: Struct.toJavaScript assigns
 * `__proto__` as the prototype (the key vanishes, silently accepted), so fields are read one by one.
 */
function propertiesOf(cfg: any): Record<string, unknown> {
  const struct = cfg.getProperties?.();
  if (!struct) return {};
  const out: Record<string, unknown> = {};
  const fields = struct.getFieldsMap?.();
  if (!fields) return struct.toJavaScript() ?? {};
  for (const [k, v] of fields.entries()) setOwn(out, k, v?.toJavaScript?.());
  return out;
}

const INVALID_ARGUMENT = 3;

export function installConfigureValidation(rules: readonly RuleMeta[]): void {
  const byName = new Map(rules.map((r) => [r.name, r]));
  onRequestBytes("configure", (bytes, message) => {
    if (message && typeof message === "object" && Buffer.from(bytes).includes(PROTO_KEY)) lostProtoKey.add(message);
  });
  onAnalyzerService((impl) => {
    const configure = impl.configure as (call: unknown, cb: (err: unknown, res?: unknown) => void) => void;
    return {
      ...impl,
      configure(call: any, cb: (err: unknown, res?: unknown) => void) {
        const problems: string[] = [];
        if (lostProtoKey.has(call.request)) problems.push(`__proto__: not a setting of any policy (a key named __proto__ is never a setting; remove it)`);
        try {
          for (const [name, cfg] of call.request.getPolicyconfigMap().entries()) {
            const rule = byName.get(name);
            if (!rule) continue; // the engine only sends our own policies
            const wire = cfg.getEnforcementlevel?.();
            if (wire !== undefined && !(Number.isInteger(wire) && wire >= 0 && wire < WIRE_LEVELS.length)) {
              problems.push(`${name}.enforcementLevel: the engine sent level ${JSON.stringify(wire)}, which is not one of ${WIRE_LEVELS.join(", ")}; set one of ${LEVELS.join(", ")}`);
            }
            problems.push(...validateRuleProperties(rule, propertiesOf(cfg)));
          }
        } catch {
          problems.push(`configuration could not be read; expected per policy: enforcementLevel (${LEVELS.join(", ")}) and the policy's settings`);
        }
        if (problems.length > 0) {
          cb({ code: INVALID_ARGUMENT, details: redact(`invalid ai-access-guard policy configuration:\n  - ${problems.join("\n  - ")}`), message: "invalid configuration" });
          return;
        }
        configure(call, cb);
      },
    };
  });
}
