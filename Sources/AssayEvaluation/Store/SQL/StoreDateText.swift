import Foundation

/// Dates as the store writes them: UTC, `yyyy-MM-dd HH:mm:ss.SSS`.
///
/// Written by hand rather than with a DateFormatter: the store formats a date for every result it
/// writes, and a formatter is neither cheap nor safe to share between threads.
enum StoreDateText {
    static func text(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        var seconds = time_t(Int64((milliseconds / 1000).rounded(.down)))
        let fraction = Int(milliseconds - Double(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2)) "
            + "\(padded(parts.tm_hour, 2)):\(padded(parts.tm_min, 2)):\(padded(parts.tm_sec, 2)).\(padded(Int32(fraction), 3))"
    }

    /// The date of a stored text: `yyyy-MM-dd HH:mm:ss`, optionally with `T` for the space and a
    /// fraction of a second; nil for any other text.
    static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value &* 10 &+ Int32(byte - UInt8(ascii: "0"))  // wrapping: only ranges of at most nine digits are used
            }
            return value
        }
        guard let year = number(0 ..< 4), let month = number(5 ..< 7), let day = number(8 ..< 10),
              let hour = number(11 ..< 13), let minute = number(14 ..< 16), let second = number(17 ..< 19),
              (1 ... 12).contains(month), (1 ... 31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var fraction = 0.0
        if bytes.count > 19 {
            // Digits past the ninth are checked but do not count (they are below a nanosecond).
            let end = min(bytes.count, 29)
            guard bytes[19] == UInt8(ascii: "."), bytes.count > 20, let digits = number(20 ..< end),
                  number(end ..< bytes.count) != nil || end == bytes.count else { return nil }
            fraction = Double(digits) / pow(10, Double(end - 20))
        }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
