import Foundation

/// What a training event looks like in an instructor's calendar (docs/product-rules.md, "Push rules — training events").
public enum PushRules {
    public static func outgoing(for event: TrainingEvent, key: PushKey, settings: SyncSettings) -> OutgoingEvent {
        let zone = TimeZone(identifier: event.timeZone) ?? TimeZone(identifier: "UTC")!
        let subject = render(settings.eventSubjectTemplate, event: event)
        var body = "Training session scheduled by CalSync. Changes made here are put back at the next sync."
        if let description = event.description, !description.isEmpty { body = description + "\n\n" + body }
        return OutgoingEvent(
            subject: subject.isEmpty ? event.title : subject, bodyText: body, location: event.location,
            time: .timed(TimeRange(start: event.start, end: event.end), zone: zone.identifier), showAs: .busy,
            isReminderOn: settings.remindersOn, categories: [EventTag.category],
            tag: EventTag.value(for: key))
    }

    /// Fills `{title}` and `{location}` in the subject template.
    public static func render(_ template: String, event: TrainingEvent) -> String {
        template.replacingOccurrences(of: "{title}", with: event.title)
            .replacingOccurrences(of: "{location}", with: event.location ?? "")
            .trimmingCharacters(in: .whitespaces)
    }
}
