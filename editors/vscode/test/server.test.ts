import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { findServer, serverLine, serverSettings } from "../src/server";

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
  assert.deepEqual(findServer(configured, dir, { PATH: dir }, "linux"), { found: true, path: configured, source: "setting" });
});

test("a configured path with no executable there is an error naming the setting", () => {
  const dir = scratchDir();
  const notExecutable = writeFile(dir, "atop-lint", 0o644);
  assert.deepEqual(findServer(notExecutable, dir, { PATH: dir }, "linux"), {
    found: false,
    message: `atopLint.server.path is "${notExecutable}", but no executable file is there.`,
  });
  assert.deepEqual(findServer(path.join(dir, "missing"), dir, { PATH: dir }, "linux"), {
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
    assert.deepEqual(findServer("~/atop-lint", scratchDir(), {}, "linux"), { found: true, path: binary, source: "setting" });
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
  assert.deepEqual(findServer("  ", scratchDir(), env, "linux"), { found: true, path: found, source: "PATH" });
});

test("nothing on PATH is reported as such", () => {
  assert.deepEqual(findServer("", scratchDir(), { PATH: scratchDir() }, "linux"), {
    found: false,
    message: "atop-lint is not in this package (no bin/ folder for this platform) nor on PATH.",
  });
  assert.deepEqual(findServer("", scratchDir(), {}, "linux"), {
    found: false,
    message: "atop-lint is not in this package (no bin/ folder for this platform) nor on PATH.",
  });
});

test("on Windows PATH is split on ';' and PATHEXT names the candidates", () => {
  const dir = scratchDir();
  const exe = writeFile(dir, "atop-lint.exe", 0o644);
  assert.deepEqual(findServer("", scratchDir(), { PATH: `C:\\nowhere;${dir}`, PATHEXT: ".COM;.EXE" }, "win32"), {
    found: true,
    path: exe,
    source: "PATH",
  });
});

/** An extension folder whose bin/ holds `name` with `mode`; returns [folder, binary]. */
function extensionWith(name: string, mode: number): [string, string] {
  const extension = scratchDir();
  fs.mkdirSync(path.join(extension, "bin"));
  return [extension, writeFile(path.join(extension, "bin"), name, mode)];
}

test("the bundled binary comes after the setting and before PATH", () => {
  const [extension, bundled] = extensionWith("atop-lint", 0o755);
  const onPath = scratchDir();
  writeFile(onPath, "atop-lint", 0o755);
  const configured = writeFile(scratchDir(), "atop-lint", 0o755);
  assert.deepEqual(findServer("", extension, { PATH: onPath }, "linux"), {
    found: true,
    path: bundled,
    source: "bundled",
  });
  assert.deepEqual(findServer(configured, extension, { PATH: onPath }, "linux"), {
    found: true,
    path: configured,
    source: "setting",
  });
});

test("a bundled binary that cannot run is passed over for PATH", () => {
  const [extension] = extensionWith("atop-lint", 0o644);
  const onPath = scratchDir();
  const found = writeFile(onPath, "atop-lint", 0o755);
  assert.deepEqual(findServer("", extension, { PATH: onPath }, "linux"), {
    found: true,
    path: found,
    source: "PATH",
  });
});

test("on Windows the bundled binary is bin/atop-lint.exe", () => {
  const [extension, exe] = extensionWith("atop-lint.exe", 0o644);
  assert.deepEqual(findServer("", extension, {}, "win32"), {
    found: true,
    path: exe,
    source: "bundled",
  });
});

test("the output channel says which binary runs and why", () => {
  assert.equal(
    serverLine({ path: "/ext/bin/atop-lint", source: "bundled" }),
    "Starting /ext/bin/atop-lint (bundled with the extension)",
  );
  assert.equal(
    serverLine({ path: "/usr/bin/atop-lint", source: "PATH" }),
    "Starting /usr/bin/atop-lint (found on PATH)",
  );
  assert.equal(
    serverLine({ path: "/opt/atop-lint", source: "setting" }),
    "Starting /opt/atop-lint (from the atopLint.server.path setting)",
  );
});

test("the rules setting is sent as {rules: {...}}", () => {
  assert.deepEqual(serverSettings(undefined), { rules: {} });
  assert.deepEqual(serverSettings({ "citation-style": "off", "yes-no-answer": "error" }), {
    rules: { "citation-style": "off", "yes-no-answer": "error" },
  });
});
