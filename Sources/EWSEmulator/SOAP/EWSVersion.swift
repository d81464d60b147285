/// A `RequestServerVersion` the emulator accepts, in schema order: a request may use the features of its version and
/// older ones (StartTimeZone needs Exchange2010, WorkingElsewhere Exchange2013, SuppressReadReceipts Exchange2013_SP1).
enum EWSVersion: Int, Comparable, Sendable, CaseIterable {
    case exchange2007
    case exchange2007SP1
    case exchange2010
    case exchange2010SP1
    case exchange2010SP2
    case exchange2013
    case exchange2013SP1
    case exchange2015
    case exchange2016

    /// The value of the `Version` attribute.
    var name: String {
        switch self {
        case .exchange2007: return "Exchange2007"
        case .exchange2007SP1: return "Exchange2007_SP1"
        case .exchange2010: return "Exchange2010"
        case .exchange2010SP1: return "Exchange2010_SP1"
        case .exchange2010SP2: return "Exchange2010_SP2"
        case .exchange2013: return "Exchange2013"
        case .exchange2013SP1: return "Exchange2013_SP1"
        case .exchange2015: return "Exchange2015"
        case .exchange2016: return "Exchange2016"
        }
    }

    /// The dated names Exchange 2016 and later also accept (what their ServerVersionInfo reports); they mean the
    /// Exchange2016 schema.
    static let datedNames: Set<String> = [
        "V2015_10_05", "V2016_01_06", "V2016_04_13", "V2016_07_13", "V2016_10_10", "V2017_01_07", "V2017_04_14",
        "V2017_07_11",
    ]

    init?(name: String) {
        if let version = Self.allCases.first(where: { $0.name == name }) {
            self = version
        } else if Self.datedNames.contains(name) {
            self = .exchange2016
        } else {
            return nil
        }
    }

    static func < (a: EWSVersion, b: EWSVersion) -> Bool { a.rawValue < b.rawValue }
}
