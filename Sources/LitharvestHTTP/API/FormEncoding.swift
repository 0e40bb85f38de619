/// `application/x-www-form-urlencoded` encoding, shared by query strings and POST bodies.
package enum FormEncoding {
    /// Characters left as they are: RFC 3986 unreserved.
    private static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// Percent-encodes one component (space as `%20`, which every server we talk to accepts).
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// Encodes pairs as `a=1&b=2`.
    package static func encode(_ items: [QueryItem]) -> String {
        items.map { escape($0.name) + "=" + escape($0.value) }.joined(separator: "&")
    }

    /// Appends `items` to `base`, which may already carry a query string.
    package static func appending(_ items: [QueryItem], to base: String) -> String {
        guard !items.isEmpty else { return base }
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return base + separator + encode(items)
    }

    /// Decodes `a=1&b=%20` (and `+` as space) into pairs.
    package static func decode(_ text: Substring) -> [QueryItem] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(parts[0])
            let value = parts.count > 1 ? unescape(parts[1]) : ""
            return QueryItem(name, value)
        }
    }

    /// Undoes percent-encoding; `+` becomes a space.
    package static func unescape(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%") where iterator.count >= 2:
                let hex = String(decoding: iterator.prefix(2), as: UTF8.self)
                if let value = UInt8(hex, radix: 16) {
                    bytes.append(value)
                    iterator = iterator.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
