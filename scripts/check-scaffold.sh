#!/usr/bin/env bash
# End-to-end check of the scaffold-connector plugin that never touches this working tree. It mirrors the package
# (tracked + untracked-not-ignored files, and Package.resolved) into a scratch copy, checks the refusals, scaffolds
# a connector there, checks it produced exactly one connector folder (connector with its search, response reader), its
# tests and fixture and one registration line in the generated list, builds with --build-tests and runs the new
# connector's tests and the conformance suite over every connector (the new one included).
#
# The copy lives at a FIXED path (default .build/scaffold-check/litharvest, git-ignored, removed by `make clean`)
# and keeps its own .build between runs: SwiftPM, llbuild and clang's module cache record absolute paths, so a
# .build copied to a fresh temp dir is not reusable and every run would be a full rebuild (~5 min on 2 cores).
# The mirror only rewrites files whose bytes changed, so after the first run the build is incremental. The first
# run seeds the dependency checkouts from this package's .build, so no network is needed.
#
# Usage: scripts/check-scaffold.sh [Name]      (default Demo)
#   SCAFFOLD_CHECK_DIR=<dir>  where to keep the copy (default .build/scaffold-check)
#   KEEP=1                    keep the per-run logs (printed path)
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
swift="${SWIFT:-swift}"
name="${1:-Demo}"
id="$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]')"
started=$SECONDS

cache="${SCAFFOLD_CHECK_DIR:-$root/.build/scaffold-check}"
pkg="$cache/litharvest"
mkdir -p "$pkg" || exit 1
exec 9>"$cache/lock"
if ! flock -n 9; then
    echo "another scripts/check-scaffold.sh run is using $cache; waiting for it" >&2
    flock 9
fi
logs="$(mktemp -d "${TMPDIR:-/tmp}/litharvest-scaffold-logs.XXXXXX")"
cleanup() {
    if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $logs; the copy is $pkg"; else rm -rf "$logs"; fi
}
trap cleanup EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    if [ -n "${2:-}" ] && [ -f "$2" ]; then sed 's/^/     | /' "$2" | tail -n 25; fi
}
finish() {
    echo "scaffold check: $passed passed, $failed failed ($((SECONDS - started)) s)"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit $?
}

# --- Mirror the package into the copy ---------------------------------------------------------------------------
declare -A wanted=()
while IFS= read -r -d '' file; do
    if [ -e "$file" ] || [ -L "$file" ]; then wanted["$file"]=1; fi
done < <(git ls-files -z --cached --others --exclude-standard)
[ -f Package.resolved ] && wanted[Package.resolved]=1
if [ "${#wanted[@]}" -eq 0 ]; then
    echo "git ls-files listed nothing; run this from the litharvest git checkout" >&2
    exit 1
fi
# Remove what is no longer in the package (last run's scaffolded files included), outside the copy's .build.
while IFS= read -r -d '' file; do
    file="${file#./}"
    [ -n "${wanted[$file]:-}" ] || rm -f "$pkg/$file"
done < <(cd "$pkg" && find . -path ./.build -prune -o \( -type f -o -type l \) -print0)
for top in "$pkg"/* "$pkg"/.[!.]*; do
    [ "$top" = "$pkg/.build" ] && continue
    [ -d "$top" ] && [ ! -L "$top" ] && find "$top" -depth -type d -empty -delete
done
# Copy only what differs, keeping times, so unchanged files are not rebuilt.
changed=0
for file in "${!wanted[@]}"; do
    if [ -L "$file" ] || [ ! -e "$pkg/$file" ] || [ -L "$pkg/$file" ] || ! cmp -s "$file" "$pkg/$file"; then
        mkdir -p "$pkg/$(dirname "$file")" && rm -f "$pkg/$file" && cp -a "$file" "$pkg/$file" || exit 1
        changed=$((changed + 1))
    fi
done
# First run: the dependency checkouts (not the build products, which are tied to this path) from our .build.
if [ ! -d "$pkg/.build/checkouts" ] && [ -d .build/checkouts ]; then
    seed=()
    for entry in .build/checkouts .build/repositories .build/artifacts .build/workspace-state.json; do
        [ -e "$entry" ] && seed+=("$entry")
    done
    tar -cf - "${seed[@]}" | tar -xf - -C "$pkg"
    echo "seeded the copy's dependency checkouts from .build (first run: expect a full build, ~5 min on 2 cores)"
fi
echo "mirrored the package to $pkg ($changed files updated, $((SECONDS - started)) s)"

# Checksums of every file of the copy outside .build, to prove a refusal wrote nothing.
snapshot() { (cd "$pkg" && find . -path ./.build -prune -o -type f -print0 | sort -z | xargs -0 md5sum); }
plugin() { (cd "$pkg" && "$swift" package "$@"); }
scaffold() { plugin --allow-writing-to-package-directory scaffold-connector "$@"; }

# A refusal: non-zero exit, an error naming the problem, and no file changed.
expect_refusal() {
    local label="$1" pattern="$2"
    shift 2
    local log="$logs/refusal-$(printf '%s' "$label" | tr -c 'A-Za-z0-9' _).log"
    local before after
    before="$(snapshot)"
    if scaffold "$@" >"$log" 2>&1; then
        fail "$label: exited 0 (expected a refusal)" "$log"
        return
    fi
    after="$(snapshot)"
    if [ "$before" != "$after" ]; then
        fail "$label: refused but changed files" "$log"
    elif ! grep -qiE -e "$pattern" "$log"; then
        fail "$label: refused without saying why (expected /$pattern/)" "$log"
    else
        pass "$label: refused, nothing written ($(grep -m1 -iE -e "$pattern" "$log" | sed 's/^.*error: //'))"
    fi
}

connector="Sources/LitharvestConnectors/$name/${name}Connector.swift"
options="Sources/LitharvestConnectors/$name/${name}Options.swift"
response="Sources/LitharvestConnectors/$name/${name}Response.swift"
fixture="Tests/LitharvestConnectorsTests/Fixtures/$id/sample_response.xml"
sources="Tests/LitharvestConnectorsTests/Fixtures/$id/SOURCES.md"
tests="Tests/LitharvestConnectorsTests/$name/${name}ConnectorTests.swift"
registry="Sources/LitharvestConnectors/ConnectorList+Generated.swift"

# --- Dry run and refusals before scaffolding --------------------------------------------------------------------
log="$logs/dry-run.log"
before="$(snapshot)"
if scaffold --name "$name" --dry-run >"$log" 2>&1 && [ "$before" = "$(snapshot)" ] \
    && grep -qF "$connector" "$log" && grep -qF "$options" "$log" && grep -qF "$response" "$log" \
    && grep -qF "$tests" "$log" && grep -qF "$fixture" "$log"; then
    pass "--dry-run lists the files and writes nothing"
else
    fail "--dry-run" "$log"
fi

log="$logs/no-permission.log"
if plugin scaffold-connector --name "$name" >"$log" 2>&1 </dev/null; then
    fail "without --allow-writing-to-package-directory: exited 0" "$log"
elif [ "$before" != "$(snapshot)" ]; then
    fail "without --allow-writing-to-package-directory: files changed" "$log"
else
    pass "without --allow-writing-to-package-directory: exits non-zero, writes nothing"
fi

expect_refusal "missing --name" "--name <Name> is required" --dry-run
expect_refusal "--name demo (lower case)" "not an UpperCamelCase" --name demo
expect_refusal "--name Class (keyword)" "keyword" --name Class
expect_refusal "--name Foo_Bar (underscore)" "not an UpperCamelCase" --name Foo_Bar
expect_refusal "--name $name --id 9x (bad id)" "not a connector id" --name "$name" --id 9x
expect_refusal "--name $name --id pubmed (id taken)" "already used by a descriptor" --name "$name" --id pubmed
expect_refusal "--name Entrez (type EntrezConnector exists)" "already declared" --name Entrez
expect_refusal "unknown argument" "unexpected arguments" --name "$name" --force

# --- Scaffold -------------------------------------------------------------------------------------------------
log="$logs/scaffold.log"
registry_before="$logs/registry-before.swift"
cp "$pkg/$registry" "$registry_before"
list_files() { (cd "$pkg" && find . -path ./.build -prune -o -type f -print | sed 's|^\./||' | sort); }
files_before="$(list_files)"
if scaffold --name "$name" >"$log" 2>&1; then
    missing=""
    for file in "$connector" "$options" "$response" "$fixture" "$sources" "$tests"; do
        [ -f "$pkg/$file" ] || missing="$missing $file"
    done
    # Exactly the expected shape: these files and nothing else new, and one added line in the generated list.
    new_files="$(comm -13 <(printf '%s\n' "$files_before") <(list_files))"
    expected_files="$(printf '%s\n' "$connector" "$options" "$response" "$fixture" "$sources" "$tests" | sort)"
    added="$(diff "$registry_before" "$pkg/$registry" | grep -c '^>' || true)"
    removed="$(diff "$registry_before" "$pkg/$registry" | grep -c '^<' || true)"
    if [ -n "$missing" ]; then
        fail "scaffold --name $name: missing$missing" "$log"
    elif [ "$new_files" != "$expected_files" ]; then
        printf 'expected:\n%s\ngot:\n%s\n' "$expected_files" "$new_files" >>"$log"
        fail "scaffold --name $name: wrote other files than the connector folder, its tests and fixture" "$log"
    elif ! grep -qxF "    ${name}Connector.self," "$pkg/$registry" || [ "$added" != 1 ] || [ "$removed" != 0 ]; then
        fail "scaffold --name $name: not exactly one registration line added to $registry" "$log"
    elif ! (cd "$pkg" && scripts/generate-connector-list.sh --check) >>"$log" 2>&1; then
        fail "scaffold --name $name: $registry is not what scripts/generate-connector-list.sh writes" "$log"
    else
        pass "scaffold --name $name: one folder ($name/: Connector, Options, Response), tests, fixture, one registration line"
    fi
else
    fail "scaffold --name $name" "$log"
fi

expect_refusal "second scaffold --name $name" "already exists" --name "$name"
expect_refusal "--name Other --id $id (fixture folder and id taken)" "already" --name Other --id "$id"

# --- Build and test the scaffolded connector --------------------------------------------------------------------
log="$logs/build.log"
build_started=$SECONDS
if (cd "$pkg" && "$swift" build --build-tests) >"$log" 2>&1; then
    pass "swift build --build-tests ($((SECONDS - build_started)) s)"
    log="$logs/test.log"
    if (cd "$pkg" && "$swift" test --skip-build --filter "${name}ConnectorTests|ConnectorConformanceTests") >"$log" 2>&1 \
        && grep -qE "Suite \"?$name connector\"? passed" "$log" && grep -qE "Suite \"?Connector conformance\"? passed" "$log"; then
        pass "swift test --filter '${name}ConnectorTests|ConnectorConformanceTests': $(grep -oE 'Test run with [0-9]+ tests?( in [0-9]+ suites?)? passed' "$log" | tail -n 1)"
    else
        fail "swift test --filter '${name}ConnectorTests|ConnectorConformanceTests'" "$log"
    fi
else
    fail "swift build --build-tests" "$log"
fi

finish
