import Foundation

/// The zone a viewer reads the admin pages' times in, and how an instant is written in it.
///
/// The zone is, in this order: a `tz` query parameter (this view only), the viewer's choice (kept in the session,
/// set on the time-zone page), the page's own default (a person's mailbox zone on their week, the zone most people of
/// an establishment share on its team week), else UTC. An instant reads `2026-03-02 10:00 UTC+1`, in a `<time>`
/// element that carries the instant in UTC as well.
struct DisplayZone: Sendable {
    enum Source: Sendable, Equatable {
        /// The page's `tz` query parameter.
        case query
        /// The viewer's choice, remembered in the session.
        case chosen
        /// The page's default, described ("Ana Lopez's mailbox zone").
        case page(String)
        /// Nothing said otherwise: UTC.
        case fallback
    }

    static let utc = TimeZone(identifier: "UTC")!

    let zone: TimeZone
    let source: Source
    /// The page being shown (path and query): where choosing another zone comes back to.
    let here: String
    private let formatter: DateFormatter

    init(_ zone: TimeZone, source: Source, here: String) {
        self.zone = zone
        self.source = source
        self.here = here
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        self.formatter = formatter
    }

    /// The zone of a request: its `tz` query, else the session's choice, else `pageDefault`, else UTC. `here` is the
    /// page's address when it is not the request's (a refused form shown again).
    static func of(_ request: AdminRequest, pageDefault: (zone: TimeZone, why: String)? = nil, here: String? = nil) throws
        -> DisplayZone
    {
        let here = here ?? request.http.target
        if let text = request.query("tz") {
            guard let zone = parse(text) else {
                throw AdminError(400, "`tz` must be an IANA time zone such as Europe/Paris.", field: "tz")
            }
            return DisplayZone(zone, source: .query, here: here)
        }
        if let chosen = request.session?.timeZone.flatMap(parse) { return DisplayZone(chosen, source: .chosen, here: here) }
        if let (zone, why) = pageDefault { return DisplayZone(zone, source: .page(why), here: here) }
        return DisplayZone(utc, source: .fallback, here: here)
    }

    /// An IANA zone name (`Europe/Paris`, `UTC`), as the API accepts them; nil otherwise.
    static func parse(_ text: String) -> TimeZone? {
        guard text.count <= 64, text.contains("/") || text == "UTC" else { return nil }
        return TimeZone(identifier: text)
    }

    /// Every zone the time-zone page offers: UTC, then the IANA names.
    static let choices: [String] = ["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") }.sorted()

    var identifier: String { Self.name(zone) }

    /// A zone's IANA name (Foundation names UTC `GMT` on some platforms).
    static func name(_ zone: TimeZone) -> String { zone.identifier == "GMT" ? "UTC" : zone.identifier }

    /// Why this zone, in a few words.
    var why: String {
        switch source {
        case .query: "from the link"
        case .chosen: "your choice"
        case .page(let reason): reason
        case .fallback: "the default"
        }
    }

    /// An instant as `<time datetime="2026-03-02T09:00:00Z">2026-03-02 10:00 UTC+1</time>`; `never` for nil.
    func instant(_ date: Date?, never: String = "never") -> HTML {
        guard let date else { return .text(never) }
        return "<time datetime=\"\(Self.iso(date))\">\(text(date))</time>"
    }

    /// An instant as `2026-03-02 10:00 UTC+1`.
    func text(_ date: Date) -> String { formatter.string(from: date) + " " + Self.offset(of: zone, at: date) }

    /// `UTC`, `UTC+1`, `UTC+5:30`, `UTC-3`: the zone's offset at that instant.
    static func offset(of zone: TimeZone, at date: Date) -> String {
        let seconds = zone.secondsFromGMT(for: date)
        guard seconds != 0 else { return "UTC" }
        let minutes = abs(seconds) / 60
        let sign = seconds < 0 ? "-" : "+"
        return "UTC\(sign)\(minutes / 60)" + (minutes % 60 == 0 ? "" : String(format: ":%02d", minutes % 60))
    }

    static func iso(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle()
        style.timeZone = utc
        return date.formatted(style)
    }
}
