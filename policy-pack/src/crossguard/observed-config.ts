/**
 * Observes `Configure` once for the whole pack: the configuration generation (so per-policy
 * settings are merged once per Configure, not per resource and policy) and each policy's level and
 * properties as the engine sent them (for the one-pass AnalyzeStack).
 */
import { onAnalyzerService } from "./analyzer-hooks";

export type WireLevel = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: WireLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

export interface ConfiguredPolicy {
  readonly level?: WireLevel;
  readonly properties: Record<string, unknown>;
}

let epoch = 0;
let installed = false;
let configured: ReadonlyMap<string, ConfiguredPolicy> = new Map();

/** The current configuration generation, or undefined when Configure is not observed (no caching then). */
export function configEpoch(): number | undefined {
  return installed ? epoch : undefined;
}

/** Each policy's configuration from the last successful Configure. */
export function configuredPolicies(): ReadonlyMap<string, ConfiguredPolicy> {
  return configured;
}

export function installObservedConfig(): void {
  if (installed) return;
  installed = true;
  onAnalyzerService((impl) => ({
    ...impl,
    /* eslint-disable-next-line @typescript-eslint/no-explicit-any */
    configure(call: any, cb: (err: unknown, res?: unknown) => void) {
      const next = new Map<string, ConfiguredPolicy>();
      try {
        for (const [name, cfg] of call.request.getPolicyconfigMap().entries()) {
          const { enforcementLevel: _ignored, ...properties } = (cfg.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
          next.set(name, { level: LEVELS[cfg.getEnforcementlevel()], properties });
        }
      } catch {
        next.clear();
      }
      return impl.configure.call(this, call, (err: unknown, res?: unknown) => {
        if (!err) {
          epoch++;
          configured = next;
        }
        cb(err, res);
      });
    },
  }));
}
