import Foundation

/// The id suffix of an occurrence: `_20260304T080000Z` (UTC start) for timed series, `_20260304` for all-day ones.
enum GoogleInstanceKey {
    static func key(_ originalStart: GoogleEventTime) -> String {
        switch originalStart {
        case .date(let date):
            return date.description.replacingOccurrences(of: "-", with: "")
        case .dateTime(let instant, _):
            let text = GoogleEventTime.format(instant, in: TimeZone(identifier: "UTC")!)
            return text.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        }
    }

    /// Splits `seriesId_key` into the series id and the key.
    static func split(_ id: String) -> (seriesId: String, key: String)? {
        guard let underscore = id.lastIndex(of: "_") else { return nil }
        let key = String(id[id.index(after: underscore)...])
        guard key.count == 8 || key.count == 16 else { return nil }
        return (String(id[..<underscore]), key)
    }
}
