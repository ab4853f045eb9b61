import ArgumentParser
import Foundation
import SecureXML

/// `--stream/--no-stream` of `xml sign|verify`: large documents are signed and verified as a stream, in bounded memory,
/// when the operation is one the streaming path handles; the tree path does everything else.
struct XMLStreamOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo,
          help: "Stream the document (bounded memory, exc-c14n only) or build its tree; by default streamed from 256 KB.")
    var stream: Bool?

    /// The size from which documents are streamed unless told otherwise.
    static let threshold = 256 << 10

    /// Whether to stream a document of `size` bytes; `unsupported` says why the operation cannot be, if it cannot.
    func streams(size: Int, unsupported: String?) throws -> Bool {
        switch stream {
        case true?:
            if let unsupported { throw OperationFailed(message: "--stream: \(unsupported)") }
            return true
        case false?: return false
        case nil: return unsupported == nil && size >= Self.threshold
        }
    }

    /// Whether to try the tree after the streaming path said it does not handle this document.
    func fallsBack(_ error: XMLError) -> Bool { error.code == .streamingUnsupported && stream == nil }
}

/// A line on standard error saying which path an `xml` command took.
func notePath(_ command: String, streamed: Bool, size: Int, reason: String? = nil) {
    let how = streamed ? "as a stream (bounded memory)" : "on the document tree"
    printError("wssconsole: xml \(command): \(how), \(size) bytes\(reason.map { "; \($0)" } ?? "")")
}

extension XMLPlacementOptions {
    /// The same place for the streaming signer.
    var streamingPlacement: (StreamingSigner.Target, StreamingSigner.Position) {
        if let intoID { return (.id(intoID), .firstChild) }
        if let intoName { return (.firstNamed(intoName, namespace: nil), .firstChild) }
        return (.root, .lastChild)
    }
}

/// Writes the signed document (the input around the Signature) to `output` or standard output, without gathering it.
func writeSigned(_ document: [UInt8], _ insertion: SignatureInsertion, to output: String?) throws {
    let descriptor = output.map { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) } ?? STDOUT_FILENO
    guard descriptor >= 0 else { throw OperationFailed(message: "cannot write \(output ?? "standard output"): \(String(cString: strerror(errno)))") }
    defer { if output != nil { close(descriptor) } }
    guard insertion.write(document, into: { writeAll(descriptor, $0) }) else {
        throw OperationFailed(message: "cannot write \(output ?? "standard output"): \(String(cString: strerror(errno)))")
    }
}
