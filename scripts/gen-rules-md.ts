// Writes RULES.md from the rule catalog (npm run docs:rules).
import * as fs from "fs";
import * as path from "path";
import { renderRulesMarkdown } from "../policy-pack/src/docs/rules-markdown";

fs.writeFileSync(path.resolve(__dirname, "..", "RULES.md"), renderRulesMarkdown());
console.log("RULES.md written");
