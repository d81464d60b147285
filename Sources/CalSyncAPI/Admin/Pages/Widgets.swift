import CalSyncCore
import Foundation

/// Small pieces of markup the pages share: the CSRF field, one-button forms, status badges, dates.
enum Widgets {
    static func csrf(_ session: AdminSession) -> HTML {
        "<input type=\"hidden\" name=\"\(AdminCSRF.fieldName)\" value=\"\(session.csrfToken)\">"
    }

    /// A form with one button that POSTs `fields` to `action`.
    static func button(_ label: String, action: String, session: AdminSession, fields: [(String, String)] = [],
                       style: String = "", confirm: String? = nil) -> HTML {
        let hidden = fields.map { name, value -> HTML in "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">" }
        // With JavaScript, the page asks before sending (admin.js reads data-confirm); without it, the form just goes.
        let confirmation: HTML = confirm.map { " data-confirm=\"\($0)\"" } ?? .empty
        let classes: HTML = style.isEmpty ? .empty : " class=\"\(style)\""
        return """
            <form class="inline" method="post" action="\(action)"\(confirmation)>\(csrf(session))\(hidden)\
            <button type="submit"\(classes)>\(label)</button></form>
            """
    }

    /// A status word as a coloured badge (the colour is decoration: the word says it).
    static func badge(_ word: String) -> HTML {
        let kind: String
        switch word {
        case "ok", "matched", "active", "success", "on": kind = "good"
        case "error", "ambiguous", "unmatched", "inactive": kind = "bad"
        case "stale", "pending", "retrying", "unknown": kind = "warn"
        default: kind = "neutral"
        }
        return "<span class=\"badge \(kind)\">\(word)</span>"
    }

    /// An instant as `2026-03-02 09:00 UTC`; "never" for nil.
    static func instant(_ date: Date?, never: String = "never") -> String {
        guard let date else { return never }
        return Self.utc.string(from: date) + " UTC"
    }

    static func optional(_ text: String?) -> String { text ?? "—" }

    static let utc: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()

    /// `<option>`s with one selected.
    static func options(_ choices: [(value: String, label: String)], selected: String?) -> [HTML] {
        choices.map { choice in
            let mark: HTML = choice.value == selected ? " selected" : ""
            return "<option value=\"\(choice.value)\"\(mark)>\(choice.label)</option>"
        }
    }
}
