import { T } from "../model/resource";
import { blocks } from "../model/blocks";
import { isUnknown } from "../model/values";
import type { ResourceRule } from "../engine/types";
import { identityDocuments } from "../engine/documents";

/** `arn:…:guardrail/<id>:<version>` with a numeric version; DRAFT or no version is mutable. */
const PINNED_ARN = /:guardrail\/[^:/]+:\d+$/;

export const guardrailVersionPinned: ResourceRule = {
  kind: "resource",
  id: "AAG-027",
  name: "guardrail-version-pinned",
  title: "Agents and invoke conditions use a numbered guardrail version, not DRAFT",
  severity: "medium",
  defaultLevel: "advisory",
  frameworks: { owaspNhi: [], owaspAgentic: ["ASI01", "ASI06"], nistCsf: ["PR.PS-01"], nistAiRmf: ["MANAGE 1.3", "GOVERN 1.4"] },
  why:
    "The DRAFT version of a guardrail changes whenever anyone with `bedrock:UpdateGuardrail` edits it, with no " +
    "review and no record in the stack: filters can be switched off under a deployed agent. A numbered version " +
    "is immutable, so what was reviewed is what runs.",
  fix:
    "Publish a guardrail version (GuardrailVersion) and reference it: `guardrailConfigurations: [{ guardrailIdentifier, " +
    "guardrailVersion: \"1\" }]`; in IAM, `bedrock:GuardrailIdentifier` = `<guardrail ARN>:<version>`.",
  appliesTo: [T.bedrockAgent, T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.role, T.user, T.group],
  check(resource, ctx) {
    if (resource.type === T.bedrockAgent) {
      const g = resource.properties.guardrailConfigurations ?? resource.properties.guardrailConfiguration;
      if (isUnknown(g)) return;
      blocks(g).forEach((c, i) => {
        const v = c.guardrailVersion;
        if (isUnknown(v) || isUnknown(c.guardrailIdentifier)) return;
        if (typeof v !== "string" || !/^\d+$/.test(v)) {
          ctx.violation(`Guardrail[${i + 1}]::${typeof v === "string" && v !== "" ? v : "no-version"}`, `uses guardrail ${String(c.guardrailIdentifier ?? "?")} at version ${typeof v === "string" && v !== "" ? v : "(none)"}, which can change without a deployment.`, { property: "guardrailConfigurations" });
        }
      });
      return;
    }
    // Unknown or unparsable documents are reported once, by the rules that judge the whole document
    // (AAG-003/004/014); here only known documents are read.
    for (const where of identityDocuments(resource)) {
      if (where.parsed.kind !== "ok") continue;
      for (const s of where.parsed.document.statements) {
        if (s.effect !== "Allow") continue;
        for (const c of s.conditions) {
          if (c.key !== "bedrock:guardrailidentifier" || c.hasUnknown) continue;
          for (const v of c.values) {
            if (!PINNED_ARN.test(v)) ctx.violation(`Statement[${s.index + 1}]::GuardrailVersion`, `${where.label} statement ${s.index + 1} accepts guardrail ${v} without a numbered version (\`:<n>\`), so DRAFT or any version passes.`, { property: where.property });
          }
        }
      }
    }
  },
};
