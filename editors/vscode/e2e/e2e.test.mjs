// The extension inside a real VS Code (code-server), used in headless Chromium through
// playwright-core as a person would: keyboard, mouse, and what the page shows.
//
// The extension is the Linux x86_64 package with the server bundled, and nothing else provides
// one: the setting is empty and no atop-lint is on code-server's PATH.
//
// Environment: ATOP_LINT_VSIX (the packaged extension), ATOP_LINT_SCREENSHOTS (optional: a folder
// for the README's screenshots).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";

const repo = path.resolve(import.meta.dirname, "../../..");
const vsix = process.env.ATOP_LINT_VSIX ?? path.join(repo, "editors/vscode/atop-lint-linux-x64.vsix");
const screenshots = process.env.ATOP_LINT_SCREENSHOTS;
const failures = path.join(repo, ".cache/vscode-e2e-failures");
const codeServer = path.join(import.meta.dirname, "node_modules/code-server/out/node/entry.js");

/** Every wait on the page is bounded by this. */
const WAIT_MS = 30_000;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "atop-lint-e2e-"));
const dirs = {
  extensions: path.join(work, "extensions"),
  userData: path.join(work, "user-data"),
  config: path.join(work, "config"),
  data: path.join(work, "data"),
  workspace: path.join(work, "5030"),
};
/** Whether `dir` holds an atop-lint binary. */
function hasServer(dir) {
  try {
    fs.accessSync(path.join(dir, "atop-lint"), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
// code-server writes its config and state under XDG folders: keep them in the scratch folder.
// Its PATH has no folder with an atop-lint in it.
const env = {
  ...process.env,
  PATH: (process.env.PATH ?? "").split(":").filter((dir) => dir !== "" && !hasServer(dir)).join(":"),
  XDG_CONFIG_HOME: dirs.config,
  XDG_DATA_HOME: dirs.data,
};

/** The text of the extension's "atop-lint" output channel, as VS Code logs it, or "". */
function outputChannelText() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(file);
      } else if (/^\d+-atop-lint\.log$/.test(entry.name)) {
        found.push(fs.readFileSync(file, "utf8"));
      }
    }
  };
  const logs = path.join(dirs.userData, "logs");
  if (fs.existsSync(logs)) {
    walk(logs);
  }
  return found.join("\n");
}

const settingsFile = path.join(dirs.userData, "User/settings.json");
const sheetName = "5030.codesheet.txt";
const sheetLines = fs.readFileSync(path.join(repo, "examples/5030", sheetName), "utf8").split("\n");
const treatyLines = fs
  .readFileSync(path.join(repo, "examples/5030/5030.treaty.zh.txt"), "utf8")
  .split("\n");

const q10Prompt = "10. Are there specific provisions in the treaty concerning the length of time";
const q11Prompt = "11. Are there conditions under which members may renounce";
const draftNote = "Q10 is a draft from the treaty: review it, then remove [draft]";

/** The 0-based line of the treaty's heading `title` (e.g. 第十四条), or -1. */
function treatyHeading(title) {
  return treatyLines.findIndex((l) => l.replace(/^#+\s*/, "") === title);
}

/** The paragraphs of Article 19 in the treaty file: the lines after its heading, to the next one. */
function article19() {
  const heading = treatyHeading("第十九条");
  assert.ok(heading >= 0, "the treaty has Article 19");
  const end = treatyLines.findIndex((l, index) => index > heading && l.startsWith("#"));
  return treatyLines
    .slice(heading + 1, end < 0 ? undefined : end)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** 1-based line and column of `at` on the first line of the sheet that contains `lineNeedle`. */
function sheetPosition(lineNeedle, at) {
  const index = sheetLines.findIndex((l) => l.includes(lineNeedle));
  assert.ok(index >= 0, `the sheet has a line with ${lineNeedle}`);
  return { line: index + 1, column: sheetLines[index].indexOf(at) + 1 };
}

/** What `read()` returns once `done` holds for it, or after WAIT_MS: for state outside the page. */
async function polled(read, done) {
  const deadline = Date.now() + WAIT_MS;
  let value = read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = read();
  }
  return value;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `child` prints a line matching `pattern`; rejects on exit or after WAIT_MS. */
function waitForOutput(child, pattern, what) {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${what}: not within ${WAIT_MS} ms:\n${seen}`)), WAIT_MS);
    const onData = (chunk) => {
      seen += chunk;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what}: code-server exited with ${code}:\n${seen}`));
    });
  });
}

describe("the atop-lint extension in code-server", () => {
  let server;
  let chromiumServer;
  let browser;
  let page;

  /** Runs `body`; on failure keeps a screenshot and the page's text for diagnosis. */
  async function step(name, body) {
    try {
      return await body();
    } catch (error) {
      if (page) {
        fs.mkdirSync(failures, { recursive: true });
        const base = path.join(failures, name.replace(/\W+/g, "-"));
        await page.screenshot({ path: `${base}.png` }).catch(() => {});
        const text = await page.evaluate(() => document.body.innerText).catch((e) => String(e));
        fs.writeFileSync(`${base}.txt`, text);
        if (fs.existsSync(path.join(dirs.userData, "logs"))) {
          fs.cpSync(path.join(dirs.userData, "logs"), `${base}-logs`, { recursive: true });
        }
        error.message += `\n(screenshot, page text and VS Code logs: ${base}.png, ${base}.txt, ${base}-logs)`;
      }
      throw error;
    }
  }

  /** Waits for the (finite) animations of `locator`'s element and its ancestors: a fading hover. */
  async function settled(locator) {
    await locator.evaluate((element) =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.target?.contains(element) && a.effect.getTiming().iterations !== Infinity)
          .map((a) => a.finished),
      ),
    );
  }

  async function screenshot(name) {
    if (screenshots) {
      fs.mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
    }
  }

  async function runCommand(title) {
    await page.keyboard.press("F1");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: WAIT_MS });
    await input.fill(`>${title}`);
    await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press("Enter");
  }

  async function goTo({ line, column }) {
    await page.keyboard.press("Control+G");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: WAIT_MS });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press("Enter");
    await page.locator(".statusbar", { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: WAIT_MS });
  }

  /** The rendered token (span) on the editor line containing `lineText` whose text is `text`. */
  function token(lineText, text) {
    // The editor renders spaces as no-break spaces.
    const exact = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s");
    return page
      .locator(".view-line", { hasText: lineText })
      .first()
      .locator("span > span", { hasText: new RegExp(`^${exact}$`) })
      .first();
  }

  before(async () => {
    fs.cpSync(path.join(repo, "examples/5030"), dirs.workspace, { recursive: true });
    const install = spawnSync(
      process.execPath,
      [codeServer, "--extensions-dir", dirs.extensions, "--user-data-dir", dirs.userData, "--install-extension", vsix],
      { env, encoding: "utf8", timeout: 120_000 },
    );
    assert.equal(install.status, 0, install.stderr + install.stdout);
    assert.match(install.stdout, /Extension '.*\.vsix' was successfully installed/);
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({
        "workbench.colorTheme": "Default Dark Modern",
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "editor.minimap.enabled": false,
        "editor.hover.delay": 100,
        "telemetry.telemetryLevel": "off",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "chat.disableAIFeatures": true,
      }),
    );

    const port = await freePort();
    // Its own process group, so that the extension host and the server stop with it.
    server = spawn(
      process.execPath,
      [
        codeServer,
        "--auth", "none",
        "--bind-addr", `127.0.0.1:${port}`,
        "--disable-telemetry",
        "--disable-update-check",
        "--disable-workspace-trust",
        "--extensions-dir", dirs.extensions,
        "--user-data-dir", dirs.userData,
        dirs.workspace,
      ],
      { env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    await waitForOutput(server, /HTTP server listening/, "code-server start");

    // launchServer, not launch: the browser's process id, to stop it by id at the end.
    chromiumServer = await chromium.launchServer({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    browser = await chromium.connect(chromiumServer.wsEndpoint(), { timeout: WAIT_MS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(WAIT_MS);
    await step("open", async () => {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
      await page.locator(".monaco-workbench").waitFor({ timeout: WAIT_MS });
      await page.locator(".explorer-folders-view", { hasText: sheetName }).waitFor({ timeout: WAIT_MS });
      await page.keyboard.press("Control+P");
      await page.locator(".quick-input-widget input").fill(sheetName);
      await page.locator(".quick-input-list .monaco-list-row", { hasText: sheetName }).first().waitFor({ timeout: WAIT_MS });
      await page.keyboard.press("Enter");
      await page.locator(".tab.active", { hasText: sheetName }).waitFor({ timeout: WAIT_MS });
      await page.locator(".statusbar", { hasText: "ATOP coding sheet" }).waitFor({ timeout: WAIT_MS });
    });
  });

  after(async () => {
    await browser?.close();
    const chromiumProcess = chromiumServer?.process();
    if (chromiumProcess?.exitCode === null) {
      process.kill(chromiumProcess.pid, "SIGTERM");
    }
    await chromiumServer?.close(); // removes its temporary profile
    if (server?.exitCode === null) {
      process.kill(-server.pid, "SIGTERM");
    }
    fs.rmSync(work, { recursive: true, force: true });
  });

  test("the server that runs is the bundled one, and the output channel says so", () =>
    step("bundled-server", async () => {
      const installed = fs.readdirSync(dirs.extensions).find((d) => d.startsWith("atop-lint.atop-lint-"));
      assert.ok(installed, `the extension is in ${dirs.extensions}`);
      const bundled = path.join(dirs.extensions, installed, "bin", "atop-lint");
      assert.ok(fs.existsSync(bundled), `the package put its server at ${bundled}`);
      const text = await polled(outputChannelText, (t) => t.includes("Starting "));
      assert.ok(text.includes(`Starting ${bundled} (bundled with the extension)`), text);
    }));

  test("the grammar colours question numbers and citations with distinct colours", () =>
    step("colours", async () => {
      await page.locator(".editor-instance .monaco-editor").first().click();
      await goTo(sheetPosition("(Art. 19)", "19)")); // lines 32 to 37 in view
      const question = token("11. Are there conditions", "11");
      const citation = token("(Art. 19)", "Art. 19");
      const plain = page
        .locator(".view-line", { hasText: "11. Are there conditions" })
        .first()
        .locator("span > span", { hasText: "Are there conditions" })
        .first();
      const colour = (locator) => locator.evaluate((el) => getComputedStyle(el).color);
      const [q, c, p] = [await colour(question), await colour(citation), await colour(plain)];
      assert.notEqual(q, c, "question number and citation");
      assert.notEqual(q, p, "question number and prompt text");
      assert.notEqual(c, p, "citation and prompt text");
    }));

  test("the Problems panel lists the Q11 / Art. 19 diagnostic and the #109 one", () =>
    step("problems", async () => {
      await runCommand("View: Focus Problems");
      const problems = page.locator(".markers-panel");
      await problems.getByText(/Q11 says No, but Art\. 19 has notice terms/).first().waitFor({ timeout: WAIT_MS });
      await problems.getByText("#109 names no question: the ATOP coding sheet has questions 1–61").first().waitFor({ timeout: WAIT_MS });
      await screenshot("diagnostics");
    }));

  test("hovering (Art. 19) shows the Chinese text of Article 19", () =>
    step("hover", async () => {
      await page.locator(".editor-instance .monaco-editor").first().click();
      await goTo(sheetPosition("(Art. 19)", "19)"));
      await runCommand("Show or Focus Hover");
      const hover = page.locator(".monaco-hover:not(.hidden)");
      await hover.getByText(/本条约有效期为二十年/).waitFor({ timeout: WAIT_MS });
      await settled(hover);
      await screenshot("hover");
      await page.keyboard.press("Escape");
    }));

  test("go to definition on (Art. 14) opens the treaty at Article 14", () =>
    step("definition", async () => {
      await goTo(sheetPosition("(Art. 14)", "14)"));
      await page.keyboard.press("F12");
      await page.locator(".tab.active", { hasText: "5030.treaty.zh.txt" }).waitFor({ timeout: WAIT_MS });
      const heading = treatyHeading("第十四条") + 1;
      await page.locator(".statusbar", { hasText: new RegExp(`Ln ${heading}, Col \\d+`) }).waitFor({ timeout: WAIT_MS });
      await page.locator(".tab", { hasText: sheetName }).click();
      await page.locator(".tab.active", { hasText: sheetName }).waitFor({ timeout: WAIT_MS });
    }));

  test('emptying Q10 and choosing "Answer from the treaty" in the quick-fix menu writes the drafted answer', () =>
    step("answer-from-the-treaty", async () => {
      const prompt = sheetPosition(q10Prompt, "10");
      // sheetPosition's line is 1-based: sheetLines[prompt.line] is the line after the prompt.
      assert.equal(sheetLines[prompt.line + 1], "", "Q10's answer is the one line after its prompt");
      const promptEnd = { line: prompt.line, column: sheetLines[prompt.line - 1].length + 1 };
      await page.locator(".editor-instance .monaco-editor").first().click();
      await goTo(promptEnd);
      await page.keyboard.press("Shift+ArrowDown");
      await page.keyboard.press("Shift+End");
      await page.keyboard.press("Delete");
      // Only Q10's problems in the panel, whose rows outside its view are not drawn.
      await runCommand("View: Focus Problems");
      const filter = page.getByPlaceholder(/^Filter \(e\.g\. text/);
      await filter.fill("Q10");
      const problems = page.locator(".markers-panel");
      await problems.getByText("Q10 has no answer").first().waitFor({ timeout: WAIT_MS });

      await page.locator(".editor-instance .monaco-editor").first().click();
      await goTo(promptEnd);
      await page.keyboard.press("Control+.");
      const actions = page.locator(".action-widget .monaco-list-row.action");
      await actions.first().waitFor({ timeout: WAIT_MS });
      const titles = await actions.evaluateAll((rows) => rows.map((row) => row.ariaLabel));
      assert.deepEqual(titles, ["Answer from the treaty"]);
      // The menu focuses its first action (a click would meet its guard against a mouse that has
      // not moved yet): Enter applies it.
      await page
        .locator(".action-widget .monaco-list-row.action.focused", { hasText: "Answer from the treaty" })
        .waitFor({ timeout: WAIT_MS });
      await page.keyboard.press("Enter");
      await problems.getByText(draftNote).first().waitFor({ timeout: WAIT_MS });
      await filter.fill("");

      await page.locator(".editor-instance .monaco-editor").first().click();
      await page.keyboard.press("Control+S");
      const term = "本条约有效期为二十年";
      assert.ok(article19().some((paragraph) => paragraph.includes(term)), `Article 19 says ${term}`);
      const drafted = `Yes. [draft] The treaty is concluded for a term of 20 years: “${term}” (Art. 19)`;
      const expected = sheetLines.map((line, index) => (index === prompt.line ? drafted : line));
      // The tab stops showing unsaved changes when the save starts, not when the file is written.
      const text = expected.join("\n");
      const file = path.join(dirs.workspace, sheetName);
      const saved = await polled(() => fs.readFileSync(file, "utf8"), (t) => t === text);
      assert.equal(saved, text);
    }));

  test("hovering Q11's number shows what Article 19 says for it, quoted, with its case", () =>
    step("question-hover", async () => {
      await page.locator(".editor-instance .monaco-editor").first().click();
      await goTo(sheetPosition(q11Prompt, "11"));
      await runCommand("Show or Focus Hover");
      const hover = page.locator(".monaco-hover:not(.hidden)");
      await hover.getByText("The treaty says:", { exact: true }).waitFor({ timeout: WAIT_MS });
      const notice =
        "如缔约任何一方均未在条约期满前一年以书面形式通知缔约另一方要求终止本条约，则本条约将自动延长五年，并依此法顺延";
      assert.ok(article19().some((paragraph) => paragraph.includes(notice)), `Article 19 says ${notice}`);
      const renewalCase =
        "a notice that stops the automatic renewal at the end of the term: PROREN (Q12), not RENOUNCE (Q11), " +
        "which is renunciation during the term; Q11's No can stand";
      const paragraphs = await hover.locator("p").allTextContents();
      assert.ok(paragraphs[0].startsWith(q11Prompt.replace("11.", "Q11.")), paragraphs[0]);
      const evidence = await hover.locator("li").allTextContents();
      assert.deepEqual(evidence, [`Art. 19 (zh): “${notice}” — ${renewalCase}`]);
      const suggested =
        `Suggested answer ("Answer from the treaty"): No. [draft] “${notice}” (Art. 19) — ${renewalCase}`;
      assert.ok(paragraphs.includes(suggested), paragraphs.join("\n"));
      await page.keyboard.press("Escape");
    }));

  test('typing "70" on a new line in Q4 and asking for suggestions lists 705 Kazakhstan', () =>
    step("completion", async () => {
      await goTo(sheetPosition("705 Kazakhstan.", "705"));
      await page.keyboard.press("End");
      await page.keyboard.press("Enter");
      await page.keyboard.type("70");
      await page.keyboard.press("Control+Space");
      const suggestions = page.locator(".suggest-widget");
      await suggestions.getByText("705 Kazakhstan").first().waitFor({ timeout: WAIT_MS });
      await settled(suggestions);
      await screenshot("completion");
      await page.keyboard.press("Escape");
    }));

  test("a server path with nothing there gets an error with install instructions", () =>
    step("missing-server", async () => {
      const missing = path.join(work, "no-such-atop-lint");
      // As a person would: edit the Remote settings in the settings editor and save (code-server
      // is a remote window: the machine-scoped atopLint.server.path is read from them).
      await runCommand("Preferences: Open Remote Settings (JSON)");
      await page.locator(".tab.active", { hasText: "settings.json" }).waitFor({ timeout: WAIT_MS });
      await page.locator(".editor-instance .monaco-editor .view-lines").first().click();
      await page.keyboard.press("Control+A");
      await page.keyboard.insertText(JSON.stringify({ "atopLint.server.path": missing }));
      await page.keyboard.press("Control+S");
      const toast = page.locator(".notification-toast", {
        hasText: `atopLint.server.path is "${missing}", but no executable file is there.`,
      });
      await toast.waitFor({ timeout: WAIT_MS });
      await toast.getByText("pip install atop-lint").waitFor({ timeout: WAIT_MS });
      await toast.getByRole("button", { name: "How to install" }).click();
      await page.locator(".tab.active", { hasText: "Preview README.md" }).waitFor({ timeout: WAIT_MS });
      await page
        .frameLocator("iframe.webview.ready")
        .frameLocator("iframe#active-frame")
        .getByText("Installing the server")
        .waitFor({ timeout: WAIT_MS });
    }));
});
