import Foundation

/// Builds Google call URLs: path segments and query values percent-encoded strictly (everything but RFC 3986's
/// unreserved characters), so an address (`@`), an id or a token can never change the URL's shape.
enum GoogleURL {
    private static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `base` + `/segment…` + `?name=value&…`.
    static func make(_ base: String, _ segments: [String], query: [(String, String)] = []) -> URL {
        var text = base + segments.map { "/" + encode($0) }.joined()
        if !query.isEmpty { text += "?" + query.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&") }
        // Every part is encoded and the base was validated (`GoogleEndpoints`), so this always parses.
        return URL(string: text) ?? URL(string: "https://invalid.invalid")!
    }
}
