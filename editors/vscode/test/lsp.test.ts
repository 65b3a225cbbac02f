// Drives the real `atop-lint lsp` over stdio with vscode-languageserver-protocol, announcing the
// capabilities and answering the server's requests as the extension's LanguageClient does
// (vscode-languageclient 9 pulls diagnostics).
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  type ClientCapabilities,
  CompletionRequest,
  type CompletionItem,
  type CompletionList,
  ConfigurationRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticRefreshRequest,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  ExitNotification,
  type Hover,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type Range,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  WorkDoneProgressCreateRequest,
} from "vscode-languageserver-protocol/node";
import { SERVER_ARGS, type ServerSettings, serverSettings } from "../src/server";

const repo = path.resolve(__dirname, "../../../..");
const binary = process.env.ATOP_LINT ?? path.join(repo, "target/release/atop-lint");
const exampleDir = path.join(repo, "examples/5030");
const sheetPath = path.join(exampleDir, "5030.codesheet.txt");
const treatyPath = path.join(exampleDir, "5030.treaty.zh.txt");
const sheetUri = pathToFileURL(sheetPath).href;
const sheetText = fs.readFileSync(sheetPath, "utf8");
const sheetLines = sheetText.split("\n");

/** Every wait on the server is bounded by this. */
const WAIT_MS = 15_000;

// What vscode-languageclient 9 announces for the features the extension uses.
const capabilities: ClientCapabilities = {
  general: { positionEncodings: ["utf-16"] },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
  },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true, willSave: true },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    publishDiagnostics: {
      relatedInformation: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      tagSupport: { valueSet: [1, 2] },
    },
    hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: {
        snippetSupport: true,
        insertReplaceSupport: true,
        labelDetailsSupport: true,
        documentationFormat: ["markdown", "plaintext"],
      },
    },
    definition: { dynamicRegistration: true, linkSupport: true },
  },
};

/** A running server, and what it has sent besides answers. */
class Session {
  /** Diagnostics pushed by the server: none, since this client pulls them. */
  pushed = 0;
  /** How many times the server asked the client to pull diagnostics again. */
  private refreshes = 0;
  private onRefresh: Array<() => void> = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    private settings: ServerSettings,
  ) {
    this.exited = new Promise((resolve) => process.on("exit", (code) => resolve(code)));
    connection.onNotification(PublishDiagnosticsNotification.type, () => {
      this.pushed += 1;
    });
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes += 1;
      for (const wake of this.onRefresh.splice(0)) wake();
      return null;
    });
    // VS Code answers workspace/configuration from its settings tree, section by section.
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => configurationSection(this.settings, item.section)),
    );
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  }

  static async start(settings: ServerSettings): Promise<Session> {
    const child = spawn(binary, SERVER_ARGS, { stdio: ["pipe", "pipe", "inherit"] });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const session = new Session(child, connection, settings);
    connection.listen();
    const rootUri = pathToFileURL(exampleDir).href;
    const exitedEarly = session.exited.then((code) => {
      throw new Error(`atop-lint lsp exited with status ${code} before answering initialize`);
    });
    const initialize = connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: "Visual Studio Code", version: "1.82.0" },
        locale: "en",
        rootPath: exampleDir,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: "5030" }],
        capabilities,
        initializationOptions: settings,
        trace: "off",
      });
    session.initializeResult = await within(Promise.race([initialize, exitedEarly]), "initialize");
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  initializeResult!: InitializeResult;

  /** As the extension does when the atopLint.rules setting changes. */
  async changeSettings(settings: ServerSettings): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /**
   * The diagnostics of `uri` as vscode-languageclient gets them: it pulls them
   * (textDocument/diagnostic), and pulls again when the server sends workspace/diagnostic/refresh.
   * Resolves with the first pull whose diagnostics satisfy `accept`.
   */
  async diagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const refreshesBefore = this.refreshes;
      const report = await within(
        this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }),
        "textDocument/diagnostic",
      );
      assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
      if (accept(report.items)) {
        return report.items;
      }
      const left = deadline - Date.now();
      if (left <= 0 || !(await this.refreshed(refreshesBefore, left))) {
        throw new Error(
          `no matching diagnostics for ${uri} within ${WAIT_MS} ms; last pulled: ` +
            JSON.stringify(report.items.map((d) => `${d.code} ${d.message}`)),
        );
      }
    }
  }

  /** Whether the server asks for a new pull (after `seen` refreshes) within `ms`. */
  private refreshed(seen: number, ms: number): Promise<boolean> {
    if (this.refreshes > seen) {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.onRefresh.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async shutdown(): Promise<number | null> {
    await within(this.connection.sendRequest(ShutdownRequest.type), "shutdown");
    await this.connection.sendNotification(ExitNotification.type);
    const code = await within(this.exited, "exit");
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
    this.connection.dispose();
  }
}

function configurationSection(settings: ServerSettings, section: string | undefined): unknown {
  const tree: Record<string, unknown> = {
    atopLint: { server: { path: binary }, trace: { server: "off" }, rules: settings.rules },
  };
  let node: unknown = tree;
  for (const key of section ? section.split(".") : []) {
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node ?? null;
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${WAIT_MS} ms`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The 0-based position of the `occurrence`-th `needle` on the line that contains `lineNeedle`. */
function positionOf(lines: string[], lineNeedle: string, needle: string): Position {
  const line = lines.findIndex((l) => l.includes(lineNeedle));
  assert.ok(line >= 0, `no line with ${lineNeedle}`);
  return { line, character: lines[line].indexOf(needle) };
}

function textAt(lines: string[], range: Range): string {
  assert.equal(range.start.line, range.end.line, "a one-line range");
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, "a hover");
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((p) => (typeof p === "string" ? p : p.value)).join("\n");
}

/**
 * The two paragraphs of Article 19 in the treaty file: those after its heading. (The paragraph
 * after them is the closing formula, which is not part of the article.)
 */
function article19(): string[] {
  const lines = fs.readFileSync(treatyPath, "utf8").split("\n");
  const heading = lines.findIndex((l) => l.replace(/^#+\s*/, "") === "第十九条");
  assert.ok(heading >= 0, "Article 19 is in the treaty");
  return lines
    .slice(heading + 1)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .slice(0, 2);
}

/** The line as VS Code leaves it after accepting `item` with the cursor at `position`. */
function accept(line: string, position: Position, item: CompletionItem): string {
  const edit = item.textEdit;
  if (edit) {
    const range = "range" in edit ? edit.range : edit.replace;
    return line.slice(0, range.start.character) + edit.newText + line.slice(range.end.character);
  }
  const wordStart = line.slice(0, position.character).search(/\S+$/);
  return line.slice(0, wordStart) + (item.insertText ?? item.label) + line.slice(position.character);
}

describe("atop-lint lsp, driven as the VS Code client drives it", () => {
  let session: Session;
  before(async () => {
    session = await Session.start(serverSettings(undefined));
  });
  after(() => session?.kill());

  test("initialize announces incremental sync, hover, completion and definition", () => {
    const caps = session.initializeResult.capabilities;
    const sync = caps.textDocumentSync;
    assert.equal(typeof sync === "object" ? sync.change : sync, TextDocumentSyncKind.Incremental);
    assert.ok(caps.hoverProvider, "hoverProvider");
    assert.ok(caps.completionProvider, "completionProvider");
    assert.ok(caps.definitionProvider, "definitionProvider");
  });

  test("opening the example sheet gives its diagnostics", async () => {
    await session.open(sheetUri, "atop-codesheet", sheetText);
    const diagnostics = await session.diagnostics(sheetUri, (ds) => ds.length > 0);

    const ref = diagnostics.find((d) => d.code === "unknown-question-ref");
    assert.ok(ref, "the #109 diagnostic");
    assert.equal(textAt(sheetLines, ref.range), "#109");
    assert.deepEqual(ref.range.start, positionOf(sheetLines, "listed in #109", "#109"));
    assert.equal(ref.severity, 1);
    assert.equal(ref.message, "#109 names no question: the ATOP coding sheet has questions 1–61");

    // The treaty-evidence diagnostic: Q11 answers No, but Article 19 provides for termination.
    const q11 = diagnostics.find((d) => d.message.startsWith("Q11 says No"));
    assert.ok(q11, `a "Q11 says No" diagnostic among ${diagnostics.map((d) => d.message).join(" | ")}`);
    assert.match(q11.message, /Art\. 19\b/);
    assert.equal(q11.range.start.line, sheetLines.indexOf("11. Are there conditions under which members may renounce the treaty? If Yes, describe these conditions.") + 1);
    assert.equal(textAt(sheetLines, q11.range), "No");
    const evidence = q11.relatedInformation?.find((r) => r.location.uri.endsWith("/5030.treaty.zh.txt"));
    assert.ok(evidence, "related information pointing into the treaty");
    const treatyLines = fs.readFileSync(treatyPath, "utf8").split("\n");
    const heading19 = treatyLines.findIndex((l) => l.replace(/^#+\s*/, "") === "第十九条");
    const nextHeading = treatyLines.findIndex((l, i) => i > heading19 && l.startsWith("#"));
    assert.ok(
      evidence.location.range.start.line >= heading19 &&
        (nextHeading < 0 || evidence.location.range.start.line < nextHeading),
      `the related location (line ${evidence.location.range.start.line}) is inside Article 19`,
    );
  });

  test("hovering (Art. 19) shows the Chinese text of Article 19", async () => {
    const at = positionOf(sheetLines, "(Art. 19)", "19)");
    const hover = await within(
      session.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: sheetUri },
        position: at,
      }),
      "hover",
    );
    const text = hoverText(hover);
    assert.match(text, /第十九条/);
    for (const paragraph of article19()) {
      assert.ok(text.includes(paragraph), `the hover has "${paragraph}":\n${text}`);
    }
  });

  test('completing "70" on a new member line of Q4 offers 705 Kazakhstan', async () => {
    const after = positionOf(sheetLines, "705 Kazakhstan.", "705");
    const end = { line: after.line, character: sheetLines[after.line].length };
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: sheetUri, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: "\n70" }],
    });
    const cursor = { line: after.line + 1, character: 2 };
    const result = (await within(
      session.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: sheetUri },
        position: cursor,
        context: { triggerKind: 1 },
      }),
      "completion",
    )) as CompletionItem[] | CompletionList | null;
    assert.ok(result, "completion items");
    const items = Array.isArray(result) ? result : result.items;
    const accepted = items.map((item) => accept("70", cursor, item));
    assert.ok(accepted.includes("705 Kazakhstan"), `705 Kazakhstan among ${accepted.join(", ")}`);
    assert.ok(accepted.includes("700 Afghanistan"), `700 Afghanistan among ${accepted.join(", ")}`);
  });

  test("diagnostics were pulled, never pushed; shutdown then exit ends the server with status 0", async () => {
    assert.equal(session.pushed, 0);
    assert.equal(await session.shutdown(), 0);
  });
});

describe("rule severities from the atopLint.rules setting", () => {
  let session: Session;
  after(() => session?.kill());

  test("initializationOptions turn a rule off; didChangeConfiguration turns it back on", async () => {
    session = await Session.start(serverSettings({ "unknown-question-ref": "off" }));
    await session.open(sheetUri, "atop-codesheet", sheetText);
    const first = await session.diagnostics(sheetUri, (ds) => ds.length > 0);
    assert.ok(first.some((d) => d.code === "numbering-typo"), "other rules still report");
    assert.ok(!first.some((d) => d.code === "unknown-question-ref"), "the rule is off");

    await session.changeSettings(serverSettings({ "unknown-question-ref": "hint" }));
    const second = await session.diagnostics(sheetUri, (ds) =>
      ds.some((d) => d.code === "unknown-question-ref"),
    );
    assert.equal(second.find((d) => d.code === "unknown-question-ref")?.severity, 4);
    assert.equal(await session.shutdown(), 0);
  });
});
