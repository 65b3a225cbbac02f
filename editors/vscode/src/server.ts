// Finding the atop-lint binary and shaping the settings the server reads. No `vscode` import:
// the Node tests use this module as the extension does.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const SERVER_NAME = "atop-lint";
/** The server's arguments: it speaks LSP on stdin/stdout. */
export const SERVER_ARGS = ["lsp"];

export const INSTALL_COMMAND = "pip install atop-lint";

export const INSTALL_HINT =
  `Install it with \`${INSTALL_COMMAND}\` (or \`pipx install atop-lint\`, \`uv tool install atop-lint\`), ` +
  "or set `atopLint.server.path` to the binary.";

/** Where the binary was found: the setting, the package's own copy, or PATH. */
export type ServerSource = "setting" | "bundled" | "PATH";

export type ServerLookup =
  | { found: true; path: string; source: ServerSource }
  | { found: false; message: string };

/** The binary a platform-specific package carries, in the extension's folder. */
export function bundledServer(extensionPath: string, platform: NodeJS.Platform): string {
  return path.join(extensionPath, "bin", platform === "win32" ? `${SERVER_NAME}.exe` : SERVER_NAME);
}

/**
 * The server binary: the `atopLint.server.path` setting when set, else the binary bundled in the
 * extension's folder, else `atop-lint` on PATH.
 */
export function findServer(
  configuredPath: string,
  extensionPath: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ServerLookup {
  const configured = configuredPath.trim();
  if (configured !== "") {
    const expanded = configured.startsWith("~/")
      ? path.join(os.homedir(), configured.slice(2))
      : configured;
    return isExecutable(expanded, platform)
      ? { found: true, path: expanded, source: "setting" }
      : {
          found: false,
          message: `atopLint.server.path is "${configured}", but no executable file is there.`,
        };
  }
  const bundled = bundledServer(extensionPath, platform);
  if (isExecutable(bundled, platform)) {
    return { found: true, path: bundled, source: "bundled" };
  }
  const names =
    platform === "win32"
      ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").map((ext) => SERVER_NAME + ext.toLowerCase())
      : [SERVER_NAME];
  const dirs = (env.PATH ?? "").split(platform === "win32" ? ";" : ":").filter((d) => d !== "");
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate, platform)) {
        return { found: true, path: candidate, source: "PATH" };
      }
    }
  }
  return {
    found: false,
    message: `${SERVER_NAME} is not in this package (no bin/ folder for this platform) nor on PATH.`,
  };
}

/** The output channel's line saying which binary runs. */
export function serverLine(lookup: { path: string; source: ServerSource }): string {
  const from = {
    setting: "from the atopLint.server.path setting",
    bundled: "bundled with the extension",
    PATH: "found on PATH",
  }[lookup.source];
  return `Starting ${lookup.path} (${from})`;
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type Severity = "off" | "error" | "warning" | "info" | "hint";

/** What the server reads, as `initializationOptions` and as `didChangeConfiguration` settings. */
export interface ServerSettings {
  rules: Record<string, Severity>;
}

/** The server's settings from the `atopLint.rules` setting (validated by the settings schema). */
export function serverSettings(rules: Record<string, Severity> | undefined): ServerSettings {
  return { rules: { ...(rules ?? {}) } };
}
