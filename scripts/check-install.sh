#!/usr/bin/env bash
# `make install` into a temporary prefix, then the installed binary run from / (no config/ beside it):
# `connectors` must list the declarative connectors compiled into it, `--version` must name this commit,
# and a config written by `init` must pass `validate`.
#
# Usage: scripts/check-install.sh   (MAKE, SWIFT and BUILD_FLAGS pass through to make install)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="$(mktemp -d "${TMPDIR:-/tmp}/litharvest-install.XXXXXX")"
trap 'rm -rf "$prefix"' EXIT

"${MAKE:-make}" --no-print-directory install PREFIX="$prefix"
binary="$prefix/bin/litharvest"
fail() { echo "check-install: $*" >&2; exit 1; }

version="$(cd / && "$binary" --version)"
echo "$version"
commit="$(git rev-parse --short=7 HEAD 2>/dev/null || true)"
if [ -n "$commit" ]; then
    [[ "$version" == "litharvest "*" (commit $commit"* ]] || fail "--version does not name commit $commit"
fi

connectors="$(cd / && env -u LITHARVEST_CONNECTORS_DIR "$binary" connectors)"
for id in pubmed nlk kolisnet; do
    grep -q "^$id " <<<"$connectors" || fail "'connectors' run from / does not list $id"
done
grep -E '^nlk .*declarative' <<<"$connectors" >/dev/null || fail "nlk is not listed as declarative"
echo "connectors run from / list nlk and kolisnet (declarative)"

review="$prefix/review"
mkdir -p "$review"
(cd "$review" && "$binary" init --databases pubmed,kci,nlk >/dev/null && "$binary" validate)
echo "check-install: ok ($binary)"
