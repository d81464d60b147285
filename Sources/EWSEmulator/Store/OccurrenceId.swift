import Foundation

/// The ItemId of one occurrence: `AAMkOcc` + base64 of "<master id>|<index>". Ids are opaque to clients; this form
/// lets the emulator find the master and the occurrence again.
enum OccurrenceId {
    static let prefix = "AAMkOcc"

    static func make(masterId: String, index: Int) -> String {
        prefix + Data("\(masterId)|\(index)".utf8).base64EncodedString()
    }

    /// The master id and index of an occurrence id, or nil for another id.
    static func parse(_ id: String) -> (masterId: String, index: Int)? {
        guard id.hasPrefix(prefix), let data = Data(base64Encoded: String(id.dropFirst(prefix.count))),
            let text = String(data: data, encoding: .utf8), let bar = text.lastIndex(of: "|"),
            let index = Int(text[text.index(after: bar)...]), index >= 1
        else { return nil }
        return (String(text[..<bar]), index)
    }
}
