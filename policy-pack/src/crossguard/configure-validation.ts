/**
 * Rejects bad configuration at `Configure`, before any resource is judged: the CLI then stops with
 * our message (policy, field, allowed values) instead of running with a silently ignored setting.
 * @pulumi/policy has no hook for this, so we wrap its `configure` handler when the gRPC service is added.
 */
import { onAnalyzerService } from "./analyzer-hooks";
import type { RuleMeta } from "../engine/types";
import { validateRuleProperties, LEVELS } from "../engine/config";
import { redact } from "../engine/secrets";

const INVALID_ARGUMENT = 3;

export function installConfigureValidation(rules: readonly RuleMeta[]): void {
  const byName = new Map(rules.map((r) => [r.name, r]));
  onAnalyzerService((impl) => {
    const configure = impl.configure as (call: unknown, cb: (err: unknown, res?: unknown) => void) => void;
    return {
      ...impl,
      configure(call: { request: { getPolicyconfigMap(): Map<string, { getProperties(): { toJavaScript(): Record<string, unknown> } | undefined }> } }, cb: (err: unknown, res?: unknown) => void) {
        const problems: string[] = [];
        try {
          for (const [name, cfg] of call.request.getPolicyconfigMap().entries()) {
            const rule = byName.get(name);
            if (!rule) continue; // the engine only sends our own policies
            const props = cfg.getProperties()?.toJavaScript() ?? {};
            problems.push(...validateRuleProperties(rule, props));
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
