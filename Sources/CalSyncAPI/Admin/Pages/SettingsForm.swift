import CalSyncCore

/// An integration's settings as a form (docs/api.md, "Settings"), filled with the stored values, or with what
/// was typed when the form was refused.
enum SettingsForm {
    static func render(_ integration: Integration, session: AdminSession, draft: FormBody?) -> HTML {
        let s = integration.settings
        func value(_ name: String, _ stored: String) -> String {
            guard let draft else { return stored }
            return ((try? draft.value(name)) ?? nil) ?? ""
        }
        func checked(_ name: String, _ stored: Bool) -> HTML {
            let on = draft.map { ((try? $0.value(name)) ?? nil) == "on" } ?? stored
            return on ? " checked" : ""
        }
        func number(_ name: String, _ label: String, _ stored: Int, _ range: ClosedRange<Int>) -> HTML {
            """
            <div><label for="set-\(name)">\(label)</label><input id="set-\(name)" name="\(name)" type="number" \
            min="\(range.lowerBound)" max="\(range.upperBound)" value="\(value(name, String(stored)))"></div>
            """
        }
        func time(_ name: String, _ label: String, _ stored: LocalTime) -> HTML {
            "<div><label for=\"set-\(name)\">\(label)</label><input id=\"set-\(name)\" name=\"\(name)\" type=\"time\" value=\"\(value(name, stored.description))\"></div>"
        }
        func box(_ name: String, _ label: String, _ stored: Bool) -> HTML {
            "<div><label><input type=\"checkbox\" name=\"\(name)\"\(checked(name, stored))> \(label)</label></div>"
        }
        let showAs = value("absenceShowAs", s.absenceShowAs)
        return """
            <section aria-labelledby="settings-h"><h2 id="settings-h">Settings</h2>
            <form class="card" method="post" action="\(AdminPaths.integrationAction(integration.id, "settings"))">\(Widgets.csrf(session))
            <div class="grid-form">
            \(number("syncIntervalSeconds", "Sync interval (seconds)", s.syncIntervalSeconds, 60...86_400))
            \(number("pastDays", "Days in the past", s.pastDays, 0...31))
            \(number("futureDays", "Days ahead", s.futureDays, 1...730))
            <div><label for="set-eventSubjectTemplate">Event subject template</label><input id="set-eventSubjectTemplate" name="eventSubjectTemplate" type="text" maxlength="255" value="\(value("eventSubjectTemplate", s.eventSubjectTemplate))"></div>
            <div><label for="set-absenceShowAs">Absences show as</label><select id="set-absenceShowAs" name="absenceShowAs">\(Widgets.options([(value: "busy", label: "busy"), (value: "oof", label: "out of office")], selected: showAs))</select></div>
            \(time("workdayStart", "Workday starts", s.workday.start))
            \(time("workdayEnd", "Workday ends", s.workday.end))
            \(time("amEnd", "Morning ends (half days)", s.halfDay.amEnd))
            \(time("pmStart", "Afternoon starts (half days)", s.halfDay.pmStart))
            \(box("tentativeCountsAsBusy", "Tentative counts as busy", s.tentativeCountsAsBusy))
            \(box("repairDeletedEvents", "Recreate pushed events deleted in Outlook", s.repairDeletedEvents))
            \(box("remindersOn", "Reminders on pushed events", s.remindersOn))
            \(box("hideLabels", "Hide absence labels (\"Absent\")", s.hideLabels))
            \(box("wholeDaysAsTimedEntries", "One-day absences as timed entries", s.wholeDaysAsTimedEntries))
            </div>
            <p><button type="submit">Save settings</button></p>
            </form></section>
            """
    }
}
