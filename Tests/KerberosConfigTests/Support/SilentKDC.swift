import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A "KDC" on loopback that never answers: a TCP listener whose connections the kernel accepts from the backlog,
/// and a UDP socket on the same port that nobody reads. Closed when the value goes away.
final class SilentKDC {
    let port: UInt16
    private let tcp: Int32
    private let udp: Int32

    init() {
        let tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(tcp, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(tcp, 8)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(tcp, $0, &length) } }
        // Without a UDP socket the kernel answers "port unreachable" and libkrb5 would learn at once that nobody is there.
        let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(udp, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        self.tcp = tcp
        self.udp = udp
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        close(tcp)
        close(udp)
    }
}
