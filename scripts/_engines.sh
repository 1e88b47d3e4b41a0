# Sourced by scripts/build and scripts/serve (after _env.sh): which engine builds the site.
# The releases each engine is pinned to; ProperDocs and Zensical each live in a venv of their own.
PROPERDOCS_VERSION=1.6.7
ZENSICAL_VERSION=0.0.73  # the newest whose own packages install for Python 3.11 here

# parse_engine ARGS...: ENGINE (mkdocs by default) from --engine NAME or --engine=NAME;
# the other arguments in ENGINE_ARGS.
parse_engine() {
  ENGINE=mkdocs
  ENGINE_ARGS=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --engine) ENGINE="${2:?--engine needs a name}"; shift 2 ;;
      --engine=*) ENGINE="${1#--engine=}"; shift ;;
      *) ENGINE_ARGS+=("$1"); shift ;;
    esac
  done
  case "$ENGINE" in
    mkdocs|properdocs|zensical) ;;
    *) echo "Unknown engine '$ENGINE': choose mkdocs, properdocs or zensical." >&2; exit 2 ;;
  esac
}

# engine_venv NAME: the folder of the venv holding that engine, set up when missing.
# ProperDocs runs the hooks, so its venv holds the whole lock; Zensical runs only on the
# generated tree, so its venv holds Zensical alone (at the lock's versions where they meet).
engine_venv() {
  case "$1" in
    properdocs) ensure_venv "$ROOT/.cache/venv-properdocs" "properdocs==$PROPERDOCS_VERSION" >&2 ;;
    zensical) ensure_tool_venv "$ROOT/.cache/venv-zensical" "zensical==$ZENSICAL_VERSION" >&2 ;;
  esac
  echo "$ROOT/.cache/venv-$1"
}
