import LitharvestHTTP

/// What `litharvest --version` prints: the version and the commit the binary was built from.
///
/// `make release` runs `scripts/stamp-build.sh`, which writes the commit into the git-ignored
/// `BuildStamp+Commit.swift` and builds with `-DLITHARVEST_STAMPED`; a plain `swift build` never asks git and
/// names no commit.
enum BuildStamp {
    /// "litharvest 0.1.0 (commit abc1234)", or "(unknown commit)" in a build that was not stamped.
    static var versionLine: String {
        "litharvest \(LitharvestVersion.current) (\(stampedCommit.map { "commit \($0)" } ?? "unknown commit"))"
    }
}

#if !LITHARVEST_STAMPED
/// A plain build knows no commit.
let stampedCommit: String? = nil
#endif
