import Foundation

/// xsd:dateTime text for Timestamps and UsernameTokens, read and written by hand: every message carries
/// two or three, and Foundation's ISO 8601 styles cost more than the rest of the Timestamp's handling.
enum DateTimeText {
    /// "2026-11-25T21:14:00Z" or with milliseconds "2026-11-25T21:14:00.123Z"; always UTC. Written digit by digit
    /// into one buffer: a String per field cost as much as the rest of writing the Timestamp.
    static func format(_ date: Date, milliseconds: Bool) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (seconds, fraction) = millis.quotientAndRemainderFloored(1000)
        let (days, secondOfDay) = seconds.quotientAndRemainderFloored(86_400)
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else { return formatWide(year, month, day, secondOfDay, fraction, milliseconds) }
        return String(unsafeUninitializedCapacity: 24) { text in
            var at = 0
            func put(_ value: Int64, _ width: Int) {
                var value = value
                for index in stride(from: at + width - 1, through: at, by: -1) {
                    text[index] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                    value /= 10
                }
                at += width
            }
            func put(_ byte: UInt8) { text[at] = byte; at += 1 }
            put(year, 4); put(0x2D); put(month, 2); put(0x2D); put(day, 2); put(0x54)
            put(secondOfDay / 3600, 2); put(0x3A); put(secondOfDay / 60 % 60, 2); put(0x3A); put(secondOfDay % 60, 2)
            if milliseconds { put(0x2E); put(fraction, 3) }
            put(0x5A)
            return at
        }
    }

    /// A year outside 0-9999 (never on the wire, but a Date can hold one): its digits as they come.
    private static func formatWide(_ year: Int64, _ month: Int64, _ day: Int64, _ secondOfDay: Int64, _ fraction: Int64,
                                   _ milliseconds: Bool) -> String {
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if milliseconds { text += "." + pad(fraction, 3) }
        return text + "Z"
    }

    /// YYYY-MM-DDThh:mm:ss, optional fraction, then Z or ±hh:mm; surrounding whitespace allowed. Nil otherwise.
    static func parse(_ text: String) -> Date? {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
        guard bytes.count >= 20, bytes.count <= 40 else { return nil }
        var reader = Reader(bytes: Array(bytes))
        guard let year = reader.number(4), reader.take(0x2D), let month = reader.number(2), reader.take(0x2D),
              let day = reader.number(2), reader.take(0x54), let hour = reader.number(2), reader.take(0x3A),
              let minute = reader.number(2), reader.take(0x3A), let second = reader.number(2),
              (1...12).contains(month), (1...daysIn(month, year)).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction = 0.0
        if reader.take(0x2E) {
            var scale = 0.1, digits = 0
            while let digit = reader.digit() { fraction += Double(digit) * scale; scale /= 10; digits += 1 }
            guard digits > 0 else { return nil }
        }
        var offset = 0
        if reader.take(0x5A) {
        } else if let sign = reader.sign(), let hours = reader.number(2), reader.take(0x3A), let minutes = reader.number(2),
                  hours < 24, minutes < 60 {
            offset = sign * (hours * 3600 + minutes * 60)
        } else { return nil }
        guard reader.atEnd else { return nil }
        let seconds = days(fromCivil: year, month, day) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var atEnd: Bool { index == bytes.count }
        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        mutating func digit() -> Int? {
            guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { return nil }
            index += 1
            return Int(bytes[index - 1] - 0x30)
        }
        mutating func number(_ width: Int) -> Int? {
            var value = 0
            for _ in 0..<width { guard let digit = digit() else { return nil }; value = value * 10 + digit }
            return value
        }
        mutating func sign() -> Int? { take(0x2B) ? 1 : take(0x2D) ? -1 : nil }
    }

    private static func pad(_ value: some BinaryInteger, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Days since 1970-01-01 in the proleptic Gregorian calendar, and back (H. Hinnant's civil algorithms).
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = Int64((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

private extension Int64 {
    /// Quotient and remainder rounded towards minus infinity, so dates before 1970 format correctly.
    func quotientAndRemainderFloored(_ divisor: Int64) -> (Int64, Int64) {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
