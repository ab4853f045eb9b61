import Foundation
import KerberosConfig
import KeyMaterial
import Testing

/// The checks against a real MIT KDC on loopback (started by tests/kdc.sh for this test process).
@Suite struct LiveCheckTests {
    let kdc = TestKDC.shared

    func serverJaas(principal: String? = nil, keytab: String? = nil) -> String { kdc.jaasConf(principal: principal, keytab: keytab) }

    func jaasCheck(_ folder: TempFolder, jaas: String, krb5: String, client: JAASCheck.Client? = nil) throws -> [KerberosFinding] {
        var check = JAASCheck(path: try folder.write("jaas.conf", jaas), krb5Path: try folder.write("krb5.conf", krb5), baseDirectory: folder.path)
        check.client = client
        check.timeout = 10
        return check.run()
    }

    var alice: JAASCheck.Client { .init(principal: kdc.userPrincipal, credential: .password(Secret(kdc.userPassword))) }

    func errors(_ findings: [KerberosFinding]) -> [String] { findings.filter { $0.severity == .error }.map(\.code) }

    @Test func aGoodConfigurationPassesEveryCheck() throws {
        let folder = try TempFolder()
        let krb5 = try folder.write("krb5.conf", kdc.krb5Conf())
        let krb5Findings = Krb5Check(path: krb5, timeout: 10).run()
        #expect(errors(krb5Findings).isEmpty, "\(krb5Findings)")
        #expect(krb5Findings.map(\.code).contains("kdc.reachable"))

        let findings = try jaasCheck(folder, jaas: serverJaas(), krb5: kdc.krb5Conf(), client: alice)
        #expect(errors(findings).isEmpty, "\(findings)")
        let codes = findings.map(\.code)
        for expected in ["keytab.ok", "service.login", "client.ticket", "service.accept"] {
            #expect(codes.contains(expected), "\(expected) missing from \(codes)")
        }
    }

    @Test func aKDCThatIsDownIsUnreachable() throws {
        let folder = try TempFolder()
        let down = String(unusedLoopbackPort())
        let krb5 = try folder.write("krb5.conf", kdc.krb5Conf(port: down))
        let unreachable = Krb5Check(path: krb5, timeout: 10).run()
        #expect(errors(unreachable) == ["kdc.unreachable"])
        // The fix names where krb5.conf puts the KDC, not the usual port 88.
        #expect(unreachable.first { $0.code == "kdc.unreachable" }?.fix.contains(":\(down) must be open") == true, "\(unreachable)")
        let findings = try jaasCheck(folder, jaas: serverJaas(), krb5: kdc.krb5Conf(port: down))
        #expect(errors(findings) == ["kdc.unreachable"])
    }

    @Test func aKDCThatNeverAnswersTimesOut() throws {
        let silent = SilentKDC()
        let folder = try TempFolder()
        let krb5 = try folder.write("krb5.conf", kdc.krb5Conf(port: String(silent.port)))
        let findings = Krb5Check(path: krb5, timeout: 1).run()
        #expect(errors(findings) == ["kdc.timeout"])
        #expect(findings.first { $0.code == "kdc.timeout" }?.fix.contains(":\(silent.port), TCP and UDP") == true, "\(findings)")
    }

    /// The service's login meets the silence first; the client's ticket from the same KDC is not asked for, so the
    /// operator waits for one time limit, not one per exchange.
    @Test func aSilentKDCIsWaitedForOnce() throws {
        let silent = SilentKDC()
        let folder = try TempFolder()
        var check = JAASCheck(path: try folder.write("jaas.conf", serverJaas()), krb5Path: try folder.write("krb5.conf", kdc.krb5Conf(port: String(silent.port))),
                              baseDirectory: folder.path)
        check.client = alice
        check.timeout = 1
        let findings = check.run()
        #expect(findings.filter { $0.code == "kdc.timeout" }.count == 1, "\(findings)")
        #expect(findings.last?.code == "client.ticket.skipped", "\(findings)")
        // A token's two exchanges each have the limit: the first one's silence is reported as that limit.
        let refused = #expect(throws: KerberosTokenError.self) {
            _ = try KerberosTokens.request(configPath: folder.path + "/krb5.conf", client: kdc.userPrincipal,
                                           credential: .password(Secret(kdc.userPassword)), service: kdc.servicePrincipal, timeout: 1)
        }
        #expect(refused?.message == "The KDC did not answer within 1 s", "\(String(describing: refused))")
    }

    /// A keytab holding only the service's aes128 key logs in (with that key), yet cannot open the tickets the KDC
    /// encrypts with its aes256 key: the service's check says so, without a client.
    @Test func aKeytabWithoutTheTicketsEnctypeCannotAccept() throws {
        let folder = try TempFolder()
        #expect(try Keytab.entries(path: kdc.aes128Keytab).get().map(\.enctype) == ["aes128-cts-hmac-sha1-96"])
        let findings = try jaasCheck(folder, jaas: serverJaas(keytab: kdc.aes128Keytab), krb5: kdc.krb5Conf())
        #expect(errors(findings) == ["service.accept.failed"], "\(findings)")
        let good = try jaasCheck(folder, jaas: serverJaas(), krb5: kdc.krb5Conf())
        #expect(good.contains { $0.code == "service.login" && $0.message.hasSuffix("and the keytab opens a ticket for it") }, "\(good)")
    }

    /// A keytab that holds the ticket's key, under a krb5.conf whose permitted_enctypes leaves that type out: the fix
    /// names permitted_enctypes and the keytab's types, not a keytab to export again.
    @Test func aTicketTypeKrb5ConfDoesNotPermit() throws {
        let folder = try TempFolder()
        let findings = try jaasCheck(folder, jaas: serverJaas(), krb5: kdc.krb5Conf(extra: "    permitted_enctypes = aes128-cts-hmac-sha1-96\n"))
        #expect(errors(findings) == ["service.accept.failed"], "\(findings)")
        let failed = try #require(findings.first { $0.code == "service.accept.failed" })
        #expect(failed.fix.contains("permitted_enctypes leaves out"), "\(failed)")
        #expect(failed.fix.contains("the keytab holds aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96"), "\(failed)")
        #expect(!failed.fix.contains("ktadd"), "\(failed)")
    }

    /// Realm names are case-sensitive: a realm typed in lower case is named as the slip it is.
    @Test func aPrincipalWithTheRealmInTheWrongCase() throws {
        let folder = try TempFolder()
        let lower = "HTTP/localhost@" + kdc.realm.lowercased()
        var check = JAASCheck(path: try folder.write("jaas.conf", serverJaas(principal: lower)), krb5Path: try folder.write("krb5.conf", kdc.krb5Conf()),
                              baseDirectory: folder.path)
        check.live = false
        check.expectedServicePrincipal = kdc.servicePrincipal
        let findings = check.run()
        let missing = try #require(findings.first { $0.code == "keytab.principal.missing" })
        #expect(missing.fix.contains("case-sensitive: write principal=\"\(kdc.servicePrincipal)\""), "\(missing)")
        let mismatch = try #require(findings.first { $0.code == "jaas.principal.mismatch" })
        #expect(mismatch.fix.contains("case-sensitive"), "\(mismatch)")
    }

    @Test func aRealmTheKDCDoesNotServe() throws {
        let folder = try TempFolder()
        let krb5 = try folder.write("krb5.conf", kdc.krb5Conf(realm: "WRONG.TEST"))
        let findings = Krb5Check(path: krb5, timeout: 10).run()
        #expect(errors(findings) == ["kdc.wrongRealm"], "\(findings)")
        // The service principal's realm has no KDC in a file that only knows WRONG.TEST.
        let jaas = try jaasCheck(folder, jaas: serverJaas(), krb5: kdc.krb5Conf(realm: "WRONG.TEST"))
        #expect(errors(jaas) == ["kdc.notFound"], "\(jaas)")
        // A principal written in the wrong realm is one the KDC does not have.
        let wrong = try jaasCheck(folder, jaas: serverJaas(principal: "HTTP/localhost@WRONG.TEST"), krb5: kdc.krb5Conf(realm: "WRONG.TEST"))
        #expect(errors(wrong) == ["keytab.principal.missing", "service.login.keytabLacksKey"], "\(wrong)")
    }

    @Test func aStaleKeytabIsAWrongKey() throws {
        let folder = try TempFolder()
        let findings = try jaasCheck(folder, jaas: serverJaas(keytab: kdc.staleKeytab), krb5: kdc.krb5Conf(), client: alice)
        #expect(errors(findings) == ["service.login.wrongKey", "service.accept.failed"], "\(findings)")
    }

    @Test func aMissingPrincipal() throws {
        let folder = try TempFolder()
        let nobody = "HTTP/nowhere@\(kdc.realm)"
        let findings = try jaasCheck(folder, jaas: serverJaas(principal: nobody), krb5: kdc.krb5Conf(),
                                     client: .init(principal: "nobody@\(kdc.realm)", credential: .password(Secret("x"))))
        #expect(errors(findings) == ["keytab.principal.missing", "service.login.keytabLacksKey", "client.login.principalUnknown"], "\(findings)")
    }

    @Test func aClientAskingForAServiceTheKDCDoesNotKnow() throws {
        let folder = try TempFolder()
        let probe = LiveProbe(configPath: try folder.write("krb5.conf", kdc.krb5Conf()), timeout: 10)
        let findings = probe.ticket(client: kdc.userPrincipal, with: .password(Secret(kdc.userPassword)), service: "HTTP/nowhere@\(kdc.realm)", serviceKeytab: nil)
        #expect(findings.map(\.code) == ["client.ticket.principalUnknown"])
    }

    @Test func passwordLogins() throws {
        let folder = try TempFolder()
        let probe = LiveProbe(configPath: try folder.write("krb5.conf", kdc.krb5Conf()), timeout: 10)
        #expect(probe.login(kdc.passwordPrincipal, with: .password(Secret(kdc.passwordPrincipalPassword)), role: .service).code == "service.login")
        #expect(probe.login(kdc.passwordPrincipal, with: .password(Secret("wrong")), role: .service).code == "service.login.wrongKey")
    }

    @Test func aServiceEntryWithAPasswordUsesTheGivenPassword() throws {
        let folder = try TempFolder()
        let jaas = "Server {\n    com.sun.security.auth.module.Krb5LoginModule required\n        principal=\"\(kdc.passwordPrincipal)\"\n"
            + "        storeKey=true\n        isInitiator=false;\n};\n"
        var check = JAASCheck(path: try folder.write("jaas.conf", jaas), krb5Path: try folder.write("krb5.conf", kdc.krb5Conf()), baseDirectory: folder.path)
        #expect(check.run().map(\.code).contains("service.login.skipped"))
        check.servicePassword = .password(Secret(kdc.passwordPrincipalPassword))
        let findings = check.run()
        #expect(errors(findings).isEmpty)
        #expect(findings.map(\.code).contains("service.login"))
    }

    /// Every fix that exports a keytab keeps the principal's keys: plain `ktadd` makes new ones (a higher kvno) and
    /// breaks every other keytab of the principal. The missing keytab's command, run on the test KDC as written, makes
    /// a keytab that works while the KDC's own service.keytab keeps working.
    @Test func keytabFixesExportTheCurrentKeys() throws {
        let folder = try TempFolder()
        let exported = folder.path + "/exported.keytab"
        let stale = try jaasCheck(folder, jaas: serverJaas(keytab: kdc.staleKeytab), krb5: kdc.krb5Conf(), client: alice)
        let aes128 = try jaasCheck(folder, jaas: serverJaas(keytab: kdc.aes128Keytab), krb5: kdc.krb5Conf())
        let missing = try jaasCheck(folder, jaas: serverJaas(keytab: exported), krb5: kdc.krb5Conf())
        let fixes = [stale, aes128, missing].map { findings in findings.filter { $0.severity == .error }.map(\.fix).filter { $0.contains("ktadd") } }
        #expect(fixes.allSatisfy { !$0.isEmpty }, "\(fixes)")
        for fix in fixes.joined() {
            #expect(fix.contains("kadmin.local -q \"ktadd -norandkey -k ") && fix.contains("plain ktadd makes new keys"), "\(fix)")
        }
        let fix = try #require(missing.first { $0.code == "keytab.missing" }?.fix)
        let command = try #require(fix.split(separator: "\"").dropFirst().first.map(String.init))
        #expect(command == "ktadd -norandkey -k \(exported) \(kdc.servicePrincipal)")
        let kadmin = Process()
        kadmin.executableURL = URL(fileURLWithPath: "/usr/sbin/kadmin.local")
        kadmin.arguments = ["-r", kdc.realm, "-q", command]
        kadmin.environment = ["KRB5_CONFIG": kdc.directory + "/krb5.conf", "KRB5_KDC_PROFILE": kdc.directory + "/kdc.conf"]
        kadmin.standardOutput = FileHandle.nullDevice
        try kadmin.run()
        kadmin.waitUntilExit()
        #expect(kadmin.terminationStatus == 0)
        #expect(errors(try jaasCheck(folder, jaas: serverJaas(keytab: exported), krb5: kdc.krb5Conf(), client: alice)) == [])
        #expect(errors(try jaasCheck(folder, jaas: serverJaas(), krb5: kdc.krb5Conf(), client: alice)) == [], "the other keytab still works")
    }

    /// libkrb5 loads a krb5.conf with a setting in [realms] outside every block and reaches the KDC as if the line
    /// were not there: the line is a warning, not an error.
    @Test func aStraySettingInRealmsIsAWarningLibkrb5Ignores() throws {
        let folder = try TempFolder()
        let text = kdc.krb5Conf().replacingOccurrences(of: "[realms]\n", with: "[realms]\n    dns_lookup_kcd = false\n")
        let findings = Krb5Check(path: try folder.write("krb5.conf", text), timeout: 10).run()
        #expect(errors(findings) == [], "\(findings)")
        #expect(findings.contains { $0.code == "krb5.realms.stray" && $0.severity == .warning }, "\(findings)")
        #expect(findings.contains { $0.code == "kdc.reachable" }, "\(findings)")
        #expect(errors(try jaasCheck(folder, jaas: serverJaas(), krb5: text, client: alice)) == [])
    }

    @Test func checksNeverChangeTheFiles() throws {
        let folder = try TempFolder()
        let krb5Text = kdc.krb5Conf(extra: "    # a comment\n")
        _ = try jaasCheck(folder, jaas: serverJaas(), krb5: krb5Text, client: alice)
        _ = Krb5Check(path: folder.path + "/krb5.conf", timeout: 10).run()
        #expect(try String(contentsOfFile: folder.path + "/krb5.conf", encoding: .utf8) == krb5Text)
        #expect(try String(contentsOfFile: folder.path + "/jaas.conf", encoding: .utf8) == serverJaas())
    }

    @Test func keytabsAreRead() throws {
        let entries = try Keytab.entries(path: kdc.serviceKeytab).get()
        #expect(Set(entries.map(\.principal)) == [kdc.servicePrincipal])
        #expect(entries.map(\.enctype).contains("aes256-cts-hmac-sha1-96"))
        #expect(Keytab.entries(path: "/nonexistent.keytab").errorCode == .fileNotFound)
    }
}

extension Result where Failure == KerberosConfigError {
    var errorCode: KerberosConfigError.Code? {
        if case .failure(let error) = self { return error.code }
        return nil
    }
}
