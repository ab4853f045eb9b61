import Testing
import Foundation
import WSSecurity
@testable import ServerHome

/// History, undo, the lock, read-only homes, the audit log and diffs.
@Suite struct ChangePathTests {
    func code(_ body: () throws -> Void) -> HomeError.Code? {
        do { try body(); return nil } catch { return (error as? HomeError)?.code }
    }

    @Test func undoAfterSeveralChangesWalksBack() throws {
        let t = try TestHome()
        let original = try #require(t.text("conf/services/EchoProxy.xml"))
        try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy"), note: "first")
        try t.home.commit(t.home.planApply(scenario: 5, to: "EchoProxy"))
        try t.home.commit(t.home.planApply(scenario: 3, to: "OrderProxy"))
        #expect(t.home.history().map(\.summary).first == "apply scenario 3 (Integrity) to OrderProxy")
        #expect(t.home.history().last?.note == "first")

        try t.home.commit(t.home.planUndo())   // OrderProxy back to unsecured, its new policy deleted
        #expect(try t.home.service(named: "OrderProxy").security == .unsecured)
        #expect(t.text("conf/policies/OrderProxy.policy.xml") == nil)
        let fifth = try #require(t.home.history().first { $0.summary.contains("scenario 5") })
        try t.home.commit(t.home.planUndo(fifth.id))
        #expect(try t.home.service(named: "EchoProxy").security == .scenario(2, policyKey: "conf:policies/EchoProxy.policy.xml"))
        let second = try #require(t.home.history().first { $0.summary.contains("scenario 2") })
        try t.home.commit(t.home.planUndo(second.id))
        #expect(t.text("conf/services/EchoProxy.xml") == original)
        #expect(t.home.history().count == 6)
    }

    @Test func undoRefusesWhenTheFileChangedAgain() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy"))
        let first = try #require(t.home.history().first)
        try t.home.commit(t.home.planApply(scenario: 4, to: "EchoProxy"))
        #expect(code { _ = try t.home.planUndo(first.id) } == .undoConflict)
        #expect(code { _ = try t.home.planUndo("nope") } == .changeNotFound)
    }

    @Test func aSecondConsoleIsToldWhoHoldsTheLock() throws {
        let t = try TestHome()
        try t.home.lock()
        defer { t.home.unlock() }
        let other = try Home.open(t.root)
        let holder = try #require(HomeLock.holder(of: other))
        #expect(holder.pid == getpid())
        do {
            try other.commit(other.planApply(scenario: 2, to: "EchoProxy"))
            Issue.record("a second writer got in")
        } catch {
            #expect(error.code == .locked)
            #expect(error.message.contains("pid \(getpid())"))
        }
        // The holder itself writes.
        try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy"))
        t.home.unlock()
        #expect(HomeLock.holder(of: other) == nil)
        try other.commit(other.planApply(scenario: 3, to: "EchoProxy"))
    }

    @Test func readOnlyHomesRefuseToWrite() throws {
        let t = try TestHome()
        let readOnly = try Home.open(t.root, readOnly: true)
        #expect(code { try readOnly.commit(readOnly.planApply(scenario: 2, to: "EchoProxy")) } == .readOnly)
        #expect(t.text("conf/policies/EchoProxy.policy.xml") == nil)
    }

    /// A 0444 definition was replaced without a word (the rename ignores the file's mode; root ignores it anyway),
    /// so the check is on the owner-write bit, never access(): the tests run as root.
    @Test func aFileWithoutOwnerWriteIsNotReplacedNorDeleted() throws {
        let t = try TestHome()
        let definition = t.path("conf/services/EchoProxy.xml")
        let before = t.text("conf/services/EchoProxy.xml")
        chmod(definition, 0o444)
        let refused: HomeError?
        do { try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy")); refused = nil } catch { refused = error }
        #expect(refused?.code == .readOnly)
        #expect(refused?.message == "conf/services/EchoProxy.xml is read-only (mode 444): nothing was written")
        #expect(refused?.fix == "chmod u+w \(definition), or leave it: someone made it read-only.")
        #expect(t.text("conf/services/EchoProxy.xml") == before && FileSystem.mode(of: definition) == 0o444)
        #expect(t.text("conf/policies/EchoProxy.policy.xml") == nil && t.home.history().isEmpty)

        chmod(definition, 0o644)
        try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy"))
        chmod(t.path("conf/policies/EchoProxy.policy.xml"), 0o464)   // others' write bits do not count
        #expect(code { try t.home.commit(t.home.planRemoveSecurity(from: "EchoProxy")) } == .readOnly)
        #expect(t.text("conf/policies/EchoProxy.policy.xml") != nil)
    }

    @Test func auditLogSaysWhoWhatAndWhy() throws {
        let t = try TestHome()
        let record = try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy"), note: "ticket \"OPS-7\"")
        let log = try #require(t.text(".wssconsole/audit.log"))
        #expect(log.contains("change=\(record.id)"))
        #expect(log.contains("summary=\"apply scenario 2 (Non-repudiation) to EchoProxy\""))
        #expect(log.contains("note=\"ticket \\\"OPS-7\\\"\""))
        #expect(log.contains("user=\""))
        #expect(FileSystem.mode(of: t.path(".wssconsole/audit.log")) == 0o600)
        #expect(FileSystem.mode(of: t.home.historyPath) == 0o700)
    }

    /// A file a change replaces keeps its owner and group (as root: another user's file stays theirs, so the server
    /// running as that user still reads it); a new file is the writer's.
    @Test func aReplacedFileKeepsItsOwner() throws {
        let t = try TestHome()
        let owner: uid_t = getuid() == 0 ? 65534 : getuid(), group: gid_t = getuid() == 0 ? 65534 : getgid()
        let definition = t.path("conf/services/EchoProxy.xml")
        #expect(chown(definition, owner, group) == 0)
        try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy"))
        var st = stat()
        #expect(stat(definition, &st) == 0 && st.st_uid == owner && st.st_gid == group)
        #expect(t.text("conf/services/EchoProxy.xml")?.contains("enableSec") == true)
    }

    @Test func diffShowsTheChangeAndHidesPasswords() throws {
        let t = try TestHome()
        let change = try t.home.planApply(scenario: 2, to: "EchoProxy")
        let diff = change.diff
        #expect(diff.contains("--- /dev/null\n+++ b/conf/policies/EchoProxy.policy.xml\n"))
        #expect(diff.contains("+    <policy key=\"conf:policies/EchoProxy.policy.xml\"/>\n+    <enableSec/>\n </proxy>"))
        let settings = FileEdit(path: "conf/console.toml", before: Array("a = 1\npassword = \"old-secret\"\n".utf8),
                                after: Array("a = 2\npassword = \"new-secret\"\n".utf8))
        #expect(!settings.diff.contains("secret"))
        #expect(settings.diff.contains("-password = \"********\"\n") && settings.diff.contains("+password = \"********\"\n"))
        let keystore = FileEdit(path: "keystores/k.p12", before: [0, 1, 2], after: [0, 1, 2, 3])
        #expect(keystore.diff.contains("binary file keystores/k.p12: 3 -> 4 bytes"))
    }

    /// Each password element is masked on its own: other elements sharing its line (a one-line policy, two
    /// properties on a line) are shown as they are, and a self-closing sp:HashPassword is left alone.
    @Test func maskingHidesOnlyThePasswordsOnALine() {
        let line = #"<wsp:Policy wsu:Id="Mini"><sp:HashPassword/><rampart:property name="org.wso2.stratos.tenant.id">-1234</rampart:property>"#
            + #"<rampart:property name="org.apache.ws.security.crypto.merlin.keystore.password">S3cret</rampart:property>"#
            + ##"<wsse:Password Type="#PasswordText">pw2</wsse:Password></wsp:Policy>"##
        let masked = FileEdit.maskingSecrets(line)
        #expect(masked == #"<wsp:Policy wsu:Id="Mini"><sp:HashPassword/><rampart:property name="org.wso2.stratos.tenant.id">-1234</rampart:property>"#
            + #"<rampart:property name="org.apache.ws.security.crypto.merlin.keystore.password">********</rampart:property>"#
            + ##"<wsse:Password Type="#PasswordText">********</wsse:Password></wsp:Policy>"##, "\(masked)")
    }

    /// The user store's `<Password>` (no prefix: its hash was shown, a start for an offline guess) and a digest
    /// secrets line, of which only the password goes (the whole line after `user=` went).
    @Test func maskingHidesAStoredHashAndOnlyTheDigestSecret() {
        let stored = #"<Password scheme="pbkdf2-sha256" iterations="210000" salt="c2FsdA==">aGFzaA==</Password>"#
        #expect(FileEdit.maskingSecrets(stored) == #"<Password scheme="pbkdf2-sha256" iterations="210000" salt="c2FsdA==">********</Password>"#)
        #expect(FileEdit.maskingSecrets("user=YWxpY2U= password=U2VjcmV0") == "user=YWxpY2U= password=\"********\"")
        #expect(FileEdit.maskingSecrets("# the CLEAR passwords of the users") == "# the CLEAR passwords of the users")
        #expect(FileEdit.maskingSecrets("</Password>") == "</Password>")
    }

    /// A settings value is masked by its entry, not by its line: a one-line password holding `<` (read as a tag by the
    /// line rule) and every line of a multi-line one; a changed password still shows as a change. In a policy the
    /// text of a password element is masked up to the next tag, however many lines it takes.
    @Test func maskingCoversAWholeValue() {
        let before = "a = 1\r\npassword = \"p<w\"\r\nkey_password = '''\r\nline-one\r\nline-two'''\r\n"
        let after = before.replacingOccurrences(of: "a = 1", with: "a = 2").replacingOccurrences(of: "line-two", with: "line-2")
        let diff = FileEdit(path: "conf/console.toml", before: Array(before.utf8), after: Array(after.utf8)).diff
        #expect(diff.contains(" password = \"********\"\n key_password = \"********\"\n ********\n-********\n+********\n"), "\(diff)")
        #expect(!diff.contains("p<w") && !diff.contains("line-"), "\(diff)")
        #expect(FileEdit.maskingSecrets(before) == "a = 1\r\npassword = \"********\"\r\nkey_password = \"********\"\r\n********\r\n********\r\n")
        let policy = "<p>\n<r:property name=\"k.password\">\n  s3cret\n  more</r:property><r:property name=\"u\">x\n</r:property></p>\n"
        #expect(FileEdit.maskingSecrets(policy) == "<p>\n<r:property name=\"k.password\">\n********\n********</r:property><r:property name=\"u\">x\n</r:property></p>\n")
    }

    /// A password setting that names where the password is, or holds one WSO2 placeholder, is no secret and shows:
    /// masked, a move from `$env{LDAP_PW}` to a password typed in clear read as no change. Anything else stays masked.
    @Test func referencesToAPasswordAreShownAndOnlyTheSecretIsMasked() {
        let before = "[user_store]\nconnection_password = \"$env{LDAP_PW}\"\n"
        let after = "[user_store]\nconnection_password = \"typed-in-clear\"\n"
        let diff = FileEdit(path: "conf/deployment.toml", before: Array(before.utf8), after: Array(after.utf8)).diff
        #expect(diff.contains("-connection_password = \"$env{LDAP_PW}\"\n+connection_password = \"********\""), "\(diff)")
        #expect(!diff.contains("typed-in-clear"), "\(diff)")
        let named = "[user_store]\nconnection_password_env = \"READER_PW\"\n[keystore.service]\npassword_file = \"secrets/pw\"\npassword = \"$secret{ks}\"\n"
        #expect(FileEdit.maskingSecrets(named) == named)
        for secret in ["password = \"a$env{X}b\"", "password = \"$env{X}$env{Y}\"", "key_password = 'plain'"] {
            #expect(!FileEdit.maskingSecrets(secret).contains(secret.split(separator: "=")[1].trimmingCharacters(in: .whitespaces)), "\(secret)")
        }
        #expect(FileEdit.maskingSecrets("user=YWxpY2U= password_file=/x password=U2VjcmV0") == "user=YWxpY2U= password_file=/x password=\"********\"")
    }

    /// A jaas.conf's secret options in comments are masked on both sides, also in a file with no entry left: no brace
    /// tells it is a jaas.conf, its comments do.
    @Test func maskingReadsAJaasConfsComments() {
        let before = "Other { x required; };\n// retired: x required storepass=Hunt3rA;\n"
        let after = "// retired: x required storepass=Hunt3rA;\n/* secret=\"Hunt3rB\" */\n"
        let diff = FileEdit(path: "conf/security/jaas.conf", before: Array(before.utf8), after: Array(after.utf8)).diff
        #expect(diff.contains(" // retired: x required storepass=\"********\";\n+/* secret=\"********\" */\n"), "\(diff)")
        #expect(!diff.contains("Hunt3r"), "\(diff)")
    }

    @Test func lineDiffIsMinimalAndCorrect() {
        let a = ["a", "b", "c", "d", "e", "f", "g"], b = ["a", "c", "d", "x", "e", "f", "g", "h"]
        let ops = LineDiff.operations(a, b)
        #expect(ops.filter { if case .same = $0 { false } else { true } }.count == 3)
        // Applying the script to a gives b.
        var rebuilt: [String] = [], original: [String] = []
        for op in ops {
            switch op {
            case .same(let l): rebuilt.append(l); original.append(l)
            case .added(let l): rebuilt.append(l)
            case .removed(let l): original.append(l)
            }
        }
        #expect(rebuilt == b && original == a)
        #expect(LineDiff.unified(old: a, new: a, oldName: "a", newName: "b") == "")
        #expect(LineDiff.unified(old: [], new: ["x"], oldName: "/dev/null", newName: "b/x") == "--- /dev/null\n+++ b/x\n@@ -0,0 +1,1 @@\n+x\n")
    }
}
