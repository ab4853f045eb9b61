import ArgumentParser
import Foundation
import SecureXML

/// `wssconsole xml verify`: verifies every signature of a document and prints what each covers.
struct XMLVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify the signatures of a document and print what they cover.",
        discussion: """
        Exits 0 only when the document has signatures and all of them verify with the key given. Documents of 256 KB and more \
        are verified as a stream (bounded memory) when their signatures use exc-c14n; the last line says which.
        """)

    @Argument(help: ArgumentHelp("The document (- for standard input).", valueName: "FILE")) var file: String
    @OptionGroup var keys: XMLKeyOptions
    @Flag(name: .customLong("allow-sha1"), help: "Accept SHA-1 based algorithms.") var allowSHA1 = false
    static let allowing = "--allow-sha1 accepts SHA-1 based algorithms"
    @OptionGroup var streaming: XMLStreamOptions
    @Flag(help: "Print the result as JSON.") var json = false

    struct Report: Encodable {
        struct Signature: Encodable {
            let path: String
            let algorithm: String
            let canonicalization: String
            let references: [Reference]
        }
        struct Reference: Encodable {
            let id: String
            let path: String
            let line: Int
            let digest: String
            let transforms: [String]
        }
        let valid: Bool
        let key: String
        let signatures: [Signature]
        let error: String?
        let code: String?
        /// "tree" or "stream".
        let mode: String
    }

    func run() throws {
        let bytes = try readInput(file)
        let key = try keys.load()
        let policy = XMLProcessingPolicy(allowSHA1: allowSHA1)
        var fallback: String?
        if try streaming.streams(size: bytes.count, unsupported: nil) {
            do { return try finish(try streamed(bytes, key: key, policy: policy), total: nil) } catch let error as XMLError {
                guard streaming.fallsBack(error) else { return try finish(failed(error, key: key, mode: "stream"), total: nil) }
                fallback = error.message
            }
        }
        let document = try parseDocument(bytes, file)
        let signatures = document.root.map { root in ([root] + root.allDescendants).filter { $0.is("Signature", "http://www.w3.org/2000/09/xmldsig#") } } ?? []
        let verifier = XMLSignatureVerifier(policy: policy)
        var verified: [VerifiedSignature] = []
        var failure: XMLError?
        for signature in signatures {
            do { verified.append(try verifier.verify(signature, key: key)) } catch {
                failure = error
                break
            }
        }
        let report = Report(valid: failure == nil && !signatures.isEmpty, key: key.description, signatures: verified.map { signature in
            Report.Signature(path: signature.signature.path, algorithm: signature.algorithm.name, canonicalization: signature.canonicalization.name,
                             references: signature.references.map {
                                 Report.Reference(id: $0.id, path: $0.element.path, line: $0.element.line, digest: $0.digest.name,
                                                  transforms: $0.transforms.map(\.name))
                             })
        }, error: failure?.description ?? (signatures.isEmpty ? "the document has no ds:Signature" : nil), code: failure?.code.rawValue,
           mode: "tree")
        try finish(report, total: signatures.count, fallback: fallback)
    }

    private func streamed(_ bytes: [UInt8], key: XMLKey, policy: XMLProcessingPolicy) throws(XMLError) -> Report {
        let verified = try StreamingVerifier(policy: policy).verify(bytes, key: key)
        return Report(valid: !verified.isEmpty, key: key.description, signatures: verified.map { signature in
            Report.Signature(path: signature.path, algorithm: signature.algorithm.name, canonicalization: signature.canonicalization.name,
                             references: signature.references.map {
                                 Report.Reference(id: $0.id, path: $0.path, line: $0.line, digest: $0.digest.name, transforms: $0.transforms.map(\.name))
                             })
        }, error: verified.isEmpty ? "the document has no ds:Signature" : nil, code: nil, mode: "stream")
    }

    private func failed(_ error: XMLError, key: XMLKey, mode: String) -> Report {
        // A parse error names the file, as the tree path's does.
        Report(valid: false, key: key.description, signatures: [], error: (error.line == nil ? "" : "\(file): ") + error.description,
               code: error.code.rawValue, mode: mode)
    }

    private func finish(_ report: Report, total: Int?, fallback: String? = nil) throws {
        if json { try printJSON(report) } else { printText(report, total: total, fallback: fallback) }
        if !report.valid { throw ExitCode.failure }
    }

    private func printText(_ report: Report, total: Int?, fallback: String?) {
        let count = total ?? report.signatures.count
        for (index, signature) in report.signatures.enumerated() {
            print("signature \(index + 1) of \(count) at \(signature.path): valid (\(signature.algorithm), \(signature.canonicalization))")
            for reference in signature.references {
                print("  covers #\(reference.id)  \(reference.path)  line \(reference.line)  \(reference.digest) \(reference.transforms.joined(separator: " "))")
            }
        }
        if report.valid {
            print("verified with \(report.key)")
            print(report.mode == "stream" ? "read as a stream (bounded memory)" : "read as a tree" + (fallback.map { " (\($0))" } ?? ""))
        } else {
            let which = total.map { report.signatures.count < $0 ? "signature \(report.signatures.count + 1) of \($0): " : "" } ?? ""
            let hint = report.code.flatMap(XMLError.Code.init(rawValue:))?.fix(allowing: Self.allowing).map { "\n  fix: \($0)" } ?? ""
            printError("wssconsole: \(which)\(report.error ?? "invalid")\(report.code.map { " [\($0)]" } ?? "")\(hint)")
        }
    }
}
