import Foundation

// MARK: - GetServerTimeZones (docs/exchange.md, "Time zones")

extension EWSEmulator {
    /// The Windows zones the server knows (CLDR's list), all or those named in `m:Ids`; with ReturnFullTimeZoneData
    /// (the default) each comes with its periods and this year's transition rules.
    func getServerTimeZones(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        let full = Self.bool(operation.attributes["ReturnFullTimeZoneData"]) ?? true
        let wanted = operation.message("Ids")?.types("Id").map(\.value)
        let ids = wanted ?? Array(Set(zones.windowsToIANA.keys).union(["UTC"])).sorted()
        if let unknown = ids.first(where: { timeZone(windowsId: $0) == nil }) {
            let error = EWSError("ErrorInvalidRequest", "The time zone Id '\(unknown)' is not valid.")
            return EWSResponseMessage.response("GetServerTimeZones", [EWSResponseMessage(error: error)])
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: context.now)
        let message = EWSResponseMessage.success { xml in
            xml.element("m:TimeZoneDefinitions") { xml in
                for id in ids {
                    let name = zoneNames[id] ?? id
                    guard full else {
                        xml.empty("t:TimeZoneDefinition", [("Id", id), ("Name", name)])
                        continue
                    }
                    xml.element("t:TimeZoneDefinition", [("Id", id), ("Name", name)]) { xml in
                        WindowsZoneRules(zone: storedZone(id), year: year).write(id: id, to: &xml)
                    }
                }
            }
        }
        return EWSResponseMessage.response("GetServerTimeZones", [message])
    }
}
