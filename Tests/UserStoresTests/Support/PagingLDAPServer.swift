import Foundation

/// An LDAP server on loopback that behaves as slapd cannot be made to: it accepts any bind, then answers every search
/// with a page of paged results (RFC 2696) and a fresh cookie, each after `delay` milliseconds, for `pages` pages, then
/// ends the search. Each page holds `perPage` users (uid=user0, user1, ...), whatever size was asked for: Active
/// Directory sends pages no larger than its MaxPageSize, and empty ones while it scans; a hostile server can send them forever.
final class PagingLDAPServer: @unchecked Sendable {
    let port: Int
    private let socket: LoopbackSocket

    init(pages: Int, delay: Int, perPage: Int = 0) throws {
        socket = try LoopbackSocket(backlog: 4)
        port = socket.port
        let fd = socket.fd
        Thread.detachNewThread {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            defer { close(client) }
            var served = 0
            while let (id, operation) = Self.readRequest(client) {
                switch operation {
                case 0x60: Self.send(client, Self.message(id, Self.tlv(0x61, Self.success)))
                case 0x63:
                    served += 1
                    usleep(useconds_t(delay * 1_000))
                    for user in (served - 1) * perPage..<served * perPage { Self.send(client, Self.message(id, Self.entry("user\(user)"))) }
                    let cookie: [UInt8] = served < pages ? Array(withUnsafeBytes(of: UInt64(served).bigEndian) { Array($0) }) : []
                    Self.send(client, Self.message(id, Self.tlv(0x65, Self.success), controls: Self.pageResponse(cookie)))
                default: return
                }
            }
        }
    }

    private static let success: [UInt8] = [0x0A, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00]

    /// A tag, a definite length (short or long form) and the content.
    private static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let count = content.count
        let length: [UInt8] = count < 0x80 ? [UInt8(count)] : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
        return [tag] + length + content
    }

    private static func message(_ id: [UInt8], _ operation: [UInt8], controls: [UInt8] = []) -> [UInt8] {
        tlv(0x30, id + operation + (controls.isEmpty ? [] : tlv(0xA0, controls)))
    }

    /// A SearchResultEntry uid=`name`,ou=people,dc=example with its uid.
    private static func entry(_ name: String) -> [UInt8] {
        let uid = tlv(0x30, tlv(0x04, Array("uid".utf8)) + tlv(0x31, tlv(0x04, Array(name.utf8))))
        return tlv(0x64, tlv(0x04, Array("uid=\(name),ou=people,dc=example".utf8)) + tlv(0x30, uid))
    }

    private static func pageResponse(_ cookie: [UInt8]) -> [UInt8] {
        let value = tlv(0x30, tlv(0x02, [0]) + tlv(0x04, cookie))
        return tlv(0x30, tlv(0x04, Array("1.2.840.113556.1.4.319".utf8)) + tlv(0x04, value))
    }

    /// The next request's message ID (its whole TLV) and operation tag; nil at the end of the connection.
    private static func readRequest(_ fd: Int32) -> ([UInt8], UInt8)? {
        guard let head = read(fd, 2), head[0] == 0x30 else { return nil }
        var length = Int(head[1])
        if length >= 0x80 {
            guard let bytes = read(fd, length & 0x7F) else { return nil }
            length = bytes.reduce(0) { $0 << 8 | Int($1) }
        }
        guard let body = read(fd, length), body.count > 2, body[0] == 0x02 else { return nil }
        let idEnd = 2 + Int(body[1])
        guard body.count > idEnd else { return nil }
        return (Array(body[..<idEnd]), body[idEnd])
    }

    private static func read(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + done, count - done, 0) }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    private static func send(_ fd: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}
