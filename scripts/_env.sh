# Sourced by every script: create the pinned Python environment in .venv when it
# is missing or the lock changed, then work from the project folder with it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# ensure_venv FOLDER [EXTRA-REQUIREMENT...]: the lock's packages (and the extras) in FOLDER.
# With ENSURE_VENV_ONLY=1, the extras alone, at the lock's versions wherever the lock names them:
# for a tool that never imports the project's code (ensure_tool_venv).
ensure_venv() {
  local venv="$1"; shift
  local wanted from=(-r "$ROOT/requirements.lock")
  [ -z "${ENSURE_VENV_ONLY:-}" ] || from=(-c "$ROOT/requirements.lock")
  wanted="$(cat "$ROOT/requirements.lock" "$ROOT/pyproject.toml" <(echo "$@" ${ENSURE_VENV_ONLY:+only}) | sha256sum | cut -d' ' -f1)"
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.installed-lock" 2>/dev/null)" = "$wanted" ]; then
    return
  fi
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)." >&2
    exit 1
  fi
  echo "Setting up the pinned Python environment in ${venv#"$ROOT"/} ..." >&2
  "$python" -m venv "$venv"
  # (this machine's pip configuration may name extra package folders that do not exist: not worth a warning)
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${from[@]}" "$@" \
    2> >(grep -v "^WARNING: Location .* is ignored" >&2)
  echo "$wanted" > "$venv/.installed-lock"
}

ensure_tool_venv() { ENSURE_VENV_ONLY=1 ensure_venv "$@"; }

ensure_venv "$ROOT/.venv"
export PATH="$ROOT/.venv/bin:$PATH"
# The package behind the hooks lives in hooks/; MkDocs finds it beside the hook module.
export PYTHONPATH="$ROOT/hooks${PYTHONPATH:+:$PYTHONPATH}"
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
cd "$ROOT"
