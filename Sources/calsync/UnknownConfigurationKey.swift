/// A key the configuration file does not know, named by its path (`integrations[0].settings.pastDay`), with the known
/// key it most resembles: `unknown key "databse" (did you mean "database"?)`.
struct UnknownConfigurationKey: Error, CustomStringConvertible, Equatable {
    let path: String
    let suggestion: String?

    init(path: String, suggestion: String?) {
        self.path = path
        self.suggestion = suggestion
    }

    init(codingPath: [any CodingKey], known: some Collection<String>) {
        let suggestion = codingPath.last.flatMap { Self.nearest($0.stringValue, among: known) }
        self.init(path: Self.keyPath(codingPath), suggestion: suggestion)
    }

    var description: String {
        "unknown key \"\(path)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
    }

    /// `integrations[0].settings.workday`: positions in a list in brackets.
    static func keyPath(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// The known key closest to `key` (case aside, at most 2 edits and fewer than half its length), if any.
    static func nearest(_ key: String, among known: some Collection<String>) -> String? {
        let scored = known.map { (name: $0, edits: editDistance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { ($0.edits, $0.name) < ($1.edits, $1.name) }),
            best.edits <= 2, best.edits * 2 < key.count
        else { return nil }
        return best.name
    }

    /// Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
