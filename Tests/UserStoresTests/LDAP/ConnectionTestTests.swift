import Foundation
import KeyMaterial
import Testing
import UserStores

/// The staged connection test against a real slapd, and against loopback sockets that refuse, drop or stay silent.
@Suite struct ConnectionTestTests {
    let slapd = Slapd.shared
    let password = Secret(Slapd.readerPassword)

    private func run(_ profile: LDAPProfile, password: Secret? = Secret(Slapd.readerPassword)) -> ConnectionTestReport {
        ConnectionTest(profile: profile, bindPassword: password).run()
    }

    private func outcomes(_ report: ConnectionTestReport) -> [ConnectionTestStage.Outcome] {
        report.stages.map(\.outcome)
    }

    @Test func plainLDAPPassesWithAWarningAboutClearText() {
        let report = run(slapd.profile())
        #expect(report.passed)
        #expect(outcomes(report) == [.passed, .passed, .passed, .skipped, .passed, .passed, .passed])
        #expect(report.stages[3].warning?.contains("not encrypted") == true)
        #expect(report.stages[5].summary.contains("alice"))
        #expect(report.stages[6].summary.contains("admin"))
    }

    @Test func ldapsWithTheTestCAShowsTheCertificate() throws {
        let report = run(slapd.profile(url: slapd.ldapsURL, ca: slapd.caFile))
        #expect(report.passed, "\(report.failure?.summary ?? "")")
        let tls = report.stages[3]
        #expect(tls.kind == .tls && tls.outcome == .passed)
        let certificate = try #require(tls.certificate)
        #expect(certificate.subject == "CN=localhost")
        #expect(certificate.issuer == "CN=wssconsole test CA")
        #expect(certificate.subjectAltNames.contains("IP Address:127.0.0.1"))
        #expect(certificate.problem == nil)
    }

    @Test func startTLSWithTheTestCA() {
        let report = run(slapd.profile(startTLS: true, ca: slapd.caFile))
        #expect(report.passed, "\(report.failure?.summary ?? "")")
        #expect(report.stages[3].summary.hasPrefix("StartTLS:"))
    }

    @Test(arguments: [false, true])
    func untrustedCertificateIsExplained(startTLS: Bool) throws {
        let profile = startTLS ? slapd.profile(startTLS: true, ca: slapd.otherCAFile) : slapd.profile(url: slapd.ldapsURL, ca: slapd.otherCAFile)
        let report = run(profile)
        let failure = try #require(report.failure)
        #expect(failure.kind == .tls && failure.error == .tlsFailed)
        #expect(failure.summary.contains("not trusted"))
        #expect(failure.details.contains("issuer CN=wssconsole test CA"))
        #expect(failure.certificate?.problem != nil)
        #expect(outcomes(report).suffix(3) == [.skipped, .skipped, .skipped])
    }

    /// libldap compares "localhost" with the machine's own name, not with "localhost": the test says so.
    @Test func localhostQuirkIsExplained() throws {
        let report = run(slapd.profile(url: "ldaps://localhost:\(slapd.ldapsPort)/", ca: slapd.caFile))
        let failure = try #require(report.failure)
        #expect(failure.kind == .tls && failure.error == .tlsFailed)
        #expect(failure.summary.contains("localhost"))
    }

    @Test func wrongBindPassword() throws {
        let failure = try #require(run(slapd.profile(), password: Secret("wrong")).failure)
        #expect(failure.kind == .bind && failure.error == .bindFailed)
        #expect(failure.fix?.contains("connection_password") == true)
    }

    @Test func emptyBindPasswordIsNeverSent() throws {
        let failure = try #require(run(slapd.profile(), password: nil).failure)
        #expect(failure.kind == .bind && failure.error == .bindFailed)
        #expect(failure.summary.contains("unauthenticated bind"))
    }

    @Test func wrongBaseDN() throws {
        var profile = slapd.profile()
        profile.userSearchBase = "ou=Staff,dc=example,dc=com"
        let failure = try #require(run(profile).failure)
        #expect(failure.kind == .userSearch && failure.error == .noSuchBase)
        #expect(failure.summary.contains("dc=example,dc=com"))
    }

    @Test func serverDownIsRefusedAtTCP() throws {
        let port = try FreePort.pick()
        let failure = try #require(run(slapd.profile(url: "ldap://127.0.0.1:\(port)/")).failure)
        #expect(failure.kind == .tcp && failure.error == .serverUnreachable)
        #expect(failure.summary.contains("refused"))
    }

    /// A port whose packets are dropped: the connect step gives up at the profile's timeout.
    @Test func droppedPacketsTimeOutAtTCP() throws {
        let blackhole = try LoopbackSocket.blackhole()
        let failure = try #require(run(slapd.profile(url: "ldap://127.0.0.1:\(blackhole.port)/")).failure)
        #expect(failure.kind == .tcp && failure.error == .timeout)
    }

    /// Accepts and never speaks: plain LDAP times out at the bind, ldaps:// in the handshake (where libldap alone
    /// would spin until the server hangs up), and the wait is idle: libldap's own handshake loop used to keep a core
    /// busy (thread CPU time about the wall time).
    @Test(arguments: [false, true])
    func silentServerTimesOut(ldaps: Bool) throws {
        let silent = try LoopbackSocket.silent()
        let url = "\(ldaps ? "ldaps" : "ldap")://127.0.0.1:\(silent.port)/"
        func now(_ clock: clockid_t) -> Double {
            var time = timespec()
            clock_gettime(clock, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let (wall, cpu) = (now(CLOCK_MONOTONIC), now(CLOCK_THREAD_CPUTIME_ID))
        let failure = try #require(run(slapd.profile(url: url, ca: slapd.caFile)).failure)
        let (waited, busy) = (now(CLOCK_MONOTONIC) - wall, now(CLOCK_THREAD_CPUTIME_ID) - cpu)
        #expect(failure.kind == (ldaps ? .tls : .bind) && failure.error == .timeout)
        #expect(busy < waited / 2, "\(busy) s of CPU in \(waited) s of waiting")
    }

    @Test func unknownHostFailsAtNameResolution() throws {
        let failure = try #require(run(slapd.profile(url: "ldap://no-such-host.invalid/")).failure)
        #expect(failure.kind == .dns)
        #expect(failure.error == .nameResolutionFailed || failure.error == .timeout)
    }

    @Test func incompleteProfileStopsBeforeTheNetwork() throws {
        var profile = slapd.profile()
        profile.userSearchFilter = "(uid=alice)"
        let report = run(profile)
        #expect(report.failure?.kind == .profile && report.failure?.error == .invalidProfile)
        #expect(outcomes(report).dropFirst().allSatisfy { $0 == .skipped })
    }
}
