/**
 * Counts successful `Configure` calls, so per-policy settings (schema defaults merged with the
 * user's) are merged once per configuration instead of once per resource and policy.
 */
import { onAnalyzerService } from "./analyzer-hooks";

let epoch = 0;
let installed = false;

/** The current configuration generation, or undefined when Configure is not observed (no caching then). */
export function configEpoch(): number | undefined {
  return installed ? epoch : undefined;
}

export function installConfigEpoch(): void {
  if (installed) return;
  installed = true;
  onAnalyzerService((impl) => ({
    ...impl,
    configure(call: unknown, cb: (err: unknown, res?: unknown) => void) {
      return impl.configure.call(this, call, (err: unknown, res?: unknown) => {
        if (!err) epoch++;
        cb(err, res);
      });
    },
  }));
}
