import ArgumentParser
import Foundation

/// `wssconsole bench`: speed and memory on this machine, beside the floor of the libraries underneath.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure speed and memory on this machine.",
                                                    subcommands: [BenchXMLCommand.self, BenchMessageCommand.self, BenchKeystoreCommand.self,
                                                                  BenchValidateCommand.self])
}

/// `wssconsole bench xml`: XML Signature of SOAP envelopes against the in-process OpenSSL floor.
struct BenchXMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xml", abstract: "Sign and verify 2 KB and 1 MB SOAP envelopes; compare with plain OpenSSL.",
        discussion: """
        RSA-2048, rsa-sha256, SHA-256 digests, exclusive C14N, Body and Timestamp referenced by wsu:Id, one thread. \
        Sign = parse + sign + serialise; verify = parse + verify. The floor is one RSA-2048 private-key (or public-key) \
        operation plus SHA-256 of the canonical bytes, measured in the same run with the same key. Peak memory is the \
        growth of resident memory during one 1 MB operation, measured in a fresh process, for both shapes of body: \
        text (paragraphs) and attribute-dense records; sign-streamed writes the signed message to a file as it goes.
        """)

    @Option(help: ArgumentHelp("How long each 2 KB measurement runs.", valueName: "SECONDS")) var seconds: Double = 2
    @Option(help: ArgumentHelp("How many times each 1 MB operation runs (the median is shown).", valueName: "N")) var repeats: Int = 7
    @Flag(help: "Print the figures as JSON.") var json = false
    @Option(name: .customLong("memory-probe"), help: .private) var memoryProbe: String?
    @Option(help: .private) var input: String?
    @Option(name: .customLong("key-file"), help: .private) var keyFile: String?
    /// Runs one measurement for as long as --seconds says and prints its ms/op: for profiling.
    @Option(help: .private) var only: String?
    /// With --only: exactly this many operations after the warm-up, for instruction counts under callgrind.
    @Option(help: .private) var count: Int?

    func validate() throws {
        guard seconds > 0, repeats > 0 else { throw ValidationError("--seconds and --repeats must be positive.") }
    }

    func run() throws {
        if let memoryProbe, let input, let keyFile {
            print(try XMLBenchmark.memoryProbe(memoryProbe, input: input, keyFile: keyFile))
            return
        }
        if let only {
            print(String(format: "%.3f ms/op", try XMLBenchmark(seconds: seconds, repeats: repeats).measure(only, keyFile: keyFile, count: count)))
            return
        }
        let results = try XMLBenchmark(seconds: seconds, repeats: repeats).run()
        if json { try printJSON(results) } else { print(results.table + BenchPeerColumn.lines(for: results, seconds: seconds)) }
    }
}
