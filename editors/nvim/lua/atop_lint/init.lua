-- atop-lint for Neovim: starts `atop-lint lsp` for ATOP coding sheets (filetype `atop-codesheet`,
-- detected by ftdetect/atop_codesheet.vim), with the workspace root found from `atop.toml`, a
-- `treaties/` folder or `.git`.
--
--   require("atop_lint").setup({ cmd = { "atop-lint", "lsp" }, rules = { ["citation-style"] = "off" } })
--
-- `flags` are passed to the client as they are, e.g. `flags = { debounce_text_changes = 0 }`.
--
-- Neovim 0.11+ uses vim.lsp.config/vim.lsp.enable, 0.8-0.10 vim.lsp.start, and 0.7
-- vim.lsp.start_client with buf_attach_client.
local M = {}

M.filetype = "atop-codesheet"
M.server_name = "atop_lint"

local defaults = {
  cmd = { "atop-lint", "lsp" },
  root_markers = { "atop.toml", "treaties", ".git" },
  -- Severity per rule code ("off", "error", "warning", "info", "hint"); codes: `atop-lint rules`.
  rules = {},
  -- The LSP client's flags (see :help vim.lsp.start_client()).
  flags = {},
}

local uv = vim.uv or vim.loop

--- The nearest folder, from the file's own upward, that holds one of `markers`; else the file's
--- folder.
function M.find_root(path, markers)
  local start = vim.fn.fnamemodify(path, ":p:h")
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if uv.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return start
    end
    dir = parent
  end
end

--- The LSP clients attached to buffer `bufnr` (a list).
function M.clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

--- The settings the server reads, as initializationOptions and didChangeConfiguration settings:
--- {"rules": {"<rule-code>": "<severity>"}}.
function M.server_settings(rules)
  -- An empty Lua table would be sent as a JSON array.
  return { rules = next(rules) and rules or vim.empty_dict() }
end

-- Neovim 0.7: one client per root, attached to each sheet under it.
local clients_by_root = {}

local function start_client_07(config, bufnr)
  local id = clients_by_root[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    clients_by_root[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

local function attach(bufnr, config, markers)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" then
    return
  end
  local buffer_config = vim.tbl_extend("force", config, { root_dir = M.find_root(path, markers) })
  if vim.lsp.start then
    vim.lsp.start(buffer_config, { bufnr = bufnr })
  else
    start_client_07(buffer_config, bufnr)
  end
end

--- Starts the server for coding sheets. Returns the API it used: "lsp.enable", "lsp.start" or
--- "start_client".
function M.setup(opts)
  opts = vim.tbl_extend("force", defaults, opts or {})
  local settings = M.server_settings(opts.rules)
  local config = {
    name = M.server_name,
    cmd = opts.cmd,
    init_options = settings,
    settings = settings,
    flags = opts.flags,
  }

  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config(M.server_name, vim.tbl_extend("force", config, {
      filetypes = { M.filetype },
      root_markers = opts.root_markers,
    }))
    vim.lsp.enable(M.server_name)
    return "lsp.enable"
  end

  local group = vim.api.nvim_create_augroup("atop_lint", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.filetype,
    callback = function(args)
      attach(args.buf, config, opts.root_markers)
    end,
  })
  -- Sheets opened before setup ran (a lazily loaded plugin).
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == M.filetype then
      attach(bufnr, config, opts.root_markers)
    end
  end
  return vim.lsp.start and "lsp.start" or "start_client"
end

return M
