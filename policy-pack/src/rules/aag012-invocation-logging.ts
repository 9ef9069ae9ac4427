import { T } from "../model/resource";
import { isRecord, isUnknown } from "../model/values";
import type { StackRule } from "../engine/types";

const INVOKE = /^bedrock:(InvokeModel|InvokeModelWithResponseStream|\*)$/i;

export const invocationLogging: StackRule = {
  kind: "stack",
  id: "AAG-012",
  name: "model-invocation-logging",
  title: "A stack that lets principals invoke models configures Bedrock invocation logging",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI6"], owaspAgentic: ["ASI08", "ASI10"], nistCsf: ["DE.CM-09", "PR.PS-04"], nistAiRmf: ["MEASURE 2.4", "MANAGE 4.1"] },
  why:
    "Without model invocation logging, abuse of a stolen credential shows up only on the bill: no record " +
    "of which identity called which model with what, so no detection and no scoping of the incident.",
  fix:
    "Add ModelInvocationLogging (CloudWatch Logs with KMS and retention, and/or S3), or, if logging is " +
    "managed centrally, say where with this policy's `managedElsewhere` setting.",
  appliesTo: [T.invocationLogging],
  config: {
    managedElsewhere: { type: "string", default: "", description: "Where invocation logging is configured if not in this stack (e.g. `org-logging stack, account 123456789012`)." },
  },
  checkStack(view, ctx) {
    const invokers = view.principals.filter((p) => p.aiReach.some((r) => r.service === "bedrock" && (r.allActions || r.actions.some((a) => INVOKE.test(a)))));
    if (invokers.length === 0) return;
    if (typeof ctx.config.managedElsewhere === "string" && ctx.config.managedElsewhere.trim() !== "") return;
    const configs = view.byType(T.invocationLogging);
    if (configs.length === 0) {
      for (const p of invokers) {
        ctx.violation(p.resource, "InvocationLogging::missing", `may invoke Bedrock models, and the stack configures no model invocation logging (nor says where it is managed).`, { property: "policy" });
      }
      return;
    }
    for (const c of configs) {
      const lc = c.properties.loggingConfig;
      if (isUnknown(lc)) {
        ctx.cannotValidate(c, "loggingConfig", "the logging configuration is not known until apply.");
        continue;
      }
      const cfg = Array.isArray(lc) ? lc[0] : lc;
      const dest = isRecord(cfg) && (cfg.cloudwatchConfig || cfg.s3Config);
      if (!dest) ctx.violation(c, "InvocationLogging::no-destination", "configures invocation logging with neither a CloudWatch Logs nor an S3 destination.", { property: "loggingConfig" });
    }
  },
};
