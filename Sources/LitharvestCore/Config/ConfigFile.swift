import Foundation

/// File-system helpers for config loading: reading the file and resolving paths written in it.
enum ConfigFile {
    /// The contents of `path` as UTF-8 text.
    static func read(_ path: String) throws(ConfigError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(file: path, message: "no such config file")
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(file: path, message: "is a folder, not a config file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot read the config file (permissions?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "the config file is not UTF-8 text")
        }
        return text
    }

    /// `path` made absolute against the current directory and normalised (`.` and `..` removed).
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? normalize(path) : resolve(path, against: FileManager.default.currentDirectoryPath)
    }

    /// The folder holding the file at absolute `path`.
    static func directory(of path: String) -> String {
        var components = path.split(separator: "/", omittingEmptySubsequences: true)
        if !components.isEmpty { components.removeLast() }
        return "/" + components.joined(separator: "/")
    }

    /// `path` resolved against the absolute folder `directory` unless it is already absolute.
    static func resolve(_ path: String, against directory: String) -> String {
        normalize(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    /// Removes empty, `.` and `..` components from an absolute path, lexically (symbolic links are kept).
    static func normalize(_ path: String) -> String {
        var result: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !result.isEmpty { result.removeLast() }
            default: result.append(component)
            }
        }
        return "/" + result.joined(separator: "/")
    }
}
