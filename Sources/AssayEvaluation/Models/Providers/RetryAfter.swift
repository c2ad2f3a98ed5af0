import Foundation

/// Reads the wait a rate-limited provider asks for.
enum RetryAfter {
    /// The wait from `Retry-After` (seconds, or an HTTP date) or the `retry-after-ms` extension
    /// that OpenAI and Azure send, preferring the more precise one.
    ///
    /// - Parameters:
    ///   - retryAfter: The `Retry-After` header's value, if any.
    ///   - retryAfterMilliseconds: The `retry-after-ms` header's value, if any.
    ///   - now: The current time, for HTTP dates.
    /// - Returns: The wait (never negative), or nil when no header says anything usable.
    static func parse(_ retryAfter: String?, milliseconds retryAfterMilliseconds: String? = nil, now: Date = Date()) -> Duration? {
        if let text = retryAfterMilliseconds?.trimmingCharacters(in: .whitespaces), let value = Double(text),
           value.isFinite, value >= 0 {
            return .milliseconds(Int64(value.rounded()))
        }
        guard let text = retryAfter?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds.isFinite {
            return .milliseconds(Int64((max(0, seconds) * 1000).rounded()))
        }
        guard let date = httpDate(text) else { return nil }
        let wait = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64((wait * 1000).rounded()))
    }

    /// Parses the three date forms HTTP allows (RFC 9110 §5.6.7), preferred form first.
    static func httpDate(_ text: String) -> Date? {
        for pattern in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
