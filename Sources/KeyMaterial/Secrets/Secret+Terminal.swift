import COpenSSL
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Secret {
    /// The longest password accepted from a terminal, in bytes.
    public static let maximumTerminalInputLength = 1024

    /// Prompts on the controlling terminal (`/dev/tty`) and reads one line without echo.
    ///
    /// Reads `/dev/tty` rather than standard input so a password is never taken from a pipe by
    /// accident; echo is restored even when reading fails.
    public static func readFromTerminal(prompt: String) throws -> Secret {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            throw KeyMaterialError.terminalUnavailable("cannot open /dev/tty: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }

        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else {
            throw KeyMaterialError.terminalUnavailable("/dev/tty is not a terminal")
        }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        writeAll(fd, prompt)
        guard tcsetattr(fd, TCSAFLUSH, &silent) == 0 else {
            throw KeyMaterialError.terminalUnavailable("cannot turn off terminal echo")
        }
        defer { _ = tcsetattr(fd, TCSAFLUSH, &saved) }

        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: maximumTerminalInputLength, alignment: 1)
        defer { buffer.deallocate() }
        var length = 0
        while true {
            var byte: UInt8 = 0
            let got = read(fd, &byte, 1)
            if got < 0, errno == EINTR { continue }
            if got <= 0 || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            guard length < buffer.count else {
                wipe(buffer)
                throw KeyMaterialError.invalidArgument("input longer than \(maximumTerminalInputLength) bytes")
            }
            buffer[length] = byte
            length += 1
        }
        return Secret(wiping: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length]))
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// Zeroes memory in a way the optimiser may not remove.
func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    OPENSSL_cleanse(base, buffer.count)
}
