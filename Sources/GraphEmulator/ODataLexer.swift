/// Splits OData `$filter` / `$expand` text into tokens: quoted strings (with `''` escapes), the
/// punctuation `( ) : , = ;`, and words (identifiers, paths such as `ep/id`, operators).
enum ODataToken: Hashable, Sendable {
    case word(String)
    case string(String)
    case punct(Character)

    /// The word, lower-cased, or nil for other tokens.
    var lowerWord: String? {
        if case .word(let w) = self { return w.lowercased() }
        return nil
    }
}

enum ODataLexer {
    /// Nil when a string literal is not terminated.
    static func tokenize(_ text: String) -> [ODataToken]? {
        var tokens: [ODataToken] = []
        let chars = Array(text)
        var i = 0
        var word = ""
        func flush() {
            if !word.isEmpty { tokens.append(.word(word)) }
            word = ""
        }
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                flush()
                var literal = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "'" {
                        if i + 1 < chars.count, chars[i + 1] == "'" {
                            literal.append("'")
                            i += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    literal.append(chars[i])
                    i += 1
                }
                guard closed else { return nil }
                tokens.append(.string(literal))
            } else if "():,=;".contains(c) {
                flush()
                tokens.append(.punct(c))
            } else if c.isWhitespace {
                flush()
            } else {
                word.append(c)
            }
            i += 1
        }
        flush()
        return tokens
    }

    /// Splits tokens at top-level occurrences of a keyword (e.g. `or`, `and`), outside parentheses.
    static func split(_ tokens: [ODataToken], on keyword: String) -> [[ODataToken]] {
        var parts: [[ODataToken]] = [[]]
        var depth = 0
        for token in tokens {
            if token == .punct("(") { depth += 1 }
            if token == .punct(")") { depth -= 1 }
            if depth == 0, token.lowerWord == keyword {
                parts.append([])
            } else {
                parts[parts.count - 1].append(token)
            }
        }
        return parts
    }
}
