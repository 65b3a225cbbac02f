-- Headless test of the plugin against the real `atop-lint lsp`: open the example sheet, wait for
-- its diagnostics, hover a citation, complete a COW code. Run by scripts/tests/nvim.sh:
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

local function clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

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
end

local ok, err = pcall(run)
if ok then
  say("nvim: all checks passed")
  vim.cmd("qall!")
else
  say("not ok " .. tostring(err))
  vim.cmd("cquit 1")
end
