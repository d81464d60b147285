import CalSyncCore
import Foundation

/// Reads the times and dates of `EWSTenantItem`: relative to today (`D+1T09:00`, `D-2`), local, or with an offset.
enum TenantTime {
    static func instant(_ text: String, today: LocalDate, zone: TimeZone) -> Date? {
        if let absolute = Timestamp.parse(text, requireOffset: true) { return absolute }
        if let local = LocalDateTime(text) { return local.instant(in: zone) }
        guard text.hasPrefix("D") else { return nil }
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let date = date(String(parts[0]), today: today) else { return nil }
        guard parts.count == 2 else { return date.startOfDay(in: zone) }
        guard let time = LocalTime(String(parts[1])) else { return nil }
        return LocalDateTime(date: date, hour: time.hour, minute: time.minute).instant(in: zone)
    }

    static func date(_ text: String, today: LocalDate) -> LocalDate? {
        if let date = LocalDate(text) { return date }
        guard text.hasPrefix("D") else { return nil }
        let offset = text.dropFirst()
        guard !offset.isEmpty else { return today }
        guard let days = Int(offset.hasPrefix("+") ? offset.dropFirst() : offset), abs(days) <= 3_000_000 else { return nil }
        let date = today.adding(days: days)
        return LocalDate(year: date.year, month: date.month, day: date.day)
    }
}
