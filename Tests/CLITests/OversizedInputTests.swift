import Foundation
import Testing

/// A document or message over the parser's 8 MiB is refused as the parser refuses it, with its whole size, whether
/// it comes from a file or standard input: the reader keeps no more than the limit (a 1 GB input took 2 GB of memory
/// to be refused), and a document of exactly the limit is still read through to the parser.
@Suite struct OversizedInputTests {
    static let limit = 8 << 20

    /// A well-formed document of exactly `size` bytes.
    func document(_ home: TempHome, size: Int) throws -> String {
        let path = home.root + "/doc-\(size).xml"
        let frame = "<r></r>".utf8.count
        try Data(("<r>" + String(repeating: "a", count: size - frame) + "</r>").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func overTheLimitIsRefusedWithItsSizeFromAFileAndFromStandardInput() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let over = try document(home, size: Self.limit + 4_097)
        let says = "The document is \(Self.limit + 4_097) bytes; the limit is \(Self.limit)"
        let c14n = try CLI.run(["xml", "c14n", over])
        #expect(c14n.status == 1 && c14n.stderr.contains("\(over): \(says) [tooLarge]"), "\(c14n.all)")
        let verify = try CLI.run(["message", "verify", "--home", home.root, "--service", "OrderProxy", "--role", "service", over, home.root + "/out.xml"])
        #expect(verify.status == 1 && verify.stdout.contains("rejected: wsse:InvalidSecurity: The message is not acceptable XML: \(says)"), "\(verify.all)")
        let piped = try CLI.run(["message", "verify", "--home", home.root, "--service", "OrderProxy", "--role", "service", "-", home.root + "/out.xml"],
                                input: over)
        #expect(piped.status == 1 && piped.stdout.contains(says), "\(piped.all)")
        #expect(!FileManager.default.fileExists(atPath: home.root + "/out.xml"))
    }

    @Test func exactlyTheLimitReachesTheParser() throws {
        let home = try TempHome()
        let c14n = try CLI.run(["xml", "c14n", try document(home, size: Self.limit)])
        #expect(c14n.status == 0 && c14n.stdout.utf8.count == Self.limit, "\(c14n.stderr)")
    }
}
