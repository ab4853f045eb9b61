import Foundation
import KeyMaterial
import Testing

@Suite struct SecretTests {
    @Test func neverPrints() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == "<secret>")
        #expect(String(reflecting: secret) == "<secret>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(!dumped.contains("104"))  // no byte values either ("h" is 104)
    }

    @Test func exposesBytesOnlyThroughAClosure() {
        let secret = Secret("pässword")
        #expect(secret.count == "pässword".utf8.count)
        let bytes = secret.withUnsafeBytes { Array($0) }
        #expect(bytes == Array("pässword".utf8))
    }

    @Test func comparesByContent() {
        #expect(Secret("a").isEqual(to: Secret(bytes: [0x61])))
        #expect(!Secret("a").isEqual(to: Secret("b")))
        #expect(!Secret("a").isEqual(to: Secret("ab")))
        #expect(Secret("").isEmpty)
    }

    @Test func terminalReadFailsWithoutATerminal() throws {
        // Under `swift test` there is usually no controlling terminal; when there is one, skip.
        guard open("/dev/tty", O_RDWR | O_NOCTTY) < 0 else { return }
        #expect {
            _ = try Secret.readFromTerminal(prompt: "Password: ")
        } throws: { ($0 as? KeyMaterialError)?.code == .terminalUnavailable }
    }
}
