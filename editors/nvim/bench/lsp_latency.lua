-- Keystroke → diagnostics in a real client: headless Neovim, the plugin of editors/nvim and the
-- real `atop-lint lsp`. Used as the init file (scripts/bench-nvim runs it):
--   ATOP_LINT=... ATOP_LINT_REPO=... nvim --headless -i NONE -u editors/nvim/bench/lsp_latency.lua
--
-- For each sheet (the seed beside its treaty; the largest real-treaty benchmark sheet copied
-- beside its treaty), a character is typed into Q61's answer with nvim_buf_set_text and taken out
-- again, one edit at a time, so that Neovim's change tracking sends each didChange itself. Each
-- edit is timed from just before the buffer change to the publishDiagnostics notification for the
-- buffer's new version, as Neovim's handler receives it (vim.loop.hrtime). The didChange debounce
-- is 0: Neovim sends the change at once, so the time is the client's change tracking, the pipe and
-- the server, not a timer. Also timed: from didChange leaving the client to the notification.
-- Prints median, p99 and max per sheet, and the server's VmRSS every 1,000 edits (10,000 edits:
-- ATOP_LINT_BENCH_EDITS=10000); exits 1 if a sheet is not paired or diagnostics stop.
-- It times pushed diagnostics, as Debian's Neovim (0.7) takes them: a client that offers pull
-- diagnostics (Neovim 0.11) gets none pushed, and the bench stops at the first sheet.
local EDITS = tonumber(vim.env.ATOP_LINT_BENCH_EDITS or "1000")
local WAIT_MS = 15000
-- The server's resident memory is read every so many edits.
local RSS_EVERY = 1000
local repo = vim.env.ATOP_LINT_REPO
local uv = vim.uv or vim.loop

vim.opt.runtimepath:prepend(repo .. "/editors/nvim")
vim.opt.swapfile = false
require("atop_lint").setup({ cmd = { vim.env.ATOP_LINT, "lsp" }, flags = { debounce_text_changes = 0 } })

local function say(line)
  io.stdout:write(line .. "\n")
end

local function check(condition, message)
  if not condition then
    error(message, 0)
  end
end

-- Arrival time of each (uri, version)'s diagnostics, and whether a treaty is missing from them.
local arrived, first, unpaired = {}, {}, {}
local publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  local now = uv.hrtime()
  if result then
    first[result.uri] = first[result.uri] or now
  end
  if result and result.version then
    arrived[result.uri .. "#" .. result.version] = now
    for _, d in ipairs(result.diagnostics) do
      if d.code == "treaty-missing" then
        unpaired[result.uri] = true
      end
    end
  end
  return publish(err, result, ctx, config)
end

local clients = require("atop_lint").clients

--- Send time of each (uri, version)'s didChange, from the client's own notify.
local sent = {}
local function time_did_change(client)
  if client.atop_lint_bench_timed then
    return
  end
  client.atop_lint_bench_timed = true
  local notify = client.notify
  client.notify = function(...)
    local args = { ... }
    -- `client.notify(method, params)` on 0.7, `client:notify(method, params)` on 0.11.
    local method, params = args[1], args[2]
    if type(method) == "table" then
      method, params = args[2], args[3]
    end
    if method == "textDocument/didChange" then
      sent[params.textDocument.uri .. "#" .. params.textDocument.version] = uv.hrtime()
    end
    return notify(...)
  end
end

local function resident_kib(pid)
  local file = pid and io.open("/proc/" .. pid .. "/status")
  if not file then
    return nil
  end
  local status = file:read("*a")
  file:close()
  return tonumber(status:match("VmRSS:%s*(%d+)"))
end

local function mib(kib)
  return kib and ("%.1f MiB"):format(kib / 1024) or "unknown"
end

local function percentile(sorted, p)
  local i = math.max(1, math.min(#sorted, math.ceil(#sorted * p)))
  return sorted[i]
end

local function report(what, times)
  table.sort(times)
  say(("  %-36s median %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)"):format(
    what,
    percentile(times, 0.5),
    percentile(times, 0.99),
    times[#times],
    #times
  ))
end

--- Opens `sheet`, waits for its first diagnostics, then times EDITS edits in Q61's answer.
local function bench(label, sheet)
  vim.cmd("edit " .. vim.fn.fnameescape(sheet))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  check(vim.wait(WAIT_MS, function()
    return #clients(bufnr) > 0 and first[uri] ~= nil
  end, 10), ("%s: %d clients, first diagnostics %s (filetype %s)"):format(
    label, #clients(bufnr), tostring(first[uri]), vim.bo[bufnr].filetype))
  check(not unpaired[uri], label .. ": the sheet is not paired with its treaty")
  local client = clients(bufnr)[1]
  time_did_change(client)
  local pid = client.rpc and client.rpc.pid

  local row, col
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)) do
    if vim.startswith(line, "61. Coder: ") then
      row, col = i - 1, #"61. Coder: "
    end
  end
  check(row, label .. ": no Q61 answer")

  local versions = vim.lsp.util.buf_versions
  local rss = { ("0: %s"):format(mib(resident_kib(pid))) }
  local typed, server = {}, {}
  for i = 1, EDITS do
    local started = uv.hrtime()
    if i % 2 == 1 then
      vim.api.nvim_buf_set_text(bufnr, row, col, row, col, { "x" })
    else
      vim.api.nvim_buf_set_text(bufnr, row, col, row, col + 1, { "" })
    end
    local key = uri .. "#" .. versions[bufnr]
    check(vim.wait(WAIT_MS, function()
      return arrived[key] ~= nil
    end, 1), label .. ": no diagnostics for " .. key)
    typed[#typed + 1] = (arrived[key] - started) / 1e6
    server[#server + 1] = (arrived[key] - sent[key]) / 1e6
    if i % RSS_EVERY == 0 then
      rss[#rss + 1] = ("%d: %s"):format(i, mib(resident_kib(pid)))
    end
  end

  say(label .. ":")
  report("buffer change → publishDiagnostics", typed)
  report("didChange sent → publishDiagnostics", server)
  say("  server VmRSS after so many edits: " .. table.concat(rss, ", "))
  vim.cmd("bwipeout!")
end

local function run()
  local v = vim.version()
  say(("atop-lint lsp in headless Neovim %d.%d.%d, didChange debounce 0, %d edits per sheet"):format(
    v.major,
    v.minor,
    v.patch,
    EDITS
  ))
  bench("seed sheet", repo .. "/examples/5030/5030.codesheet.txt")

  -- The largest sheet of the real-treaty benchmark that has its treaty there, copied with its
  -- treaty into a folder of their own.
  local bench_dir = repo .. "/tests/fixtures/bench/"
  local largest, largest_size, treaties
  for _, sheet in ipairs(vim.fn.glob(bench_dir .. "sheets/*.codesheet.txt", true, true)) do
    local id = vim.fn.fnamemodify(sheet, ":t"):match("^(%d+)%.")
    local found = vim.fn.glob(bench_dir .. "treaties/" .. id .. ".treaty.*txt", true, true)
    local size = vim.fn.getfsize(sheet)
    if #found > 0 and (not largest or size > largest_size) then
      largest, largest_size, treaties = sheet, size, found
    end
  end
  check(largest, "no benchmark sheet with its treaty")
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  for _, file in ipairs(vim.list_extend({ largest }, treaties)) do
    assert(uv.fs_copyfile(file, dir .. "/" .. vim.fn.fnamemodify(file, ":t")))
  end
  local name = vim.fn.fnamemodify(largest, ":t")
  bench(("largest benchmark sheet (%s, %d B)"):format(name, largest_size), dir .. "/" .. name)
  vim.fn.delete(dir, "rf")
end

vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  -- So that `:edit` in it runs filetype detection, and the plugin's FileType autocommand.
  nested = true,
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      say("FAIL " .. tostring(err))
    end
    vim.cmd(ok and "qall!" or "cquit 1")
  end,
})
