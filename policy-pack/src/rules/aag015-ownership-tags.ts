import { T } from "../model/resource";
import { isRecord, isUnknown } from "../model/values";
import type { ResourceRule } from "../engine/types";
import { AI_SECRET_KEYWORDS_SETTING, aiProviderKeyword, DEFAULT_AI_PROVIDER_KEYWORDS } from "../engine/ai-secrets";

export const ownershipTags: ResourceRule = {
  kind: "resource",
  id: "AAG-015",
  name: "ownership-tags",
  title: "Every non-human identity has owner and purpose tags",
  severity: "low",
  defaultLevel: "advisory",
  frameworks: { owaspNhi: ["NHI1", "NHI9"], owaspAgentic: ["ASI03"], nistCsf: ["ID.AM-08", "GV.RR-02"], nistAiRmf: ["GOVERN 1.6", "GOVERN 2.1"] },
  why:
    "An identity nobody owns is never rotated, reviewed or removed: it outlives the project, keeps its " +
    "permissions and becomes the credential an attacker finds two years later. `purpose` tells a " +
    "responder what breaks if it is revoked.",
  fix: "Add `owner` (a team or on-call alias) and `purpose` tags. Every component in this project requires them.",
  appliesTo: [T.role, T.user, T.openIdConnectProvider, T.secret],
  config: {
    requiredTags: { type: "array", items: { type: "string" }, default: ["owner", "purpose"], description: "Tag keys every non-human identity must carry (case-insensitive)." },
    aiSecretKeywords: AI_SECRET_KEYWORDS_SETTING,
  },
  check(resource, ctx) {
    if (resource.type === T.secret && !aiProviderKeyword(resource, ctx.config.aiSecretKeywords as string[])) return;
    const required = (ctx.config.requiredTags as string[]) ?? ["owner", "purpose"];
    const tags = resource.properties.tags;
    if (isUnknown(tags)) {
      ctx.cannotValidate("tags", "tags are not known until apply.");
      return;
    }
    const keys = new Map<string, unknown>();
    if (isRecord(tags)) for (const [k, v] of Object.entries(tags)) keys.set(k.toLowerCase(), v);
    const missing = required.filter((t) => {
      const v = keys.get(t.toLowerCase());
      return v === undefined || (typeof v === "string" && v.trim() === "");
    });
    if (missing.length > 0) ctx.violation(`Tags::${missing.join(",")}`, `has no ${missing.map((m) => `\`${m}\``).join(" or ")} tag.`, { property: "tags" });
  },
};
