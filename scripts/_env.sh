# Sourced by every script: create the pinned Python environment in .venv when it
# is missing or the lock changed, then work from the project folder with it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.installed-lock"

python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

wanted="$(cat "$ROOT/requirements.lock" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$wanted" ]; then
  PYTHON="${PYTHON:-python3}"
  if ! python_ok "$PYTHON"; then
    echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)." >&2
    exit 1
  fi
  echo "Setting up the pinned Python environment in .venv ..." >&2
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.lock"
  echo "$wanted" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
# The package behind the hooks lives in hooks/; MkDocs finds it beside the hook module.
export PYTHONPATH="$ROOT/hooks${PYTHONPATH:+:$PYTHONPATH}"
export NO_MKDOCS_2_WARNING=1
cd "$ROOT"
