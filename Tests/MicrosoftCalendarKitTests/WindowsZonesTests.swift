import Foundation
import Testing

@testable import MicrosoftCalendarKit

@Suite struct WindowsZonesTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../fixtures/cldr/windowsZones.xml").standardized

    @Test func bundledCopyIsTheFixtureByteForByte() throws {
        let file = try String(contentsOf: Self.fixture, encoding: .utf8)
        #expect(WindowsZones.bundledXML + "\n" == file, "run fixtures/cldr/embed-windows-zones.sh")
    }

    @Test func mapsWindowsNamesToTheirDefaultIANAZone() {
        let zones = WindowsZones.bundled
        #expect(zones.windowsToIANA.count == 139)
        #expect(zones.ianaName(for: "W. Europe Standard Time") == "Europe/Berlin")
        #expect(zones.ianaName(for: "Pacific Standard Time") == "America/Los_Angeles")
        #expect(zones.ianaName(for: "Romance Standard Time") == "Europe/Paris")
        #expect(zones.timeZone(named: "UTC")?.secondsFromGMT() == 0)
        #expect(zones.ianaName(for: "Europe/Paris") == "Europe/Paris")
        #expect(zones.ianaName(for: "Mars Standard Time") == nil)
    }

    @Test func mapsIANAToWindows() {
        let zones = WindowsZones.bundled
        #expect(zones.windowsName(for: "Europe/Paris") == "Romance Standard Time")
        #expect(zones.windowsName(for: "America/Los_Angeles") == "Pacific Standard Time")
        #expect(zones.windowsName(for: "UTC") == "UTC")
    }

    @Test func rejectsDataWithoutMappings() {
        #expect(throws: WindowsZonesError.self) { try WindowsZones(xml: "<supplementalData/>") }
    }
}
