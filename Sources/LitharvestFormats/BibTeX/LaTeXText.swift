import Foundation

/// Turns the LaTeX found in BibTeX values into plain Unicode text: accent commands in all their spellings
/// (`\'e`, `\'{e}`, `{\'e}`, `\c{c}`, `\v s`), letters (`\ss`, `\o`, `\ae`, `\l`, `\i`), escaped specials
/// (`\&`, `\%`, `\_`, `\textbackslash{}`), dashes (`--`), ties (`~`), formatting commands (`\emph{x}` → x)
/// and the protecting braces.
enum LaTeXText {
    /// Combining marks for the accent commands.
    static let accents: [String: Character] = [
        "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "\"": "\u{308}", "~": "\u{303}", "=": "\u{304}",
        ".": "\u{307}", "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "c": "\u{327}", "k": "\u{328}",
        "r": "\u{30A}", "d": "\u{323}", "b": "\u{331}",
    ]

    /// Commands that stand for a letter or symbol.
    static let symbols: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ",
        "textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}", "textasciitilde": "~",
        "textasciicircum": "^", "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
        "textregistered": "®", "texttrademark": "™", "textdegree": "°", "textmu": "µ", "textbullet": "•",
        "textellipsis": "…", "ldots": "…", "dots": "…", "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ",
        "epsilon": "ε", "kappa": "κ", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ", "omega": "ω",
        "pm": "±", "times": "×", "leq": "≤", "geq": "≥", "le": "≤", "ge": "≥", "textless": "<", "textgreater": ">",
        "S": "§", "P": "¶", "copyright": "©", "pounds": "£", "euro": "€",
    ]

    /// How deep command arguments are unwrapped; deeper ones keep their text as it is, so a value of
    /// thousands of nested `\emph{` neither overflows the stack nor copies its text once per level.
    static let maximumNesting = 16

    /// Plain text for a BibTeX value (already stripped of its outer delimiters).
    static func plain(_ value: String) -> String {
        plain(value, nesting: 0)
    }

    private static func plain(_ value: String, nesting: Int) -> String {
        let scalars = Array(value.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0

        /// Reads the argument of a command: `{…}` (without the braces) or one character.
        func argument() -> String {
            while index < scalars.count, scalars[index] == " " { index += 1 }
            guard index < scalars.count else { return "" }
            if scalars[index] == "{" {
                var depth = 0
                var text = String.UnicodeScalarView()
                while index < scalars.count {
                    let scalar = scalars[index]
                    index += 1
                    if scalar == "{" {
                        depth += 1
                        if depth == 1 { continue }
                    } else if scalar == "}" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    text.append(scalar)
                }
                return nesting < maximumNesting ? plain(String(text), nesting: nesting + 1) : String(text)
            }
            if scalars[index] == "\\" {
                // `\'\i`: a command as the argument.
                var name = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, scalars[index].properties.isAlphabetic {
                    name.append(scalars[index])
                    index += 1
                }
                return symbols[String(name)] ?? String(name)
            }
            let scalar = scalars[index]
            index += 1
            return String(Character(scalar))
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                index += 1
                guard index < scalars.count else { break }
                let next = scalars[index]
                if next.properties.isAlphabetic {
                    var name = String.UnicodeScalarView()
                    while index < scalars.count, scalars[index].properties.isAlphabetic {
                        name.append(scalars[index])
                        index += 1
                    }
                    let command = String(name)
                    if let mark = accents[command], command.count == 1 {
                        let base = argument()
                        out.append(contentsOf: compose(base, mark).unicodeScalars)
                    } else if let symbol = symbols[command] {
                        out.append(contentsOf: symbol.unicodeScalars)
                        // `\ss{}` and `\ss ` end the command name.
                        if index + 1 < scalars.count, scalars[index] == "{", scalars[index + 1] == "}" {
                            index += 2
                        } else if index < scalars.count, scalars[index] == " " {
                            index += 1
                        }
                    } else {
                        // Formatting (`\emph`, `\textit`, `\mathrm`) and unknown commands: keep the argument.
                        while index < scalars.count, scalars[index] == " " { index += 1 }
                        if index < scalars.count, scalars[index] == "{" { out.append(contentsOf: argument().unicodeScalars) }
                    }
                } else if let mark = accents[String(Character(next))] {
                    index += 1
                    out.append(contentsOf: compose(argument(), mark).unicodeScalars)
                } else {
                    // `\&`, `\%`, `\$`, `\#`, `\_`, `\{`, `\}`, `\ ` and the like: the character itself.
                    out.append(next == " " ? " " : next)
                    index += 1
                }
            case "{", "}":
                index += 1
            case "~":
                out.append(" ")
                index += 1
            case "-":
                if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] == "-" {
                    out.append("—")
                    index += 3
                } else if index + 1 < scalars.count, scalars[index + 1] == "-" {
                    out.append("–")
                    index += 2
                } else {
                    out.append("-")
                    index += 1
                }
            case "$":
                index += 1
            default:
                out.append(scalar)
                index += 1
            }
        }
        return String(out)
    }

    /// `base` with the combining `mark` on its first character, composed (NFC).
    static func compose(_ base: String, _ mark: Character) -> String {
        guard let first = base.first else { return String(mark) }
        let letter = first == "ı" ? "i" : String(first)
        return (letter + String(mark)).precomposedStringWithCanonicalMapping + base.dropFirst()
    }
}
