import Foundation

/// The Apache WSS4J peer (`tests/interop/wss4j/*.java`, our own harness around Debian's WSS4J 1.6.19): compiled
/// with javac once per version of its sources into the build folder, run with `java -cp`. Used by the interop
/// tests and by `wssconsole bench`, which compare wssconsole with the engine Rampart and WSO2 run.
public struct WSS4JPeer: Sendable {
    /// Why the peer cannot run here, said so that the operator knows what to install.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// What one run printed, and how it ended.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public var all: String { stdout + stderr }
    }

    /// Debian's jars: WSS4J, Santuario (xmlsec) and the logging APIs they load.
    static let jars = ["wss4j.jar", "xmlsec.jar", "commons-logging.jar", "slf4j-api.jar", "slf4j-nop.jar"]
    static let jarFolder = "/usr/share/java"

    /// The peer's Java sources in the repository this binary was built from.
    public static let sourceFolder: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/tests/interop/wss4j"
    }()

    let java: String
    let classpath: String

    /// Finds Java and the jars, and compiles the peer unless this version of its sources already is.
    public static func prepare(sources: String = sourceFolder, cache: String = defaultCache) throws -> WSS4JPeer {
        guard let java = which("java"), let javac = which("javac") else {
            throw Unavailable(description: "the WSS4J peer needs java and javac (Debian default-jdk-headless; scripts/setup installs it)")
        }
        let jarPaths = jars.map { jarFolder + "/" + $0 }
        if let missing = jarPaths.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw Unavailable(description: "Apache WSS4J is not installed: \(missing) is missing (Debian libwss4j-java; scripts/setup installs it)")
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []).filter { $0.hasSuffix(".java") }.sorted()
        guard !files.isEmpty else { throw Unavailable(description: "the WSS4J peer's sources are not at \(sources)") }
        let classes = cache + "/" + (try fingerprint(files.map { sources + "/" + $0 }))
        if !FileManager.default.fileExists(atPath: classes + "/WSS4JPeer.class") {
            try compile(files.map { sources + "/" + $0 }, javac: javac, classpath: jarPaths.joined(separator: ":"), into: classes)
        }
        return WSS4JPeer(java: java, classpath: ([classes] + jarPaths).joined(separator: ":"))
    }

    /// JVM settings for one-off runs (start fast) and for benchmarks (the JIT's best code, default GC).
    public enum Speed: Sendable { case quick, steady }

    /// Runs `java WSS4JPeer ARGUMENTS`; a run longer than `timeout` is killed and reported.
    public func run(_ arguments: [String], speed: Speed = .quick, timeout: TimeInterval = 180) throws -> Result {
        let options = speed == .quick ? ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"] : []
        let output = try ChildProcess.run(java, options + ["-cp", classpath, "WSS4JPeer"] + arguments, timeout: timeout)
        if output.timedOut {
            throw Unavailable(description: "the WSS4J peer did not finish within \(Int(timeout)) s (\(arguments.first ?? ""))")
        }
        return Result(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }

    /// `wss4j-peer/` next to the running binary: the build folder (any scratch path), never the repository.
    public static var defaultCache: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().path + "/wss4j-peer"
    }

    static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// FNV-1a over the names and bytes of the sources: a cache key, not a security check.
    static func fingerprint(_ files: [String]) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for file in files {
            for byte in Array(file.utf8) + [0] + Array(try Data(contentsOf: URL(fileURLWithPath: file))) {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }

    /// Compiles into a private folder, then renames it into place: a concurrent run sees all classes or none.
    static func compile(_ files: [String], javac: String, classpath: String, into classes: String) throws {
        let staging = classes + ".tmp-\(getpid())"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let output = try ChildProcess.run(javac, ["-nowarn", "-d", staging, "-cp", classpath] + files, timeout: 300)
        guard output.status == 0, !output.timedOut else {
            throw Unavailable(description: "javac could not compile the WSS4J peer:\n" + output.stderr)
        }
        if rename(staging, classes) != 0, !FileManager.default.fileExists(atPath: classes + "/WSS4JPeer.class") {
            throw Unavailable(description: "cannot move the compiled peer to \(classes): \(String(cString: strerror(errno)))")
        }
    }
}
