import Foundation
import TestSupport

/// A temporary copy of the demo home with scenario N applied to OrderProxy, driven through the real
/// `wssconsole message` CLI: the client side secures with the demo client's keys (alice for UsernameTokens),
/// the service side verifies with the service keystore and the embedded user store.
final class InteropHome {
    static let service = "OrderProxy"

    let root: String
    let scenario: Int
    private let fixture: PeerFixture

    /// With `assertion` ("EncryptSignature", "EncryptBeforeSigning"), the scenario's policy plus that binding
    /// assertion (under another wsu:Id), applied as a custom policy with `apply --policy`.
    /// The home with scenario N applied; with `assertions` (say "EncryptBeforeSigning") added to the binding,
    /// `suite` (say "TripleDesRsa15") for Basic256, or the assertion `renaming.from` renamed `renaming.to`, the
    /// edited policy is applied as a custom one.
    init(scenario: Int, fixture: PeerFixture, adding assertions: String..., suite: String? = nil,
         renaming: (from: String, to: String)? = nil, edit: (name: String, change: @Sendable (String) -> String)? = nil) throws {
        self.scenario = scenario
        self.fixture = fixture
        root = NSTemporaryDirectory() + "wssconsole-interop-home-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["conf", "keystores"] {
            try FileManager.default.copyItem(atPath: WSSConsoleBinary.repository + "/" + folder, toPath: root + "/" + folder)
        }
        let applied = try WSSConsoleBinary.run(["apply", "--home", root, "--service", Self.service, "--scenario", "\(scenario)"])
        guard applied.status == 0 else { throw Failed(description: "apply scenario \(scenario): \(applied.all)") }
        if !assertions.isEmpty || suite != nil || renaming != nil || edit != nil {
            try applyEdited(adding: assertions, suite: suite, renaming: renaming, edit: edit)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    private func applyEdited(adding assertions: [String], suite: String?, renaming: (from: String, to: String)?,
                             edit: (name: String, change: @Sendable (String) -> String)?) throws {
        var policy = try fixture.read(root + "/conf/policies/\(Self.service).policy.xml")
        let marker = "<sp:OnlySignEntireHeadersAndBody/>", basic256 = "<sp:Basic256/>"
        guard assertions.isEmpty || policy.contains(marker), suite == nil || policy.contains(basic256),
              let id = policy.range(of: #"wsu:Id="[^"]+"#, options: .regularExpression) else {
            throw Failed(description: "scenario \(scenario)'s policy has no \(marker), \(basic256) or wsu:Id")
        }
        let name = (assertions + [suite, renaming?.to, edit?.name].compactMap { $0 }).joined()
        policy = policy.replacingCharacters(in: id, with: policy[id] + name)
        policy = policy.replacingOccurrences(of: marker, with: marker + assertions.map { "<sp:\($0)/>" }.joined())
        if let suite { policy = policy.replacingOccurrences(of: basic256, with: "<sp:\(suite)/>") }
        if let renaming {
            guard policy.contains("<sp:\(renaming.from)>") else { throw Failed(description: "scenario \(scenario)'s policy has no sp:\(renaming.from)") }
            policy = policy.replacingOccurrences(of: "<sp:\(renaming.from)>", with: "<sp:\(renaming.to)>")
                .replacingOccurrences(of: "</sp:\(renaming.from)>", with: "</sp:\(renaming.to)>")
        }
        if let edit {
            let changed = edit.change(policy)
            guard changed != policy else { throw Failed(description: "the edit \(edit.name) changed nothing in scenario \(scenario)'s policy") }
            policy = changed
        }
        let file = try fixture.write("\(name)-\(scenario)-\(UUID().uuidString).xml", policy)
        let applied = try WSSConsoleBinary.run(["apply", "--home", root, "--service", Self.service, "--policy", file])
        guard applied.status == 0 else { throw Failed(description: "apply --policy \(file): \(applied.all)") }
    }

    struct Failed: Error, CustomStringConvertible { let description: String }

    /// Scenario 1 is UsernameToken over HTTPS: the engine is told so (and refuses plain HTTP).
    private var transport: [String] { scenario == 1 ? ["--transport", "https"] : [] }

    /// `wssconsole message secure --role client`: the secured request's path, and the run.
    func secure(_ plain: String) throws -> (WSSConsoleBinary.Result, String) {
        let out = fixture.scratch("ours-\(scenario)")
        let result = try WSSConsoleBinary.run(["message", "secure", "--home", root, "--service", Self.service, "--role", "client",
                                               "--user", "alice", "--password-file", fixture.path("alice.pass")]
                                              + transport + [plain, out])
        return (result, out)
    }

    /// `wssconsole message secure --role service --direction response --request REQUEST`: the service verifies
    /// the request again to learn what the response needs, then secures the plain response.
    func secureResponse(_ plain: String, request: String) throws -> (WSSConsoleBinary.Result, String) {
        let out = fixture.scratch("ours-response-\(scenario)")
        let result = try WSSConsoleBinary.run(["message", "secure", "--home", root, "--service", Self.service, "--role", "service",
                                               "--direction", "response", "--request", request] + transport + [plain, out])
        return (result, out)
    }

    /// `wssconsole message verify --role service`.
    func verify(_ secured: String) throws -> WSSConsoleBinary.Result {
        try WSSConsoleBinary.run(["message", "verify", "--home", root, "--service", Self.service, "--role", "service"]
                                 + transport + [secured, fixture.scratch("ours-verified-\(scenario)")])
    }
}
