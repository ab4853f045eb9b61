import Foundation

/// A temporary home for one test: a copy of the repository's demo home, or a minimal Micro Integrator home.
final class ScratchHome: @unchecked Sendable {
    let root: String

    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A copy of the demo home (conf/ and keystores/).
    init() throws {
        root = NSTemporaryDirectory() + "wssconsole-users-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["conf", "keystores"] {
            try FileManager.default.copyItem(atPath: Self.repository + "/" + folder, toPath: root + "/" + folder)
        }
    }

    /// A Micro Integrator home whose deployment.toml is `deployment`.
    init(microIntegrator deployment: String) throws {
        root = NSTemporaryDirectory() + "wssconsole-mi-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/repository/deployment/server/synapse-configs/default/proxy-services",
                                                withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/conf", withIntermediateDirectories: true)
        try deployment.write(toFile: root + "/conf/deployment.toml", atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func text(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: root + "/" + relative, atomically: false, encoding: .utf8)
    }

    func mode(_ relative: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: root + "/" + relative)[.posixPermissions] as? Int) ?? nil
    }
}
