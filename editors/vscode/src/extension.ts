// The VS Code side of atop-lint: starts `atop-lint lsp` over stdio for coding sheets.
import * as fs from "node:fs";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import {
  findServer,
  INSTALL_HINT,
  SERVER_ARGS,
  type Severity,
  serverLine,
  serverSettings,
} from "./server";

let client: LanguageClient | undefined;
// One output channel for every client of the session, so that restarts do not add more.
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("atop-lint");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("atopLint.restartServer", () => restart(context)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("atopLint.server.path")) {
        await restart(context);
      } else if (event.affectsConfiguration("atopLint.rules") && client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: currentSettings(),
        });
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

function currentSettings() {
  return serverSettings(
    vscode.workspace.getConfiguration("atopLint").get<Record<string, Severity>>("rules"),
  );
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const lookup = findServer(
    vscode.workspace.getConfiguration("atopLint").get<string>("server.path", ""),
    context.extensionPath,
  );
  if (!lookup.found) {
    output?.appendLine(`${lookup.message} ${INSTALL_HINT}`);
    void reportMissingServer(context, lookup.message);
    return;
  }
  output?.appendLine(serverLine(lookup));
  // stdio without `transport`: TransportKind.stdio would append a `--stdio` argument.
  const serverOptions: ServerOptions = { command: lookup.path, args: SERVER_ARGS };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: "atop-codesheet" },
      // Treaty texts are synced too: the server reads an open treaty from its buffer.
      { scheme: "file", pattern: "**/*.treaty.txt" },
      { scheme: "file", pattern: "**/*.treaty.*.txt" },
    ],
    initializationOptions: currentSettings(),
    outputChannel: output,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{*.treaty.txt,*.treaty.*.txt,atop.toml}",
      ),
    },
  };
  client = new LanguageClient("atopLint", "atop-lint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch {
    // The client has already shown why; the extension stays active so that a corrected
    // setting or "Restart server" can start it again.
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) {
    await running.stop();
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

async function reportMissingServer(
  context: vscode.ExtensionContext,
  message: string,
): Promise<void> {
  const howTo = "How to install";
  const settings = "Open settings";
  const choice = await vscode.window.showErrorMessage(
    `atop-lint: ${message} ${INSTALL_HINT}`,
    howTo,
    settings,
  );
  if (choice === howTo) {
    // vsce stores the README as readme.md; a checkout has README.md.
    const readme = fs.readdirSync(context.extensionPath).find((f) => f.toLowerCase() === "readme.md");
    if (readme) {
      await vscode.commands.executeCommand(
        "markdown.showPreview",
        vscode.Uri.joinPath(context.extensionUri, readme),
      );
    }
  } else if (choice === settings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "atopLint.server.path");
  }
}
