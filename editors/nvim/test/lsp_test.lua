-- Headless test of the plugin against the real `atop-lint lsp`: open the example sheet, wait for
-- its diagnostics, hover a citation, complete a COW code; then, in a copy beside its treaty with
-- one answer taken out, apply "Answer from the treaty" and hover a question number. Run by
-- scripts/tests/nvim.sh:
--   ATOP_LINT_REPO=... nvim --headless -u test/init.lua -c "luafile test/lsp_test.lua"
-- Exits 0 when every check passes, 1 otherwise; prints one line per check.
local WAIT_MS = 15000
local repo = vim.env.ATOP_LINT_REPO
local sheet = repo .. "/examples/5030/5030.codesheet.txt"
local treaty = repo .. "/examples/5030/5030.treaty.zh.txt"

local function say(line)
  io.stdout:write(line .. "\n")
end

local function fail(message)
  error(message, 0)
end

local function check(condition, message)
  if not condition then
    fail(message)
  end
end

local clients = require("atop_lint").clients

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    lines[#lines + 1] = line
  end
  return lines
end

--- 0-based line of the first line containing `needle` (plain text), and the 0-based column of
--- `at` in it; the line must be ASCII, so byte and UTF-16 columns agree.
local function position_of(bufnr, needle, at)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find(needle, 1, true) then
      check(not line:find("[\128-\255]"), "an ASCII line: " .. line)
      return { line = i - 1, character = line:find(at, 1, true) - 1 }
    end
  end
  fail("no line with " .. needle)
end

--- The one answer of the attached server to `method`.
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT_MS)
  check(responses, method .. ": " .. tostring(err))
  for _, response in pairs(responses) do
    check(not response.err, method .. ": " .. vim.inspect(response.err))
    return response.result
  end
  fail(method .. ": no answer")
end

local function write_lines(path, lines)
  local file = assert(io.open(path, "w"))
  file:write(table.concat(lines, "\n") .. "\n")
  file:close()
end

--- `lines` without the answer of the question whose prompt starts with `prompt`: the lines from
--- the prompt's to the next blank one.
local function without_answer(lines, prompt)
  local out, state = {}, "before"
  for _, line in ipairs(lines) do
    if state == "answer" and not line:match("%S") then
      state = "after"
    end
    if state ~= "answer" then
      out[#out + 1] = line
    end
    if state == "before" and vim.startswith(line, prompt) then
      state = "answer"
    end
  end
  check(state == "after", "no answered question " .. prompt)
  return out
end

local function text_of(contents)
  if type(contents) == "string" then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    parts[#parts + 1] = text_of(part)
  end
  return table.concat(parts, "\n")
end

--- The two paragraphs of Article 19 in the treaty file: those after its heading. (The paragraph
--- after them is the closing formula, which is not part of the article.)
local function article19()
  local paragraphs, inside = {}, false
  for _, line in ipairs(read_lines(treaty)) do
    if line:match("^#") then
      inside = line:gsub("^#+%s*", "") == "第十九条"
    elseif inside and line:match("%S") and #paragraphs < 2 then
      paragraphs[#paragraphs + 1] = vim.trim(line)
    end
  end
  check(#paragraphs == 2, "Article 19 is in the treaty")
  return paragraphs
end

--- The line as the editor leaves it after accepting `item` at `cursor` on `line`.
local function accept(line, cursor, item)
  local edit = item.textEdit
  if edit then
    local range = edit.range or edit.replace
    return line:sub(1, range.start.character) .. edit.newText .. line:sub(range["end"].character + 1)
  end
  local word_start = line:sub(1, cursor.character):find("%S+$") or cursor.character + 1
  return line:sub(1, word_start - 1) .. (item.insertText or item.label) .. line:sub(cursor.character + 1)
end

--- In a copy of the example beside its treaty, with Q10's answer taken out: the code action
--- "Answer from the treaty" at the empty answer, applied by Neovim, writes the drafted answer with
--- its mark and citation; the hover on Q11's number shows what Article 19 says, with its case.
local function answer_from_the_treaty()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  local copy = dir .. "/" .. vim.fn.fnamemodify(sheet, ":t")
  local q10_prompt = "10. Are there specific provisions in the treaty concerning the length of time"
  write_lines(copy, without_answer(read_lines(sheet), q10_prompt))
  assert((vim.uv or vim.loop).fs_copyfile(treaty, dir .. "/" .. vim.fn.fnamemodify(treaty, ":t")))

  vim.cmd("edit " .. vim.fn.fnameescape(copy))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.wait(WAIT_MS, function()
    return #clients(bufnr) > 0 and #vim.diagnostic.get(bufnr) > 0
  end, 50), "no client or no diagnostics for the copy")
  local client = clients(bufnr)[1]

  local q10 = position_of(bufnr, q10_prompt, "10").line
  local prompt_end = { line = q10, character = #vim.api.nvim_buf_get_lines(bufnr, q10, q10 + 1, true)[1] }
  check(vim.api.nvim_buf_get_lines(bufnr, q10 + 1, q10 + 2, true)[1] == "", "Q10's answer is empty")
  local actions = request(bufnr, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = prompt_end, ["end"] = prompt_end },
    context = { diagnostics = {} },
  })
  local titles, action = {}, nil
  for _, a in ipairs(actions or {}) do
    titles[#titles + 1] = a.title
    if a.title == "Answer from the treaty" then
      action = a
    end
  end
  check(action, "no Answer from the treaty among: " .. table.concat(titles, ", "))
  check(action.edit, "Answer from the treaty without an edit: " .. vim.inspect(action))
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local term = "本条约有效期为二十年"
  local drafted = "Yes. [draft] The treaty is concluded for a term of 20 years: “" .. term .. "” (Art. 19)"
  local after = vim.api.nvim_buf_get_lines(bufnr, q10, q10 + 3, true)
  check(
    vim.deep_equal(after, { vim.api.nvim_buf_get_lines(bufnr, q10, q10 + 1, true)[1], drafted, "" }),
    "Q10 after the action:\n" .. table.concat(after, "\n")
  )
  check(article19()[2]:find(term, 1, true), "Article 19 says " .. term)
  say("ok Answer from the treaty on the empty Q10 writes: " .. drafted)

  local draft_note = "Q10 is a draft from the treaty: review it, then remove [draft]"
  check(vim.wait(WAIT_MS, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.message == draft_note and d.lnum == q10 + 1 then
        return true
      end
    end
    return false
  end, 50), "no diagnostic " .. draft_note)
  say("ok diagnostic: " .. draft_note)

  local hover = request(bufnr, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = position_of(bufnr, "11. Are there conditions under which members may renounce", "11"),
  })
  check(hover and hover.contents, "no hover on Q11's number")
  local shown = text_of(hover.contents)
  local notice = "如缔约任何一方均未在条约期满前一年以书面形式通知缔约另一方要求终止本条约，"
    .. "则本条约将自动延长五年，并依此法顺延"
  check(article19()[2]:find(notice, 1, true), "Article 19 says " .. notice)
  local says = "\n\nThe treaty says:\n- Art. 19 (zh): “"
    .. notice
    .. "” — a notice that stops the automatic renewal at the end of the term: PROREN (Q12), "
    .. "not RENOUNCE (Q11), which is renunciation during the term; Q11's No can stand\n\n"
  check(vim.startswith(shown, "**Q11.** Are there conditions under which members may renounce"), "hover:\n" .. shown)
  check(shown:find(says, 1, true), "hover lacks" .. says .. "in:\n" .. shown)
  say("ok hover on Q11's number shows Article 19's renewal notice and its case")
end

local function run()
  local expected_api = vim.env.ATOP_LINT_EXPECT_API
  check(
    _G.atop_lint_setup_used == expected_api,
    ("setup used %s, expected %s"):format(tostring(_G.atop_lint_setup_used), tostring(expected_api))
  )
  local v = vim.version()
  say(("ok setup used %s on Neovim %d.%d.%d"):format(expected_api, v.major, v.minor, v.patch))

  vim.cmd("edit " .. vim.fn.fnameescape(sheet))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == "atop-codesheet", "filetype is " .. vim.bo[bufnr].filetype)
  say("ok filetype atop-codesheet")

  check(vim.wait(WAIT_MS, function()
    return #clients(bufnr) > 0
  end, 50), "no client attached")
  local client = clients(bufnr)[1]
  check(client.name == "atop_lint", "client " .. client.name)
  check(client.config.root_dir == repo, "root " .. tostring(client.config.root_dir))
  say("ok attached atop_lint, root " .. client.config.root_dir)
  local debounce = client.config.flags.debounce_text_changes
  check(debounce == 0, "flags.debounce_text_changes is " .. tostring(debounce))
  say("ok the client's flags are setup's")

  check(vim.wait(WAIT_MS, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50), "no diagnostics")
  local q11_line = position_of(bufnr, "11. Are there conditions under which members may renounce", "11").line + 1
  local q11
  local messages = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    messages[#messages + 1] = d.message
    if vim.startswith(d.message, "Q11 says No") then
      q11 = d
    end
  end
  check(q11, "no Q11 diagnostic among:\n" .. table.concat(messages, "\n"))
  check(q11.message:find("Art. 19", 1, true), "Q11 message without Art. 19: " .. q11.message)
  check(q11.lnum == q11_line and q11.col == 0, ("Q11 diagnostic at %d:%d"):format(q11.lnum, q11.col))
  say("ok diagnostic: " .. q11.message)

  local citation = position_of(bufnr, "(Art. 19)", "19)")
  local hover = request(bufnr, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = citation,
  })
  check(hover and hover.contents, "no hover on (Art. 19)")
  local shown = text_of(hover.contents)
  for _, paragraph in ipairs(article19()) do
    check(shown:find(paragraph, 1, true), "hover lacks " .. paragraph .. " in:\n" .. shown)
  end
  say("ok hover on (Art. 19) shows Article 19 in Chinese")

  local member = position_of(bufnr, "705 Kazakhstan.", "705")
  vim.api.nvim_buf_set_lines(bufnr, member.line + 1, member.line + 1, false, { "70" })
  local cursor = { line = member.line + 1, character = 2 }
  local result = request(bufnr, "textDocument/completion", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = cursor,
    context = { triggerKind = 1 },
  })
  check(result, "no completion after 70")
  local accepted = {}
  for _, item in ipairs(result.items or result) do
    accepted[accept("70", cursor, item)] = true
  end
  check(accepted["705 Kazakhstan"], "705 Kazakhstan not among " .. table.concat(vim.tbl_keys(accepted), ", "))
  say("ok completion after 70 offers 705 Kazakhstan")
  answer_from_the_treaty()
end

local ok, err = pcall(run)
if ok then
  say("nvim: all checks passed")
  vim.cmd("qall!")
else
  say("not ok " .. tostring(err))
  vim.cmd("cquit 1")
end
