import Foundation

/// Windows time-zone names ↔ IANA names, from CLDR's `windowsZones.xml` (the `territory="001"` row
/// of each Windows name is its default IANA zone). Graph returns Windows names in
/// `mailboxSettings.timeZone` by default (docs/microsoft-365.md §4), and Swift's `TimeZone` only knows IANA.
public struct WindowsZones: Sendable {
    /// Windows name → default IANA zone.
    public let windowsToIANA: [String: String]
    /// Any IANA zone listed in the file → its Windows name.
    public let ianaToWindows: [String: String]

    /// Parses the XML text of `windowsZones.xml`. Throws when it holds no mapping at all.
    public init(xml: String) throws {
        var toIANA: [String: String] = [:]
        var toWindows: [String: String] = [:]
        var rest = Substring(xml)
        while let open = rest.range(of: "<mapZone ") {
            guard let close = rest[open.upperBound...].range(of: "/>") else { break }
            let element = rest[open.upperBound..<close.lowerBound]
            rest = rest[close.upperBound...]
            guard let other = Self.attribute("other", in: element), let territory = Self.attribute("territory", in: element),
                let types = Self.attribute("type", in: element)
            else { continue }
            let zones = types.split(separator: " ").map(String.init)
            if territory == "001", let first = zones.first { toIANA[other] = first }
            for zone in zones where toWindows[zone] == nil || territory == "001" { toWindows[zone] = other }
        }
        guard !toIANA.isEmpty else { throw WindowsZonesError.noMappings }
        windowsToIANA = toIANA
        ianaToWindows = toWindows
    }

    /// Loads the file at a path.
    public init(contentsOf path: String) throws {
        try self.init(xml: String(contentsOfFile: path, encoding: .utf8))
    }

    /// Resolves a zone name as Graph may send it (Windows name, `UTC`, or IANA) to a `TimeZone`.
    public func timeZone(named name: String) -> TimeZone? {
        ianaName(for: name).flatMap(TimeZone.init(identifier:))
    }

    /// The IANA name for a Windows, `UTC` or IANA zone name; nil when unknown.
    public func ianaName(for name: String) -> String? {
        if let iana = windowsToIANA[name] { return iana }
        if name == "UTC" || name == "Etc/UTC" || name == "tzone://Microsoft/Utc" { return "UTC" }
        if TimeZone(identifier: name) != nil { return name }
        return nil
    }

    /// The Windows name for an IANA zone (what Graph accepts everywhere), or the input if unmapped.
    public func windowsName(for iana: String) -> String {
        if iana == "UTC" || iana == "Etc/UTC" { return "UTC" }
        return ianaToWindows[iana] ?? iana
    }

    static func attribute(_ name: String, in element: Substring) -> String? {
        guard let start = element.range(of: name + "=\"") else { return nil }
        guard let end = element[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(element[start.upperBound..<end])
    }
}

public enum WindowsZonesError: Error, CustomStringConvertible {
    case noMappings
    public var description: String { "the windowsZones data holds no mapZone rows" }
}
