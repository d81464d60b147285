/// What `t:ServerVersionInfo` reports in every response header. The default is an Exchange Server 2019 build
/// (15.2.x, `V2017_07_11`), as such servers report themselves (OBS).
public struct EWSServerVersion: Sendable, Hashable {
    public var majorVersion: Int
    public var minorVersion: Int
    public var majorBuildNumber: Int
    public var minorBuildNumber: Int
    public var version: String

    public init(majorVersion: Int, minorVersion: Int, majorBuildNumber: Int, minorBuildNumber: Int, version: String) {
        self.majorVersion = majorVersion
        self.minorVersion = minorVersion
        self.majorBuildNumber = majorBuildNumber
        self.minorBuildNumber = minorBuildNumber
        self.version = version
    }

    public static let exchange2019 = EWSServerVersion(
        majorVersion: 15, minorVersion: 2, majorBuildNumber: 1118, minorBuildNumber: 7, version: "V2017_07_11")
    public static let exchange2016 = EWSServerVersion(
        majorVersion: 15, minorVersion: 1, majorBuildNumber: 2507, minorBuildNumber: 6, version: "V2017_07_11")

    func write(to xml: inout XMLWriter) {
        xml.empty(
            "h:ServerVersionInfo",
            [
                ("MajorVersion", String(majorVersion)), ("MinorVersion", String(minorVersion)),
                ("MajorBuildNumber", String(majorBuildNumber)), ("MinorBuildNumber", String(minorBuildNumber)),
                ("Version", version), ("xmlns:h", EWSNamespace.types), ("xmlns", EWSNamespace.types),
                ("xmlns:xsd", EWSNamespace.xsd), ("xmlns:xsi", EWSNamespace.xsi),
            ])
    }

    /// A whole response document: `s:Envelope` with this header and `body` inside `s:Body`.
    func envelope(_ body: XMLWriter) -> String {
        var xml = XMLWriter()
        xml.declaration()
        xml.element("s:Envelope", [("xmlns:s", EWSNamespace.soap)]) { xml in
            xml.element("s:Header") { xml in write(to: &xml) }
            xml.element("s:Body", [("xmlns:xsi", EWSNamespace.xsi), ("xmlns:xsd", EWSNamespace.xsd)]) { xml in
                xml.append(body)
            }
        }
        return xml.text
    }
}
