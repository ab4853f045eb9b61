import Foundation

/// Dates as people read them, on the console's screens and in the CLI's text output, in one format: an instant as
/// `2026-11-27 14:03 UTC`, a day as `2027-03-01`. UTC, said so, because operators of one home reach it over SSH from
/// several time zones and its history, audit log and change ids are in UTC; JSON output and files keep ISO 8601.
public enum DisplayDate {
    /// "2026-11-27 14:03 UTC": a change, a certificate's validity, a lock taken.
    public static func time(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(year: .padded(4))-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits) UTC",
            timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }

    /// "2027-03-01": where the day is what counts (when a certificate expires, in a list).
    public static func day(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(format: "\(year: .padded(4))-\(month: .twoDigits)-\(day: .twoDigits)",
                                                timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }
}
