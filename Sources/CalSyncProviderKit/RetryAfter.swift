import Foundation

/// Parses a `Retry-After` header value: seconds, **decimal** ones included (Microsoft 365 sends `10`, `2.128`,
/// `0.249`, docs/microsoft-365.md §7); RFC 9110 also allows an HTTP-date, read relative to `now`.
public enum RetryAfter {
    /// Seconds to wait (never negative), or nil when the value is neither form.
    public static func seconds(from value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if let seconds = decimalSeconds(text) { return seconds }
        guard let date = httpDate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// `10`, `2.128`, `.5`: digits with at most one dot. No sign, exponent, hex, `inf` or `nan`.
    static func decimalSeconds(_ text: String) -> Double? {
        var dots = 0
        var digits = 0
        for character in text.utf8 {
            if character == UInt8(ascii: ".") {
                dots += 1
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character) {
                digits += 1
            } else {
                return nil
            }
        }
        guard dots <= 1, digits > 0, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 and asctime forms (RFC 9110 §5.6.7).
    static func httpDate(_ text: String) -> Date? {
        let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
        // A local formatter per call: DateFormatter is not Sendable, and this path is rare.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: collapsed) { return date }
        }
        return nil
    }
}
