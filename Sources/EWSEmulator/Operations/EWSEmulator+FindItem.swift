import CalSyncCore
import Foundation

// MARK: - FindItem: CalendarView (recurrences expanded) or IndexedPageItemView with a Restriction (docs/exchange.md)

extension EWSEmulator {
    /// FindItem's children in schema order.
    static let findItemOrder = [
        "ItemShape", "IndexedPageItemView", "FractionalPageItemView", "SeekToConditionPageItemView", "CalendarView",
        "ContactsView", "GroupBy", "DistinguishedGroupBy", "Restriction", "SortOrder", "ParentFolderIds", "QueryString",
    ]

    func findItem(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard let traversal = operation.attributes["Traversal"], ["Shallow", "SoftDeleted", "Associated"].contains(traversal)
        else { throw EWSFault.schemaValidation("The required attribute 'Traversal' is missing or invalid.", at: operation) }
        var last = -1
        for child in operation.children {
            guard let position = Self.findItemOrder.firstIndex(of: child.name), position > last else {
                throw EWSFault.schemaValidation(
                    "The element 'FindItem' in namespace '\(EWSNamespace.messages)' has invalid child element '\(child.name)'.",
                    at: child)
            }
            last = position
        }
        guard let shapeNode = operation.message("ItemShape"), let parents = operation.message("ParentFolderIds") else {
            throw EWSFault.schemaValidation(
                "The element 'FindItem' has incomplete content: 'ItemShape' and 'ParentFolderIds'.", at: operation)
        }
        let shape = try PropertyShape(shapeNode)
        let calendarView = operation.message("CalendarView")
        let restrictionNode = operation.message("Restriction")?.children.first
        let restriction = try restrictionNode.map { node throws(EWSFault) in try ItemRestriction.parse(node) }
        var messages: [EWSResponseMessage] = []
        for parent in parents.children {
            let target = try folder(parent, context)
            let result = Result { () throws(EWSError) -> XMLWriter in
                let folder = try target.get()
                if let uri = shape.fieldURIs.sorted().first(where: ItemRenderOptions.notInFindItem.contains) {
                    throw EWSError(
                        "ErrorInvalidPropertyRequest", "The property can't be used in FindItem requests.", fieldURI: uri)
                }
                if let calendarView {
                    guard restrictionNode == nil, operation.message("SortOrder") == nil else {
                        throw EWSError(
                            "ErrorInvalidRestriction", "Restrictions and sort order may not be specified for a CalendarView.")
                    }
                    return try calendarViewPage(calendarView, folder: folder, shape: shape, context: context)
                }
                return try indexedPage(
                    operation, folder: folder, shape: shape, restriction: try restriction?.get(), context: context)
            }
            messages.append(EWSResponseMessage(result))
        }
        return EWSResponseMessage.response("FindItem", messages)
    }

    /// CalendarView: singles, occurrences and exceptions overlapping StartDate…EndDate, never masters. No paging:
    /// MaxEntriesReturned cuts the result (IncludesLastItemInRange false, TotalItemsInView the full count). A range
    /// over two years is ErrorCalendarViewRangeTooBig.
    func calendarViewPage(_ view: XMLNode, folder: FolderRef, shape: PropertyShape, context: EWSRequestContext)
        throws(EWSError) -> XMLWriter
    {
        guard let startText = view.attributes["StartDate"], let endText = view.attributes["EndDate"],
            let start = EWSDateTime.parse(startText, defaultZone: context.timeZone),
            let end = EWSDateTime.parse(endText, defaultZone: context.timeZone)
        else { throw EWSError("ErrorInvalidRequest", "CalendarView needs StartDate and EndDate as xs:dateTime values.") }
        var maximum: Int?
        if let text = view.attributes["MaxEntriesReturned"] {
            guard let value = Int(text), value >= 1 else {
                throw EWSError("ErrorInvalidPagingMaxRows", "The MaxEntriesReturned value is invalid.")
            }
            maximum = value
        }
        guard end >= start else {
            throw EWSError("ErrorCalendarEndDateIsEarlierThanStartDate", "The end date is earlier than the start date.")
        }
        let twoYears = Calendar(identifier: .gregorian).date(byAdding: .year, value: 2, to: start) ?? start
        guard end <= twoYears else {
            throw EWSError("ErrorCalendarViewRangeTooBig", "The specified view range exceeds the maximum range of two years.")
        }
        var instances: [CalendarInstance] = []
        if folder.isCalendar {
            instances = state.withLock { state in
                state.mailboxes[folder.mailbox.primarySmtpAddress.lowercased()]?.calendarView(
                    start: start, end: end, zone: storedZone) ?? []
            }
        }
        let limit = configuration.findCountLimit
        if instances.count > limit, maximum.map({ $0 > limit }) ?? true {
            throw EWSError(
                "ErrorExceededFindCountLimit",
                "The view exceeds the number of items allowed (EWSFindCountLimit); ask for fewer with MaxEntriesReturned.",
                values: [EWSMessageValue(name: "PolicyLimit", value: String(limit))])
        }
        let total = instances.count
        if let maximum, instances.count > maximum {
            instances =
                configuration.calendarViewTruncatesToEarliest
                ? Array(instances.prefix(maximum)) : Array(instances.suffix(maximum))
        }
        let options = ItemRenderOptions(
            shape: shape, version: context.version, purpose: .find, folder: folder,
            milliseconds: context.soap.dateTimePrecision == "Milliseconds",
            includesExtendedProperties: configuration.calendarViewReturnsExtendedProperties,
            workingElsewhere: configuration.workingElsewhereForOlderSchemas)
        var xml = XMLWriter()
        xml.element(
            "m:RootFolder",
            [("TotalItemsInView", String(total)), ("IncludesLastItemInRange", instances.count == total ? "true" : "false")]
        ) { xml in
            xml.element("t:Items") { xml in
                let writer = writer(options)
                for instance in instances { writer.write(instance, to: &xml) }
            }
        }
        return xml
    }

    /// IndexedPageItemView (or no view): the folder's singles and masters, filtered by the restriction, sorted by
    /// SortOrder (creation order otherwise), one page from Offset at BasePoint. A page is cut to EWSFindCountLimit
    /// (the lower limit with a restriction).
    func indexedPage(
        _ operation: XMLNode, folder: FolderRef, shape: PropertyShape, restriction: ItemRestriction?, context: EWSRequestContext
    ) throws(EWSError) -> XMLWriter {
        let view = operation.message("IndexedPageItemView")
        var offset = 0
        var maximum = Int.max
        var fromEnd = false
        if let view {
            guard let offsetText = view.attributes["Offset"], let value = Int(offsetText), value >= 0 else {
                throw EWSError("ErrorInvalidIndexedPagingParameters", "The Offset of the IndexedPageItemView is invalid.")
            }
            offset = value
            if let text = view.attributes["MaxEntriesReturned"] {
                guard let value = Int(text), value >= 1 else {
                    throw EWSError("ErrorInvalidPagingMaxRows", "The MaxEntriesReturned value is invalid.")
                }
                maximum = value
            }
            fromEnd = view.attributes["BasePoint"] == "End"
        }
        maximum = min(maximum, restriction == nil ? configuration.findCountLimit : configuration.restrictedFindCountLimit)
        var records: [CalendarItemRecord] = []
        if folder.isCalendar {
            records = state.withLock { $0.mailboxes[folder.mailbox.primarySmtpAddress.lowercased()]?.orderedItems ?? [] }
        }
        if let restriction {
            records = records.filter {
                restriction.matches($0, ignoreCase: configuration.restrictionStringsIgnoreCase, zone: context.timeZone)
            }
        }
        if let order = operation.message("SortOrder")?.type("FieldOrder") {
            let descending = order.attributes["Order"] == "Descending"
            let uri = order.type("FieldURI")?.attributes["FieldURI"] ?? ""
            records = records.enumerated().sorted { a, b in
                let key: (CalendarItemRecord) -> String = { record in
                    switch uri {
                    case "item:Subject": return record.subject ?? ""
                    case "calendar:End": return EWSDateTime.format(record.end)
                    case "item:DateTimeCreated": return EWSDateTime.format(record.created)
                    case "item:LastModifiedTime": return EWSDateTime.format(record.lastModified)
                    default: return EWSDateTime.format(record.start)
                    }
                }
                let (x, y) = (key(a.element), key(b.element))
                if x == y { return a.offset < b.offset }
                return descending ? x > y : x < y
            }.map(\.element)
        }
        let total = records.count
        let page: ArraySlice<CalendarItemRecord>
        let nextOffset: Int
        if fromEnd {
            let upper = max(0, total - offset)
            let lower = max(0, upper - maximum)
            page = records[lower..<upper]
            nextOffset = total - lower
        } else {
            let lower = min(offset, total)
            let upper = lower + min(maximum, total - lower)
            page = records[lower..<upper]
            nextOffset = upper
        }
        let options = ItemRenderOptions(
            shape: shape, version: context.version, purpose: .find, folder: folder,
            milliseconds: context.soap.dateTimePrecision == "Milliseconds",
            workingElsewhere: configuration.workingElsewhereForOlderSchemas)
        var xml = XMLWriter()
        xml.element(
            "m:RootFolder",
            [
                ("IndexedPagingOffset", String(nextOffset)), ("TotalItemsInView", String(total)),
                ("IncludesLastItemInRange", nextOffset >= total ? "true" : "false"),
            ]
        ) { xml in
            xml.element("t:Items") { xml in
                let writer = writer(options)
                for record in page { writer.write(CalendarInstance(record), to: &xml) }
            }
        }
        return xml
    }
}
