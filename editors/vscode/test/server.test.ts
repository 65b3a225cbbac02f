import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { findServer, serverSettings } from "../src/server";

function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "atop-lint-vscode-"));
}

function writeFile(dir: string, name: string, mode: number): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, "#!/bin/sh\n");
  fs.chmodSync(file, mode);
  return file;
}

test("the configured path wins over PATH", () => {
  const dir = scratchDir();
  const configured = writeFile(dir, "my-atop-lint", 0o755);
  const onPath = writeFile(dir, "atop-lint", 0o755);
  assert.notEqual(configured, onPath);
  assert.deepEqual(findServer(configured, { PATH: dir }, "linux"), { found: true, path: configured });
});

test("a configured path with no executable there is an error naming the setting", () => {
  const dir = scratchDir();
  const notExecutable = writeFile(dir, "atop-lint", 0o644);
  assert.deepEqual(findServer(notExecutable, { PATH: dir }, "linux"), {
    found: false,
    message: `atopLint.server.path is "${notExecutable}", but no executable file is there.`,
  });
  assert.deepEqual(findServer(path.join(dir, "missing"), { PATH: dir }, "linux"), {
    found: false,
    message: `atopLint.server.path is "${path.join(dir, "missing")}", but no executable file is there.`,
  });
});

test("a configured path may start with ~/", () => {
  const home = scratchDir();
  const binary = writeFile(home, "atop-lint", 0o755);
  const savedHome = process.env.HOME;
  process.env.HOME = home;
  try {
    assert.deepEqual(findServer("~/atop-lint", {}, "linux"), { found: true, path: binary });
  } finally {
    process.env.HOME = savedHome;
  }
});

test("an empty setting searches PATH in order, skipping non-executables and folders", () => {
  const first = scratchDir();
  const second = scratchDir();
  const third = scratchDir();
  writeFile(first, "atop-lint", 0o644);
  fs.mkdirSync(path.join(second, "atop-lint"));
  const found = writeFile(third, "atop-lint", 0o755);
  const env = { PATH: [first, second, "", third].join(":") };
  assert.deepEqual(findServer("  ", env, "linux"), { found: true, path: found });
});

test("nothing on PATH is reported as such", () => {
  assert.deepEqual(findServer("", { PATH: scratchDir() }, "linux"), {
    found: false,
    message: "atop-lint was not found on PATH.",
  });
  assert.deepEqual(findServer("", {}, "linux"), {
    found: false,
    message: "atop-lint was not found on PATH.",
  });
});

test("on Windows PATH is split on ';' and PATHEXT names the candidates", () => {
  const dir = scratchDir();
  const exe = writeFile(dir, "atop-lint.exe", 0o644);
  assert.deepEqual(findServer("", { PATH: `C:\\nowhere;${dir}`, PATHEXT: ".COM;.EXE" }, "win32"), {
    found: true,
    path: exe,
  });
});

test("the rules setting is sent as {rules: {...}}", () => {
  assert.deepEqual(serverSettings(undefined), { rules: {} });
  assert.deepEqual(serverSettings({ "citation-style": "off", "yes-no-answer": "error" }), {
    rules: { "citation-style": "off", "yes-no-answer": "error" },
  });
});
