import Foundation
import TestSupport
import Testing
@testable import SecureXML

/// `wssconsole xml sign|verify` on large documents: streamed by default from 256 KB, either way on request, and the
/// output saying which.
@Suite struct XMLStreamCommandTests {
    static let large = Fixtures.file("cli-large.xml", StreamingDefenceTests.large)

    func run(_ arguments: [String]) throws -> WSSConsoleBinary.Result {
        try WSSConsoleBinary.run(["xml"] + arguments)
    }

    @Test func largeDocumentsAreSignedAndVerifiedAsAStream() throws {
        let output = Fixtures.folder + "/cli-large-signed.xml"
        let signed = try run(["sign", Self.large, "--id", "Body-1", "--id", "TS-1", "--key", Fixtures.rsaKeyPEM, "--into", "Security", "--output", output])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stderr.contains("xml sign: as a stream"))
        let streamed = try run(["verify", output, "--cert", Fixtures.rsaCertificatePEM])
        #expect(streamed.status == 0, "\(streamed.stderr)")
        #expect(streamed.stdout.contains("read as a stream"))
        let tree = try run(["verify", output, "--cert", Fixtures.rsaCertificatePEM, "--no-stream"])
        #expect(tree.status == 0, "\(tree.stderr)")
        // The same coverage, line numbers included, either way.
        let covers = { (text: String) in text.split(separator: "\n").filter { $0.contains("covers") } }
        #expect(covers(streamed.stdout).count == 2)
        #expect(covers(streamed.stdout) == covers(tree.stdout))
        #expect(streamed.stdout.contains("covers #Body-1  /soap:Envelope/soap:Body  line "))
        #expect(tree.stdout.contains("read as a tree"))
        // xmlsec1 agrees.
        let peer = try XMLSecInteropTests.xmlsec1(["--verify", "--pubkey-cert-pem", Fixtures.rsaCertificatePEM, output])
        #expect(peer.status == 0, "\(peer.stderr)")
    }

    @Test func smallDocumentsStreamOnRequestAndFailuresSayWhy() throws {
        let signed = try run(["sign", XMLCommandTests.envelope, "--id", "Body-1", "--key", Fixtures.rsaKeyPEM, "--into", "Security", "--stream"])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stderr.contains("as a stream"))
        let file = Fixtures.file("cli-small-streamed.xml", signed.stdout)
        let verified = try run(["verify", file, "--key", Fixtures.rsaKeyPEM, "--stream", "--json"])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("\"mode\" : \"stream\"") || verified.stdout.contains("\"mode\":\"stream\""))
        let tampered = Fixtures.file("cli-small-tampered.xml", signed.stdout.replacingOccurrences(of: "Widget", with: "Gadget"))
        let failed = try run(["verify", tampered, "--key", Fixtures.rsaKeyPEM, "--stream"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("[signatureFailed]"))
        // A parse error names the file and says what it is on one line, streamed as on the tree.
        let notUTF8 = Fixtures.folder + "/cli-not-utf8.xml"
        try Data(Array("<a>".utf8) + [0xFF] + Array("</a>".utf8)).write(to: URL(fileURLWithPath: notUTF8))
        for mode in ["--stream", "--no-stream"] {
            let refused = try run(["verify", notUTF8, "--key", Fixtures.rsaKeyPEM, mode])
            #expect(refused.status == 1 && refused.stderr.contains("\(notUTF8): line 1: The bytes are not UTF-8"), "\(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        }
        let inclusive = try run(["sign", XMLCommandTests.envelope, "--id", "Body-1", "--key", Fixtures.rsaKeyPEM, "--c14n", "c14n", "--stream"])
        #expect(inclusive.status != 0)
        #expect(inclusive.stderr.contains("--stream: c14n is signed on the tree only"))
        // Signed on the tree with inclusive C14N: the streaming verifier leaves it to the tree, and says so.
        let treeSigned = try run(["sign", Self.large, "--id", "Body-1", "--key", Fixtures.rsaKeyPEM, "--c14n", "c14n", "--output",
                                  Fixtures.folder + "/cli-large-c14n.xml"])
        #expect(treeSigned.status == 0, "\(treeSigned.stderr)")
        #expect(treeSigned.stderr.contains("on the document tree"))
        let fellBack = try run(["verify", Fixtures.folder + "/cli-large-c14n.xml", "--key", Fixtures.rsaKeyPEM])
        #expect(fellBack.status == 0, "\(fellBack.stderr)")
        #expect(fellBack.stdout.contains("read as a tree (SignedInfo uses c14n; streaming handles exclusive C14N only)"))
    }
}
