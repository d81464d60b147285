import CalSyncCore
import CalSyncWorker
import Foundation

/// Small pieces of markup the pages share: the CSRF field, one-button forms, status badges, error explanations.
enum Widgets {
    static func csrf(_ session: AdminSession) -> HTML {
        "<input type=\"hidden\" name=\"\(AdminCSRF.fieldName)\" value=\"\(session.csrfToken)\">"
    }

    /// A form with one button that POSTs `fields` to `action`.
    static func button(
        _ label: String, action: String, session: AdminSession, fields: [(String, String)] = [],
        style: String = "", confirm: String? = nil
    ) -> HTML {
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

    static func optional(_ text: String?) -> String { text ?? "—" }

    /// What a raw error means and how to fix it, in plain words (`ErrorExplanation`: the doctor's own table); nil
    /// when nothing more is known than the code says.
    static func explanation(
        code: String?, httpStatus: Int?, context: ErrorExplanation.Context = .init(), vocabularies: ProviderVocabularies,
        fix showFix: Bool = true
    ) -> HTML? {
        guard
            let explained = ErrorExplanation.of(
                code: code, httpStatus: httpStatus, context: context, vocabularies: vocabularies)
        else { return nil }
        let fix: HTML = (showFix ? explained.fix : nil).map { text -> HTML in " Fix: \(sentence(text))" } ?? .empty
        return "<span class=\"explain\">\(sentence(explained.cause))\(fix)</span>"
    }

    /// A phrase as a sentence: capital first letter, final full stop.
    static func sentence(_ phrase: String) -> String {
        let text = phrase.prefix(1).uppercased() + phrase.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }

    /// `<option>`s with one selected.
    static func options(_ choices: [(value: String, label: String)], selected: String?) -> [HTML] {
        choices.map { choice in
            let mark: HTML = choice.value == selected ? " selected" : ""
            return "<option value=\"\(choice.value)\"\(mark)>\(choice.label)</option>"
        }
    }
}
