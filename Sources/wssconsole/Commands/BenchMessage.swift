import ArgumentParser
import Foundation
import KeyMaterial
import UserStores
import WSSecurity

/// `wssconsole bench message`: a request secured and verified under a scenario, beside WSS4J and the OpenSSL floor.
struct BenchMessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message", abstract: "Secure + verify requests of scenarios 2, 5, 8; compare with WSS4J and plain OpenSSL.",
        discussion: """
        One request with a 2 KB body, secured by the client side and verified by the service side with fresh RSA-2048 \
        keys, one thread, CPU time. WSS4J 1.6.19 (the tests' Java peer) does the same work in one JVM after a JIT \
        warm-up, in the same run. The floor is the scenario's RSA operations, a SHA-1 of the message and, for the \
        UsernameToken scenarios, the user store's PBKDF2 check of the password, in OpenSSL.
        """)

    @Option(help: ArgumentHelp("A scenario to measure (repeatable; 1-8).", valueName: "N")) var scenario: [Int] = [2, 5, 8]
    @Option(help: ArgumentHelp("How long each measurement runs.", valueName: "SECONDS")) var seconds: Double = 3
    @Option(help: ArgumentHelp("How long WSS4J warms up before it is measured.", valueName: "SECONDS")) var warmup: Double = 8
    @Flag(help: "Leave WSS4J out (to profile our side alone).") var noPeer = false
    @Flag(help: "Print the figures as JSON.") var json = false
    /// Exactly this many secure + verify per scenario, without WSS4J or the floor: for instruction counts under callgrind.
    @Option(help: .private) var count: Int?

    func validate() throws {
        guard seconds > 0, warmup >= 0, count.map({ $0 >= 0 }) ?? true else { throw ValidationError("--seconds must be positive.") }
        guard scenario.allSatisfy((1...8).contains) else { throw ValidationError("--scenario takes 1-8.") }
    }

    func run() throws {
        if let count {
            try MessageBenchmark.repeatRequests(scenarios: scenario, count: count)
            return
        }
        let results = try MessageBenchmark(seconds: seconds, warmup: warmup, withPeer: !noPeer).run(scenarios: scenario)
        if json { try printJSON(results) } else { print(results.table) }
    }
}

/// The measurements behind `wssconsole bench message` (issue 4, point 8). Figures only: nothing here is a test.
struct MessageBenchmark {
    let seconds: Double
    let warmup: Double
    var withPeer = true

    struct Row: Encodable {
        let scenario: Int
        let secureMilliseconds: Double
        let verifyMilliseconds: Double
        let opsPerSecond: Double
        /// WSS4J by its thread's CPU time (the higher figure, so the ratio errs in its favour), and by its whole JVM's.
        let wss4jOpsPerSecond: Double?
        let wss4jJVMOpsPerSecond: Double?
        let floorOpsPerSecond: Double
        /// Our throughput over WSS4J's (target >= 2) and our time over the floor's (target <= 1.5).
        let timesWSS4J: Double?
        let timesFloor: Double
    }

    struct Results: Encodable {
        let setup: String
        let rows: [Row]
        let peerNote: String?

        var table: String {
            var lines = [setup, "", "scenario   secure ms  verify ms   ops/s  WSS4J ops/s (JVM)  vs WSS4J  floor ops/s  vs floor"]
            for row in rows {
                let peer = row.wss4jOpsPerSecond.map { String(format: "%12.0f (%4.0f)", $0, row.wss4jJVMOpsPerSecond ?? 0) } ?? String(repeating: " ", count: 16) + "n/a"
                let ratio = row.timesWSS4J.map { String(format: "%8.2fx", $0) + ($0 >= 2 ? " " : "!") } ?? "       - "
                lines.append(String(format: "%8d %11.3f %10.3f %7.0f", row.scenario, row.secureMilliseconds, row.verifyMilliseconds, row.opsPerSecond)
                             + peer + ratio + String(format: "%13.0f %8.2fx", row.floorOpsPerSecond, row.timesFloor) + (row.timesFloor <= 1.5 ? "" : "!"))
            }
            lines.append("")
            lines.append("vs WSS4J = our ops/s over WSS4J's (target >= 2x); vs floor = our time over the floor's (target <= 1.5x); ! = missed.")
            if let peerNote { lines.append(peerNote) }
            return lines.joined(separator: "\n")
        }
    }

    func run(scenarios: [Int]) throws -> Results {
        let parties = try MessageParties()
        let envelope = Self.envelope(bodyBytes: 2048)
        let peer = withPeer ? BenchPeer.prepare() : .failure(OperationFailed(message: "left out by --no-peer"))
        var rows: [Row] = []
        var peerNote: String?
        if case .failure(let why) = peer { peerNote = "WSS4J not measured: \(why)" }
        for number in scenarios {
            guard let scenario = ScenarioCatalogue.scenario(number) else { continue }
            let engine = SecurityEngine(policy: scenario.policy(for: HostSettings()))
            let client = parties.client(), service = parties.service()
            var secured = Data()
            // RSA signs only in the asymmetric binding (2, 5); every other X.509 scenario wraps a session key.
            // The service checks the UsernameToken of 1, 7 and 8 against its store: one PBKDF2 at the store's cost.
            let floor = try MessageFloor(parties: parties, messageBytes: envelope.count, sign: [2, 5].contains(number), encrypt: (3...8).contains(number),
                                         passwordIterations: [1, 7, 8].contains(number) ? parties.users.passwordIterations : nil)
            let times = try Self.turns([{ secured = try engine.secure(envelope, context: client) },
                                        { _ = try engine.verify(secured, context: service) },
                                        { try floor.secure() }, { try floor.verify() }], seconds: seconds * 1.5)
            let (secure, verify, floorSecure, floorVerify) = (times[0], times[1], times[2], times[3])
            var wss4j: (jvm: Double, thread: Double)?
            if case .success(let java) = peer {
                do { wss4j = try parties.wss4j(java, scenario: number, envelope: envelope, seconds: seconds, warmup: warmup) }
                catch { peerNote = "WSS4J failed: \(error)" }
            }
            let ours = secure + verify
            rows.append(Row(scenario: number, secureMilliseconds: secure, verifyMilliseconds: verify, opsPerSecond: 1000 / ours,
                            wss4jOpsPerSecond: wss4j?.thread, wss4jJVMOpsPerSecond: wss4j?.jvm, floorOpsPerSecond: 1000 / (floorSecure + floorVerify),
                            timesWSS4J: wss4j.map { 1000 / ours / $0.thread }, timesFloor: ours / (floorSecure + floorVerify)))
        }
        let setup = "wssconsole bench message: one request (\(envelope.count) bytes, 2 KB body) secured by the client and verified by the service, "
            + "RSA-2048 keys, Basic256, one thread.\nTimes are CPU time of the measuring thread; for WSS4J also of its whole JVM (GC and JIT "
            + "threads), in brackets. WSS4J warms up for \(Int(warmup)) s; our secure and verify and the floor's take turns for \(Int(seconds * 1.5)) s."
        return Results(setup: setup, rows: rows, peerNote: peerNote)
    }

    /// Secures and verifies `count` requests of each scenario and nothing else; the difference between two counts
    /// under callgrind is the instructions of that many requests, free of set-up and first-use costs.
    static func repeatRequests(scenarios: [Int], count: Int) throws {
        let parties = try MessageParties()
        let envelope = Self.envelope(bodyBytes: 2048)
        for number in scenarios {
            guard let scenario = ScenarioCatalogue.scenario(number) else { continue }
            let engine = SecurityEngine(policy: scenario.policy(for: HostSettings()))
            let client = parties.client(), service = parties.service()
            for _ in 0..<count { _ = try engine.verify(try engine.secure(envelope, context: client), context: service) }
            print("scenario \(number): \(count) requests secured and verified")
        }
    }

    /// A SOAP 1.1 request whose Body holds about `bodyBytes` bytes of order lines.
    static func envelope(bodyBytes: Int) -> Data {
        var body = ""
        var n = 0
        while body.utf8.count < bodyBytes - 100 {
            n += 1
            body += "<m:item sku=\"SKU-\(100000 + n)\" qty=\"\(n % 9 + 1)\">Widget \(n), blue, with a short description</m:item>"
        }
        return Data("""
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/>\
        <soapenv:Body><m:placeOrder xmlns:m="urn:example:orders">\(body)</m:placeOrder></soapenv:Body></soapenv:Envelope>
        """.utf8)
    }

    /// CPU milliseconds per run of each body, the bodies taking turns for `seconds` after a warm-up: ours and the
    /// floor see the same machine at the same moment (and the same caches after the same work), so their ratio
    /// holds when the machine's speed drifts.
    static func turns(_ bodies: [() throws -> Void], seconds: Double) throws -> [Double] {
        for _ in 0..<3 { for body in bodies { try body() } }
        var totals = [Double](repeating: 0, count: bodies.count)
        var count = 0
        while totals.reduce(0, +) < seconds * 1000 {
            for (index, body) in bodies.enumerated() {
                let start = XMLBenchmark.cpuMilliseconds()
                try body()
                totals[index] += XMLBenchmark.cpuMilliseconds() - start
            }
            count += 1
        }
        return totals.map { $0 / Double(count) }
    }
}
