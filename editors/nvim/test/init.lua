-- Minimal config for the headless tests: this plugin on the runtimepath, the server from
-- $ATOP_LINT. With $ATOP_LINT_SIMULATE_NVIM_0_10, Neovim 0.11's vim.lsp.config/enable are
-- hidden so that setup takes the vim.lsp.start path of Neovim 0.8-0.10.
local plugin = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h:h")
vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false

if vim.env.ATOP_LINT_SIMULATE_NVIM_0_10 == "1" then
  rawset(vim.lsp, "config", false)
  rawset(vim.lsp, "enable", false)
end

_G.atop_lint_setup_used = require("atop_lint").setup({
  cmd = { vim.env.ATOP_LINT, "lsp" },
  flags = { debounce_text_changes = 0 },
})
