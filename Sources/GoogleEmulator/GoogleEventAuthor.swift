/// Who writes an event: a client through the Calendar API (held to Google's rules) or the person's own calendar
/// client (tenant file and side door: any event type, attendees' answers, another organizer, free-form ids).
enum GoogleEventAuthor: Sendable, Equatable {
    /// `inBatch`: inside a multipart batch; `serviceAccountItself`: a token without a subject.
    case api(inBatch: Bool, serviceAccountItself: Bool)
    case person

    var isAPI: Bool { self != .person }
}
