#!/usr/bin/env bash
# Writes Sources/litharvest/Frontend/BuildStamp+Commit.swift (git-ignored): the commit the release binary is
# built from, which `litharvest --version` names. It takes effect only in builds with -DLITHARVEST_STAMPED
# (`make release`), so a plain `swift build` never depends on git. The commit is `git rev-parse --short HEAD`,
# with `-dirty` when tracked files differ from it; LITHARVEST_COMMIT overrides it (builds from a tarball).
set -euo pipefail
cd "$(dirname "$0")/.."
target="Sources/litharvest/Frontend/BuildStamp+Commit.swift"

commit="${LITHARVEST_COMMIT:-}"
if [ -z "$commit" ] && git rev-parse --git-dir >/dev/null 2>&1; then
    commit="$(git rev-parse --short=7 HEAD)"
    git diff --quiet HEAD -- 2>/dev/null || commit="$commit-dirty"
fi
if [ -n "$commit" ] && ! [[ "$commit" =~ ^[A-Za-z0-9._-]+$ ]]; then
    echo "LITHARVEST_COMMIT must be letters, digits, . _ or -: $commit" >&2
    exit 2
fi
value=$([ -n "$commit" ] && echo "\"$commit\"" || echo nil)

content="// Written by scripts/stamp-build.sh (make release); not in git.
#if LITHARVEST_STAMPED
/// The commit this binary was built from.
let stampedCommit: String? = $value
#endif"
# Rewritten only when the commit changed, so an unchanged tree does not recompile the CLI.
if [ "$(cat "$target" 2>/dev/null)" != "$content" ]; then
    printf '%s\n' "$content" >"$target"
fi
echo "stamped commit ${commit:-unknown}"
