import { T } from "../model/resource";
import { isUnknown } from "../model/values";
import { block, field } from "../model/blocks";
import type { StackRule } from "../engine/types";

/** Delivery switches of `loggingConfig`; all off means the configuration records no content. */
const DELIVERY = ["textDataDeliveryEnabled", "imageDataDeliveryEnabled", "embeddingDataDeliveryEnabled", "videoDataDeliveryEnabled"] as const;
export const DEFAULT_MIN_RETENTION_DAYS = 90;

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
    "Add ModelInvocationLogging (CloudWatch Logs with KMS and retention, and/or S3) with text, image and " +
    "embedding delivery on, or, if logging is managed centrally, say where with this policy's `managedElsewhere` setting.",
  appliesTo: [T.invocationLogging, T.logGroup],
  config: {
    managedElsewhere: { type: "string", default: "", description: "Where invocation logging is configured if not in this stack (e.g. `org-logging stack, account 123456789012`)." },
    minRetentionDays: { type: "integer", minimum: 1, default: DEFAULT_MIN_RETENTION_DAYS, description: "Shortest retention (days) of the CloudWatch log group that receives invocation logs." },
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
      const cfg = block(lc);
      const dest = cfg && (block(cfg.cloudwatchConfig) || block(cfg.s3Config));
      if (!dest) ctx.violation(c, "InvocationLogging::no-destination", "configures invocation logging with neither a CloudWatch Logs nor an S3 destination.", { property: "loggingConfig" });
      if (cfg && DELIVERY.slice(0, 3).every((k) => cfg[k] === false) && cfg.videoDataDeliveryEnabled !== true) {
        ctx.violation(c, "InvocationLogging::logs-nothing", `turns off ${DELIVERY.filter((k) => cfg[k] === false).join(", ")}: no prompt or response is recorded, so abuse leaves no trace of what was asked.`, { property: "loggingConfig" });
      }
      const groupName = field(cfg, "cloudwatchConfig", "logGroupName");
      const group = typeof groupName === "string" ? view.byType(T.logGroup).find((g) => g.properties.name === groupName || g.name === groupName) : undefined;
      if (group) {
        const min = typeof ctx.config.minRetentionDays === "number" ? ctx.config.minRetentionDays : DEFAULT_MIN_RETENTION_DAYS;
        const days = group.properties.retentionInDays;
        if (typeof days === "number" && days > 0 && days < min) {
          ctx.violation(group, "InvocationLogging::retention", `keeps model invocation logs for ${days} days (less than ${min}): an incident found later has no record.`, { property: "retentionInDays", advisoryOnly: true });
        }
        if (!group.properties.kmsKeyId && !isUnknown(group.properties.kmsKeyId)) {
          ctx.violation(group, "InvocationLogging::unencrypted", "holds model invocation logs (every prompt and answer) without a customer-managed KMS key (`kmsKeyId`).", { property: "kmsKeyId", advisoryOnly: true });
        }
      }
    }
  },
};
