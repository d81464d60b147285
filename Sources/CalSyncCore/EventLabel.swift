/// What people see of a pushed event as its title and place, reduced to a digest. Drift repair compares
/// what a calendar shows with what CalSync pushed (docs/product-rules.md: the scheduler wins on time, title and
/// location) without keeping the text of anyone's events (the privacy rule).
public enum EventLabel {
    /// A missing location and an empty one are the same: a service may answer an empty location for an event
    /// created without one.
    public static func digest(subject: String, location: String?) -> String {
        StableHash.hex(subject + "\u{1F}" + (location ?? ""))
    }
}
