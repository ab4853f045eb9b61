import Foundation

/// Loopback sockets that misbehave the ways real servers do, for timeout and refusal tests.
enum FreePort {
    /// A port that was free a moment ago: bind to port 0, read what the kernel gave, close.
    static func pick() throws -> Int {
        let socket = try LoopbackSocket(backlog: nil)
        return socket.port
    }
}

/// A TCP socket bound to 127.0.0.1 on a kernel-chosen port; closed when released.
final class LoopbackSocket: @unchecked Sendable {
    let fd: Int32
    let port: Int
    private var clients: [Int32] = []

    /// Binds; listens with `backlog` when given.
    init(backlog: Int32?) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        guard fd >= 0 else { throw Shell.Failure(message: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Shell.Failure(message: "bind() failed") }
        if let backlog { listen(fd, backlog) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// A server that accepts connections (the kernel completes the handshake) and never says a word.
    static func silent() throws -> LoopbackSocket {
        try LoopbackSocket(backlog: 16)
    }

    /// A port that drops new connection attempts, like a firewall: its accept queue is full and never drained,
    /// so Linux ignores further SYNs and a client's connect waits until its own timeout.
    static func blackhole() throws -> LoopbackSocket {
        let server = try LoopbackSocket(backlog: 0)
        for _ in 0..<3 {
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = in_port_t(UInt16(server.port).bigEndian)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            server.clients.append(client)
        }
        usleep(100_000)
        return server
    }

    deinit {
        clients.forEach { close($0) }
        close(fd)
    }
}
