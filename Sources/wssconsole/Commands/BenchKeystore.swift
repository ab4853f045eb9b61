import ArgumentParser
import Foundation
import KeyMaterial

/// `wssconsole bench keystore`: open and list a large store, JKS and PKCS #12, beside keytool on the same file.
struct BenchKeystoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keystore", abstract: "Open and list a 5,000-entry keystore (JKS, PKCS #12); compare with keytool -list.",
        discussion: """
        The store is built in memory (trusted certificates, and a few EC P-256 key pairs), serialised, and written to a \
        temporary file. Open+list = read the file, check its integrity, decrypt the keys, and compute every row the \
        listing shows (subject, issuer, dates, key, SHA-256 fingerprint); the median of --repeats runs. keytool -list \
        runs on the same file in the same run (wall clock, JVM start included). Target: open+list within 0.5 s.
        """)

    @Option(help: ArgumentHelp("Entries in the store.", valueName: "N")) var entries = 5_000
    @Option(name: .customLong("key-entries"), help: ArgumentHelp("How many of them are key pairs.", valueName: "N")) var keyEntries = 10
    @Option(help: ArgumentHelp("Runs per measurement (the median is shown).", valueName: "N")) var repeats = 5
    @Flag(help: "Print the figures as JSON.") var json = false

    struct Row: Encodable {
        let format: String
        let bytes: Int
        /// Reading, integrity check and key decryption alone.
        let openSeconds: Double
        let openAndListSeconds: Double
        let openAndListCPUSeconds: Double
        let keytoolListSeconds: Double?
        let keytoolListCPUSeconds: Double?
        /// Ours over keytool's.
        let ratio: Double?
        let met: Bool
    }

    struct Results: Encodable {
        let setup: String
        let target: String
        let rows: [Row]
    }

    func validate() throws {
        guard entries > 0, keyEntries >= 0, keyEntries <= entries, repeats > 0 else {
            throw ValidationError("--entries and --repeats must be positive, --key-entries at most --entries.")
        }
    }

    func run() throws {
        let password = Secret("bench-store-pass")
        let store = try reportingKeystoreErrors { try buildStore() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wssconsole-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows: [Row] = []
        for (format, storetype) in [(KeystoreFormat.jks, "JKS"), (.pkcs12, "PKCS12")] {
            let data = try reportingKeystoreErrors { try store.serialized(format: format, password: password) }
            let file = folder.appendingPathComponent("bench.\(format.rawValue)")
            try data.write(to: file)
            let opened = try median { _ = try Keystore.open(data: Data(contentsOf: file), password: password) }
            let ours = try medians { _ = try openAndList(Data(contentsOf: file), password) }
            let theirs = try? medians { try keytoolList(file.path, storetype: storetype) }
            rows.append(Row(format: storetype, bytes: data.count, openSeconds: opened, openAndListSeconds: ours.wall, openAndListCPUSeconds: ours.cpu,
                            keytoolListSeconds: theirs?.wall, keytoolListCPUSeconds: theirs?.cpu,
                            ratio: theirs.map { ours.wall / $0.wall }, met: ours.wall <= 0.5))
        }
        let results = Results(setup: "\(entries) entries (\(entries - keyEntries) trusted certificates, \(keyEntries) EC P-256 key pairs), median of \(repeats) runs",
                              target: "open+list within 0.5 s", rows: rows)
        if json { return try printJSON(results) }
        print("keystore bench: \(results.setup)")
        print("load average \(Self.loadAverage()) on \(ProcessInfo.processInfo.activeProcessorCount) cores: wall clock waits for them, cpu does not\n")
        print("format   size           open   open+list (cpu)      keytool -list (cpu)   ours/keytool  target (0.5 s)")
        for row in rows {
            let keytool = row.keytoolListSeconds.map { String(format: "%11.3f s (%.2f)", $0, row.keytoolListCPUSeconds ?? 0) } ?? "  unavailable"
            let ratio = row.ratio.map { String(format: "%12.2f", $0) } ?? "           -"
            print(column(row.format, 9) + String(format: "%7.2f MB", Double(row.bytes) / 1_048_576) + String(format: "%9.3f s", row.openSeconds) + String(format: "%10.3f s (%.2f)", row.openAndListSeconds, row.openAndListCPUSeconds)
                  + keytool + ratio + "  " + (row.met ? "met" : "NOT MET"))
        }
    }

    /// Mostly trusted certificates (a truststore's shape), sharing one key: signing is what costs, not key generation.
    private func buildStore() throws -> Keystore {
        var store = Keystore(format: .jks)
        let shared = try PrivateKey.generate(.ecP256)
        for index in 0..<keyEntries {
            try store.generateKeyPair(alias: "key-\(index)", algorithm: .ecP256, subject: "CN=key \(index),O=bench", validityDays: 365)
        }
        // Appended directly: importing one by one checks every alias against every other, which is not what is measured.
        let trusted = try (0..<(entries - keyEntries)).map { index in
            Keystore.Entry.trustedCertificate(alias: "partner-\(index)", certificate: try Certificate.selfSigned(
                key: shared, subject: "CN=partner \(index),O=bench", validityDays: 30 + index % 700))
        }
        return Keystore(format: .jks, entries: store.entries + trusted)
    }

    /// What `keystore list` does: open, then every row of the listing.
    private func openAndList(_ data: Data, _ password: Secret) throws -> Int {
        let store = try reportingKeystoreErrors { try Keystore.open(data: data, password: password) }
        let rows = store.entries.compactMap { EntryRow($0) }
        guard rows.count == entries else { throw OperationFailed(message: "listed \(rows.count) of \(entries) entries") }
        return rows.count
    }

    private func keytoolList(_ path: String, storetype: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/keytool")
        process.arguments = ["-list", "-storetype", storetype, "-keystore", path, "-storepass", "bench-store-pass"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw OperationFailed(message: "keytool -list failed") }
    }

    private func median(_ body: () throws -> Void) throws -> Double {
        try medians(body).wall
    }

    /// Median wall-clock and CPU seconds (this process and its children: keytool's JVM threads count too).
    /// CPU time tells the work apart from waiting on a busy machine.
    private func medians(_ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<repeats {
            let (startWall, startCPU) = (DispatchTime.now().uptimeNanoseconds, Self.cpuSeconds())
            try body()
            walls.append(Double(DispatchTime.now().uptimeNanoseconds - startWall) / 1e9)
            cpus.append(Self.cpuSeconds() - startCPU)
        }
        return (walls.sorted()[walls.count / 2], cpus.sorted()[cpus.count / 2])
    }

    private static func loadAverage() -> String {
        var loads = [Double](repeating: 0, count: 1)
        return getloadavg(&loads, 1) == 1 ? String(format: "%.1f", loads[0]) : "unknown"
    }

    private static func cpuSeconds() -> Double {
        var total = 0.0
        for who in [RUSAGE_SELF, RUSAGE_CHILDREN] {
            var usage = rusage()
            getrusage(__rusage_who_t(who.rawValue), &usage)
            total += Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        return total
    }
}
