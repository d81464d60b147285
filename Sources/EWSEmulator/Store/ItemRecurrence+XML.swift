import CalSyncCore

// MARK: - t:Recurrence in requests and responses

extension ItemRecurrence {
    /// Reads `t:Recurrence`. A pattern the emulator does not model, or values out of range, is
    /// ErrorCalendarInvalidRecurrence for that item.
    init(_ node: XMLNode) throws(EWSError) {
        guard let patternNode = node.children.first, node.children.count == 2 else { throw Self.invalid }
        let rangeNode = node.children[1]
        func int(_ name: String, in element: XMLNode, range: ClosedRange<Int>) throws(EWSError) -> Int {
            guard let text = element.type(name)?.value, let value = Int(text), range.contains(value) else {
                throw Self.invalid
            }
            return value
        }
        switch patternNode.name {
        case "DailyRecurrence":
            pattern = .daily(interval: try int("Interval", in: patternNode, range: 1...999))
        case "WeeklyRecurrence":
            let days = (patternNode.type("DaysOfWeek")?.value ?? "").split(separator: " ").map(String.init)
            let isoDays = days.compactMap { name in Self.dayNames.firstIndex(of: name).map { $0 + 1 } }
            guard !days.isEmpty, isoDays.count == days.count else { throw Self.invalid }
            let first = patternNode.type("FirstDayOfWeek").flatMap { Self.dayNames.firstIndex(of: $0.value) }.map { $0 + 1 }
            pattern = .weekly(
                interval: try int("Interval", in: patternNode, range: 1...99), days: isoDays, firstDay: first ?? 7)
        case "AbsoluteMonthlyRecurrence":
            pattern = .absoluteMonthly(
                interval: try int("Interval", in: patternNode, range: 1...99),
                day: try int("DayOfMonth", in: patternNode, range: 1...31))
        case "AbsoluteYearlyRecurrence":
            guard let monthName = patternNode.type("Month")?.value, let month = Self.monthNames.firstIndex(of: monthName)
            else { throw Self.invalid }
            pattern = .absoluteYearly(month: month + 1, day: try int("DayOfMonth", in: patternNode, range: 1...31))
        default:
            throw EWSError(
                "ErrorCalendarInvalidRecurrence",
                "The EWS emulator models Daily, Weekly, AbsoluteMonthly and AbsoluteYearly recurrences only.")
        }
        guard let startText = rangeNode.type("StartDate")?.value, let start = EWSDateTime.parseDate(startText) else {
            throw Self.invalid
        }
        self.start = start
        switch rangeNode.name {
        case "NoEndRecurrence":
            range = .noEnd
        case "EndDateRecurrence":
            guard let endText = rangeNode.type("EndDate")?.value, let end = EWSDateTime.parseDate(endText), end >= start
            else { throw Self.invalid }
            range = .endDate(end)
        case "NumberedRecurrence":
            range = .numbered(try int("NumberOfOccurrences", in: rangeNode, range: 1...999))
        default:
            throw Self.invalid
        }
    }

    static let invalid = EWSError("ErrorCalendarInvalidRecurrence", "The recurrence pattern is invalid.")

    func write(to xml: inout XMLWriter) {
        xml.element("t:Recurrence") { xml in
            switch pattern {
            case .daily(let interval):
                xml.element("t:DailyRecurrence") { xml in xml.element("t:Interval", String(interval)) }
            case .weekly(let interval, let days, let firstDay):
                xml.element("t:WeeklyRecurrence") { xml in
                    xml.element("t:Interval", String(interval))
                    xml.element("t:DaysOfWeek", days.map { Self.dayNames[$0 - 1] }.joined(separator: " "))
                    xml.element("t:FirstDayOfWeek", Self.dayNames[firstDay - 1])
                }
            case .absoluteMonthly(let interval, let day):
                xml.element("t:AbsoluteMonthlyRecurrence") { xml in
                    xml.element("t:Interval", String(interval))
                    xml.element("t:DayOfMonth", String(day))
                }
            case .absoluteYearly(let month, let day):
                xml.element("t:AbsoluteYearlyRecurrence") { xml in
                    xml.element("t:DayOfMonth", String(day))
                    xml.element("t:Month", Self.monthNames[month - 1])
                }
            }
            switch range {
            case .noEnd:
                xml.element("t:NoEndRecurrence") { xml in xml.element("t:StartDate", start.description) }
            case .endDate(let end):
                xml.element("t:EndDateRecurrence") { xml in
                    xml.element("t:StartDate", start.description)
                    xml.element("t:EndDate", end.description)
                }
            case .numbered(let count):
                xml.element("t:NumberedRecurrence") { xml in
                    xml.element("t:StartDate", start.description)
                    xml.element("t:NumberOfOccurrences", String(count))
                }
            }
        }
    }
}
