import COpenSSL

/// Reads and clears OpenSSL's per-thread error queue so one failure's text never leaks into the next.
enum OpenSSLErrors {
    /// The queued error lines joined with "; " (empty when the queue is empty); the queue is cleared.
    static func drain() -> String {
        var lines: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            lines.append(buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        }
        return lines.joined(separator: "; ")
    }

    /// `reason` followed by OpenSSL's queued error text, if any.
    static func appending(to reason: String) -> String {
        let detail = drain()
        return detail.isEmpty ? reason : "\(reason) (\(detail))"
    }

    /// Discards queued errors, e.g. after a failure the caller has already classified.
    static func clear() {
        ERR_clear_error()
    }
}
