/**
 * One stack view per `AnalyzeStack` call instead of one per stack policy. @pulumi/policy calls
 * every stack policy with freshly deserialized resources, so each of our six stack policies used to
 * convert the whole stack and build the same view again. The `analyzeStack` handler is wrapped
 * (as configure-validation wraps `configure`) to open a scope per call; policies of that call share
 * the converted resources and, per AI-service setting, the view. A scope is only reused when the
 * resources carry the same URNs in the same order, so a stale or foreign scope can never leak.
 */
import { onAnalyzerService } from "./analyzer-hooks";

interface Scope {
  urns?: string[];
  models?: unknown;
  views: Map<string, unknown>;
}

let current: Scope | undefined;
let installed = false;

export function installStackScope(): void {
  if (installed) return;
  installed = true;
  onAnalyzerService((impl) => {
    const analyzeStack = impl.analyzeStack as (call: unknown, cb: (err: unknown, res?: unknown) => void) => unknown;
    return {
      ...impl,
      analyzeStack(call: unknown, cb: (err: unknown, res?: unknown) => void) {
        const scope: Scope = { views: new Map() };
        current = scope;
        const done = (err: unknown, res?: unknown) => {
          if (current === scope) current = undefined;
          cb(err, res);
        };
        try {
          return analyzeStack.call(this, call, done);
        } catch (e) {
          if (current === scope) current = undefined;
          throw e;
        }
      },
    };
  });
}

function sameUrns(a: readonly string[], b: readonly { urn: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i].urn) return false;
  return true;
}

/**
 * The converted resources for this call: computed by the first stack policy, reused by the others
 * when they see the same resources (by URN, in order).
 */
export function sharedModels<R extends { urn: string }, M>(resources: readonly R[], convert: () => M): { models: M; views: Map<string, unknown> | undefined } {
  const scope = current;
  if (!scope) return { models: convert(), views: undefined };
  if (scope.urns && sameUrns(scope.urns, resources)) return { models: scope.models as M, views: scope.views };
  const models = convert();
  scope.urns = resources.map((r) => r.urn);
  scope.models = models;
  scope.views = new Map();
  return { models, views: scope.views };
}
