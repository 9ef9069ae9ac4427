/** The stack's own AWS accounts, as its resources' ARNs name them (to tell another account apart). */
import type { ResourceModel } from "../../model/resource";
import { parseArn } from "../../iam/arn";
import { containsUnknown } from "../../model/values";

const cache = new WeakMap<readonly ResourceModel[], Set<string>>();

export function ownAccounts(resources: readonly ResourceModel[]): ReadonlySet<string> {
  let out = cache.get(resources);
  if (out) return out;
  out = new Set<string>();
  for (const r of resources) {
    const arn = r.properties.arn;
    if (typeof arn !== "string" || containsUnknown(arn)) continue;
    const a = parseArn(arn);
    if (a && /^\d{12}$/.test(a.account)) out.add(a.account);
  }
  cache.set(resources, out);
  return out;
}
