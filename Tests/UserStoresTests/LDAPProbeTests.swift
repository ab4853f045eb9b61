import Foundation
import Testing
import UserStores

@Suite struct LDAPProbeTests {
    @Test(arguments: ["http://example.com", "not a url", "ldap://[::1", ""])
    func malformedURLIsReported(url: String) {
        let result = LDAPProbe.connect(url: url, timeout: .seconds(2))
        #expect(code(result) == .invalidURL)
    }

    @Test func closedLoopbackPortFailsAsUnreachable() throws {
        let port = try unusedLoopbackPort()
        let result = LDAPProbe.connect(url: "ldap://127.0.0.1:\(port)/", timeout: .seconds(2))
        #expect(code(result) == .serverUnreachable)
        if case .failure(let error) = result {
            #expect(error.reason.contains("Can't contact LDAP server"))
        }
    }

    private func code(_ result: Result<LDAPProbe.Report, UserStoresError>) -> UserStoresError.Code? {
        if case .failure(let error) = result { return error.code }
        return nil
    }

    /// A port that was free a moment ago: bind to port 0, read what the kernel gave, close.
    private func unusedLoopbackPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try #require(named == 0)
        return UInt16(bigEndian: address.sin_port)
    }
}
