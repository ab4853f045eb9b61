import Foundation

/// One address the server's name resolved to.
public struct ResolvedAddress: Sendable, Hashable {
    /// The address in text form, e.g. "127.0.0.1" or "::1".
    public let text: String
    let family: Int32
    let bytes: [UInt8]
}

/// Name resolution and TCP connect done by wssconsole itself rather than by libldap, so each has its own
/// deadline and its own error ("refused" is not "no answer"), and the socket is ours to shut down.
enum SocketConnector {
    /// Resolves `host` on a helper thread: getaddrinfo has no timeout, and a silent DNS server would hold the
    /// caller for tens of seconds. After `timeout` the caller goes on; the thread ends when the resolver does.
    static func resolve(host: String, port: Int, timeout: Duration) throws(UserStoresError) -> [ResolvedAddress] {
        let box = ResolutionBox()
        let thread = Thread { box.finish(lookUp(host: host, port: port)) }
        thread.start()
        guard box.wait(timeout) else {
            throw .timeout("resolving \(host) took longer than \(timeout.shortText) (is the DNS server answering?)")
        }
        return try box.result!.get()
    }

    private static func lookUp(host: String, port: Int) -> Result<[ResolvedAddress], UserStoresError> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let list else {
            return .failure(.nameResolutionFailed("\(host) does not resolve: \(String(cString: gai_strerror(rc)))"))
        }
        defer { freeaddrinfo(list) }
        var found: [ResolvedAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = list
        while let item = cursor?.pointee {
            cursor = item.ai_next
            guard let address = item.ai_addr else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: address, count: Int(item.ai_addrlen)))
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            getnameinfo(address, item.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST)
            let entry = ResolvedAddress(text: String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                                        family: item.ai_family, bytes: bytes)
            if !found.contains(entry) { found.append(entry) }
        }
        return found.isEmpty ? .failure(.nameResolutionFailed("\(host) resolves to no address")) : .success(found)
    }

    /// Connects to the first of `addresses` that accepts, all within `timeout`; returns a blocking socket.
    static func connect(to addresses: [ResolvedAddress], port: Int, timeout: Duration) throws(UserStoresError) -> (fd: Int32, address: ResolvedAddress) {
        let deadline = ContinuousClock.now + timeout
        var failures: [String] = []
        var lastError = UserStoresError.serverUnreachable("no address to connect to")
        for address in addresses {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            switch attempt(address, left) {
            case .success(let fd):
                return (fd, address)
            case .failure(let error):
                failures.append("\(address.text): \(error.reason)")
                lastError = error
            }
        }
        let joined = failures.joined(separator: "; ")
        switch lastError.code {
        case .timeout: throw .timeout("no answer from port \(port) within \(timeout.shortText) (\(joined))")
        default: throw .serverUnreachable("cannot connect to port \(port): \(joined)")
        }
    }

    private static func attempt(_ address: ResolvedAddress, _ timeout: Duration) -> Result<Int32, UserStoresError> {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(.serverUnreachable("socket(): \(String(cString: strerror(errno)))")) }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let rc = address.bytes.withUnsafeBytes { raw in
            Glibc.connect(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        var failure: Int32 = rc == 0 ? 0 : errno
        if rc != 0 && failure == EINPROGRESS {
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, timeout.milliseconds)))
            if ready == 0 {
                close(fd)
                return .failure(.timeout("no answer"))
            }
            var length = socklen_t(MemoryLayout<Int32>.size)
            failure = ready < 0 ? errno : 0
            if ready > 0 { getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) }
        }
        guard failure == 0 else {
            close(fd)
            return .failure(.serverUnreachable(explain(failure)))
        }
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        return .success(fd)
    }

    private static func explain(_ code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "connection refused (nothing listens on that port, or a firewall rejects it)"
        case EHOSTUNREACH, ENETUNREACH: "no route to the host (\(String(cString: strerror(code))))"
        default: String(cString: strerror(code))
        }
    }
}

/// The outcome of a resolution running on another thread.
private final class ResolutionBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stored: Result<[ResolvedAddress], UserStoresError>?

    var result: Result<[ResolvedAddress], UserStoresError>? { lock.withLock { stored } }

    func finish(_ result: Result<[ResolvedAddress], UserStoresError>) {
        lock.withLock { stored = result }
        done.signal()
    }

    func wait(_ timeout: Duration) -> Bool {
        done.wait(timeout: .now() + .milliseconds(Int(timeout.milliseconds))) == .success
    }
}

extension Duration {
    /// Whole milliseconds.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }

    /// "5 s", "1.5 s", "300 ms": for messages.
    var shortText: String {
        let ms = milliseconds
        if ms < 1_000 { return "\(ms) ms" }
        return ms % 1_000 == 0 ? "\(ms / 1_000) s" : String(format: "%.1f s", Double(ms) / 1_000)
    }
}

extension timeval {
    init(_ duration: Duration) {
        let ms = max(duration.milliseconds, 0)
        self.init(tv_sec: time_t(ms / 1_000), tv_usec: suseconds_t((ms % 1_000) * 1_000))
    }
}
