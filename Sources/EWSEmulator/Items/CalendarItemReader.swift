import Foundation

/// Reads the properties of a `t:CalendarItem` in a request. Children out of schema order, unknown children and values
/// that break their type fail the whole request with ErrorSchemaValidation (naming what was expected, with line and
/// position); a property the client may not set fails that item with ErrorInvalidPropertySet.
struct CalendarItemReader {
    let version: EWSVersion

    /// Every property of `item`, in order. `requireOrder`: CreateItem checks the sequence; a SetItemField's item holds
    /// one property anyway.
    func read(_ item: XMLNode) throws(EWSFault) -> Result<[ItemFieldValue], EWSError> {
        var values: [ItemFieldValue] = []
        var last = -1
        var lastName = ""
        for child in item.children {
            guard child.namespace == EWSNamespace.types, let position = CalendarItemSchema.position[child.name] else {
                throw EWSFault.schemaValidation(
                    "The element 'CalendarItem' in namespace '\(EWSNamespace.types)' has invalid child element '\(child.name)' "
                        + "in namespace '\(child.namespace)'.", at: child)
            }
            guard position > last || (position == last && child.name == "ExtendedProperty") else {
                let expected = CalendarItemSchema.order[(last + 1)...].prefix(8).map { "'\($0)'" }.joined(separator: ", ")
                throw EWSFault.schemaValidation(
                    "The element 'CalendarItem' in namespace '\(EWSNamespace.types)' has invalid child element "
                        + "'\(child.name)' in namespace '\(EWSNamespace.types)' after '\(lastName)'. List of possible elements "
                        + "expected: \(expected) in namespace '\(EWSNamespace.types)'.", at: child)
            }
            last = position
            lastName = child.name
            guard CalendarItemSchema.writable.contains(child.name) else {
                return .failure(Self.invalidPropertySet(child.name))
            }
            switch try value(child) {
            case .success(let value): values.append(value)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(values)
    }

    /// One property element.
    func value(_ node: XMLNode) throws(EWSFault) -> Result<ItemFieldValue, EWSError> {
        func text() -> String { node.text }
        func bool() throws(EWSFault) -> Bool {
            guard let value = EWSEmulator.bool(node.value) else {
                throw EWSFault.schemaValidation(
                    "The '\(node.name)' element is invalid - '\(node.value)' is not a boolean.", at: node)
            }
            return value
        }
        func choice(_ allowed: Set<String>) throws(EWSFault) -> String {
            guard allowed.contains(node.value) else {
                throw EWSFault.schemaValidation(
                    "The '\(node.name)' element is invalid - The value '\(node.value)' is invalid according to its data type.",
                    at: node)
            }
            return node.value
        }
        switch node.name {
        case "Subject": return .success(.subject(text()))
        case "Sensitivity": return .success(.sensitivity(try choice(CalendarItemSchema.sensitivities)))
        case "Body":
            guard let type = node.attributes["BodyType"], type == "HTML" || type == "Text" else {
                throw EWSFault.schemaValidation("The required attribute 'BodyType' is missing or invalid.", at: node)
            }
            return .success(.body(text(), type: type))
        case "Categories": return .success(.categories(node.types("String").map(\.text)))
        case "Importance": return .success(.importance(try choice(CalendarItemSchema.importances)))
        case "ReminderIsSet": return .success(.reminderIsSet(try bool()))
        case "ReminderMinutesBeforeStart":
            guard let minutes = Int(node.value), minutes >= 0 else {
                throw EWSFault.schemaValidation("The 'ReminderMinutesBeforeStart' element is invalid.", at: node)
            }
            return .success(.reminderMinutesBeforeStart(minutes))
        case "ExtendedProperty":
            guard let uriNode = node.type("ExtendedFieldURI") else {
                throw EWSFault.schemaValidation("The element 'ExtendedProperty' has no 'ExtendedFieldURI'.", at: node)
            }
            let uri = try ExtendedFieldURI(uriNode)
            do {
                return .success(.extended(uri, try ExtendedPropertyValue(node, uri: uri)))
            } catch {
                return .failure(error)
            }
        case "UID": return .success(.uid(node.value))
        case "Start", "End":
            guard EWSDateTime.parse(node.value, defaultZone: TimeZone(identifier: "UTC")!) != nil else {
                throw EWSFault.schemaValidation(
                    "The '\(node.name)' element is invalid - The value '\(node.value)' is invalid according to its datatype "
                        + "'http://www.w3.org/2001/XMLSchema:dateTime'.", at: node)
            }
            return .success(node.name == "Start" ? .start(node.value) : .end(node.value))
        case "IsAllDayEvent": return .success(.isAllDay(try bool()))
        case "LegacyFreeBusyStatus":
            let status = try choice(CalendarItemSchema.freeBusyStatuses)
            if status == "WorkingElsewhere", version < .exchange2013 {
                throw EWSFault.schemaValidation("'WorkingElsewhere' needs RequestServerVersion Exchange2013 or later.", at: node)
            }
            return .success(.legacyFreeBusyStatus(status))
        case "Location": return .success(.location(text()))
        case "IsResponseRequested": return .success(.isResponseRequested(try bool()))
        case "Recurrence":
            do {
                return .success(.recurrence(try ItemRecurrence(node)))
            } catch {
                return .failure(error)
            }
        case "StartTimeZone", "EndTimeZone":
            guard version >= .exchange2010 else {
                throw EWSFault.schemaValidation(
                    "The element '\(node.name)' needs RequestServerVersion Exchange2010 or later.", at: node)
            }
            let id = node.attributes["Id"] ?? ""
            return .success(node.name == "StartTimeZone" ? .startTimeZone(id) : .endTimeZone(id))
        default:
            return .success(.ignored(node.name))
        }
    }

    static func invalidPropertySet(_ name: String) -> EWSError {
        EWSError("ErrorInvalidPropertySet", "Set action is invalid for property.", values: [])
    }
}
