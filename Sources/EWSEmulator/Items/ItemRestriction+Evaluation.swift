import CalSyncCore
import Foundation

// MARK: - Evaluation against a stored item (masters and singles: restrictions are not for CalendarView)

extension ItemRestriction {
    func matches(_ record: CalendarItemRecord, ignoreCase: Bool, zone: TimeZone) -> Bool {
        switch self {
        case .and(let parts): return parts.allSatisfy { $0.matches(record, ignoreCase: ignoreCase, zone: zone) }
        case .or(let parts): return parts.contains { $0.matches(record, ignoreCase: ignoreCase, zone: zone) }
        case .not(let part): return !part.matches(record, ignoreCase: ignoreCase, zone: zone)
        case .exists(let path): return !Self.values(path, of: record).isEmpty
        case .contains(let path, let constant, let mode, let caseless):
            let wanted = caseless ? constant.lowercased() : constant
            return Self.values(path, of: record).contains { value in
                let text = caseless ? value.text.lowercased() : value.text
                switch mode {
                case "Substring": return text.contains(wanted)
                case "Prefixed": return text.hasPrefix(wanted)
                case "PrefixOnWords": return text.split(separator: " ").contains { $0.hasPrefix(wanted) }
                default: return text == wanted
                }
            }
        case .compare(let comparison, let path, let constant):
            // A missing property matches no comparison (a restriction cannot tell "absent" from a value).
            return Self.values(path, of: record).contains { value in
                guard let order = value.compare(to: constant, ignoreCase: ignoreCase, zone: zone) else { return false }
                switch comparison {
                case .equal: return order == .orderedSame
                case .notEqual: return order != .orderedSame
                case .greater: return order == .orderedDescending
                case .greaterOrEqual: return order != .orderedAscending
                case .less: return order == .orderedAscending
                case .lessOrEqual: return order != .orderedDescending
                }
            }
        }
    }

    /// A property value with the type it compares as.
    struct Value {
        enum Kind { case text, number, date, boolean }
        var text: String
        var kind: Kind

        func compare(to constant: String, ignoreCase: Bool, zone: TimeZone) -> ComparisonResult? {
            switch kind {
            case .text:
                let a = ignoreCase ? text.lowercased() : text
                let b = ignoreCase ? constant.lowercased() : constant
                return a == b ? .orderedSame : a < b ? .orderedAscending : .orderedDescending
            case .number:
                guard let a = Double(text), let b = Double(constant) else { return nil }
                return a == b ? .orderedSame : a < b ? .orderedAscending : .orderedDescending
            case .date:
                guard let a = EWSDateTime.parse(text, defaultZone: zone), let b = EWSDateTime.parse(constant, defaultZone: zone)
                else { return nil }
                return a == b ? .orderedSame : a < b ? .orderedAscending : .orderedDescending
            case .boolean:
                guard let a = EWSEmulator.bool(text), let b = EWSEmulator.bool(constant) else { return nil }
                return a == b ? .orderedSame : (a ? .orderedDescending : .orderedAscending)
            }
        }
    }

    static func values(_ path: Path, of record: CalendarItemRecord) -> [Value] {
        switch path {
        case .extended(let uri):
            guard let stored = record.extendedValue(uri) else { return [] }
            let element = uri.propertyType.replacingOccurrences(of: "Array", with: "")
            let kind: Value.Kind =
                switch element {
                case "String", "CLSID", "Binary", "Object": .text
                case "Boolean": .boolean
                case "SystemTime": .date
                default: .number
                }
            return stored.values.map { Value(text: $0, kind: kind) }
        case .field(let uri):
            func text(_ value: String?) -> [Value] { value.map { [Value(text: $0, kind: .text)] } ?? [] }
            func date(_ value: Date) -> [Value] { [Value(text: EWSDateTime.format(value), kind: .date)] }
            func flag(_ value: Bool) -> [Value] { [Value(text: value ? "true" : "false", kind: .boolean)] }
            switch uri {
            case "item:Subject": return text(record.subject)
            case "item:Categories": return record.categories.map { Value(text: $0, kind: .text) }
            case "item:DateTimeCreated": return date(record.created)
            case "item:LastModifiedTime": return date(record.lastModified)
            case "item:Sensitivity": return text(record.sensitivity)
            case "item:Importance": return text(record.importance)
            case "calendar:Start": return date(record.start)
            case "calendar:End": return date(record.end)
            case "calendar:IsAllDayEvent": return flag(record.isAllDay)
            case "calendar:LegacyFreeBusyStatus": return text(record.legacyFreeBusyStatus)
            case "calendar:Location": return text(record.location)
            case "calendar:CalendarItemType": return text(record.itemType)
            case "calendar:IsCancelled": return flag(record.isCancelled)
            case "calendar:IsRecurring": return flag(false)
            case "calendar:IsMeeting": return flag(record.isMeeting)
            case "calendar:MyResponseType": return text(record.myResponseType)
            default: return []
            }
        }
    }
}
