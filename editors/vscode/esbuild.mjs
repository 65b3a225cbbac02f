// Bundles the extension (with vscode-languageclient) into dist/extension.js, and the Node
// tests into dist/test/, where `node --test` runs them.
import * as esbuild from "esbuild";
import { readdirSync } from "node:fs";

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18", // the Node of VS Code 1.82, the oldest the extension supports
  sourcemap: true,
  logLevel: "warning",
};

await esbuild.build({
  ...common,
  entryPoints: ["src/extension.ts"],
  outfile: "dist/extension.js",
  external: ["vscode"],
  minify: true,
});

await esbuild.build({
  ...common,
  entryPoints: readdirSync("test").filter((f) => f.endsWith(".test.ts")).map((f) => `test/${f}`),
  outdir: "dist/test",
  packages: "external",
});
