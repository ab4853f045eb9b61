import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private MIT KDC on loopback, started once for the test process by `tests/kdc.sh`, whose watchdog stops it by
/// its pid once this process has exited. Tests never skip for want of it: they start it.
final class TestKDC: Sendable {
    /// The realm, port, principals and passwords `tests/kdc.sh` printed.
    let facts: [String: String]
    /// The folder holding its database, krb5.conf and keytabs.
    let directory: String

    var realm: String { facts["realm"]! }
    var port: String { facts["port"]! }
    var servicePrincipal: String { facts["service_principal"]! }
    var userPrincipal: String { facts["user_principal"]! }
    var userPassword: String { facts["user_password"]! }
    var passwordPrincipal: String { facts["password_principal"]! }
    var passwordPrincipalPassword: String { facts["password_principal_password"]! }
    /// A principal whose key has a random salt (MIT's "special"), so only the KDC can say it.
    var saltedPrincipal: String { facts["salted_principal"]! }
    var saltedPrincipalPassword: String { facts["salted_principal_password"]! }
    var serviceKeytab: String { directory + "/service.keytab" }
    var staleKeytab: String { directory + "/stale.keytab" }
    /// HTTP/localhost@REALM, its current aes128 key only (the KDC encrypts its tickets with the aes256 one).
    var aes128Keytab: String { directory + "/aes128.keytab" }

    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The one KDC of this test process.
    static let shared: TestKDC = {
        do { return try TestKDC() } catch { fatalError("cannot start the test KDC: \(error)") }
    }()

    private init() throws {
        directory = NSTemporaryDirectory() + "wssconsole-kdc-" + UUID().uuidString
        let output = try Self.script(["start", directory])
        var facts: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { facts[String(parts[0])] = String(parts[1]) }
        }
        guard facts["pid"] != nil, facts["realm"] != nil else { throw KDCError(message: "kdc.sh printed: \(output)") }
        self.facts = facts
    }

    /// A krb5.conf for this KDC's realm in the style an operator writes, with `extra` lines added to libdefaults.
    func krb5Conf(realm name: String? = nil, port: String? = nil, extra: String = "") -> String {
        let realm = name ?? self.realm
        return "[libdefaults]\n    default_realm = \(realm)\n    dns_lookup_kdc = false\n    dns_lookup_realm = false\n"
            + "    rdns = false\n    dns_canonicalize_hostname = false\n    udp_preference_limit = 1\n\(extra)"
            + "\n[realms]\n    \(realm) = {\n        kdc = 127.0.0.1:\(port ?? self.port)\n    }\n"
    }

    /// A jaas.conf whose Server entry opens tickets with the service keytab (or `keytab`) as the service principal
    /// (or `principal`), and whose Client entry logs in with a password the program supplies.
    func jaasConf(principal: String? = nil, keytab: String? = nil) -> String {
        """
        Server {
            com.sun.security.auth.module.Krb5LoginModule required
                useKeyTab=true
                keyTab="\(keytab ?? serviceKeytab)"
                principal="\(principal ?? servicePrincipal)"
                storeKey=true
                isInitiator=false;
        };
        Client {
            com.sun.security.auth.module.Krb5LoginModule required
                useTicketCache=false;
        };

        """
    }

    struct KDCError: Error { let message: String }

    /// Runs tests/kdc.sh and reads its output to the end. The script closes what it inherited before starting the
    /// daemon, so the pipe ends when the script does (a daemon holding it once hung whole test runs).
    private static func script(_ arguments: [String]) throws -> String {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw KDCError(message: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([repository + "/tests/kdc.sh"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        // The script's watchdog stops the KDC when this process is gone, even after a crash.
        let environment = (ProcessInfo.processInfo.environment.merging(["KDC_OWNER_PID": String(getpid())]) { $1 })
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }
        // The test runner's threads block signals; the KDC must not inherit that mask or SIGTERM never reaches it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let spawned = posix_spawn(&pid, argv[0]!, &actions, &attributes, argv, environment)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { throw KDCError(message: "cannot run kdc.sh: \(String(cString: strerror(spawned)))") }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(pipe[0], &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            output += buffer[0..<n]
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw KDCError(message: "kdc.sh \(arguments.joined(separator: " ")) failed (status \(status))") }
        return String(decoding: output, as: UTF8.self)
    }
}

/// A port nothing listens on a moment ago: bind to port 0 on loopback, read what the kernel gave, close.
func unusedLoopbackPort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return UInt16(bigEndian: address.sin_port)
}

/// A fresh temporary folder for one test, removed when the value goes away.
final class TempFolder {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "wssconsole-krb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o644) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, mode_t(mode))
        return file
    }
}
