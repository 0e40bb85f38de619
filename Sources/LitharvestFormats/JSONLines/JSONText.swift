/// Compact JSON text for the plain values CSL items are made of (strings, integers, arrays and dictionaries),
/// with keys sorted, slashes unescaped and non-ASCII kept as UTF-8.
enum JSONText {
    static func append(_ value: Any, to out: inout String) {
        switch value {
        case let text as String:
            appendString(text, to: &out)
        case let number as Int:
            out += String(number)
        case let flag as Bool:
            out += flag ? "true" : "false"
        case let dictionary as [String: Any]:
            out += "{"
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                appendString(key, to: &out)
                out += ":"
                append(dictionary[key] as Any, to: &out)
            }
            out += "}"
        case let array as [Any]:
            out += "["
            for (index, element) in array.enumerated() {
                if index > 0 { out += "," }
                append(element, to: &out)
            }
            out += "]"
        default:
            out += "null"
        }
    }

    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        // Most values need no escaping at all: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
