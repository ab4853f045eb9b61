import Foundation

/// The bundled demo home: the repository's `conf/` and `keystores/`, used through a private copy made on first
/// use, so trying the console never changes the tracked files.
public enum DemoHome {
    /// Where the demo's tracked files are: `$WSSCONSOLE_DEMO_SOURCE`, else the source tree this binary was built from.
    public static func source(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["WSSCONSOLE_DEMO_SOURCE"], !path.isEmpty { return FileSystem.absolute(path) }
        // Sources/ServerHome/Home/DemoHome.swift -> the repository root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    /// Where the working copy lives: `$WSSCONSOLE_DEMO_HOME`, else `$XDG_STATE_HOME/wssconsole/demo-home`
    /// (default `~/.local/state/wssconsole/demo-home`).
    public static func location(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["WSSCONSOLE_DEMO_HOME"], !path.isEmpty { return FileSystem.absolute(path) }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileSystem.join(environment["HOME"] ?? NSHomeDirectory(), ".local/state")
        return FileSystem.join(state, "wssconsole/demo-home")
    }

    /// The working copy, made from the source if it does not exist yet.
    public static func prepare(source: String = source(), at target: String = location()) throws(HomeError) -> Home {
        if !FileSystem.isDirectory(FileSystem.join(target, "conf/services")) {
            try copy(from: source, to: target)
        }
        return try Home.open(target)
    }

    /// Replaces the working copy with a fresh one from the source; the old copy's changes are lost.
    public static func reset(source: String = source(), at target: String = location()) throws(HomeError) -> Home {
        if FileSystem.exists(target) {
            do { try FileManager.default.removeItem(atPath: target) } catch {
                throw HomeError(.writeFailed, "Cannot remove the old demo copy \(target): \(error.localizedDescription)")
            }
        }
        return try prepare(source: source, at: target)
    }

    private static func copy(from source: String, to target: String) throws(HomeError) {
        guard FileSystem.isDirectory(FileSystem.join(source, "conf/services")) else {
            throw HomeError(.demoSourceMissing, "The demo home's files are not at \(source)",
                            // Where the command runs from does not matter: the path is the build's source tree.
                            fix: "This binary looks for them in the source tree it was built from; set WSSCONSOLE_DEMO_SOURCE to a "
                                + "wssconsole checkout (the folder holding conf/ and keystores/), or use --home DIR.")
        }
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for folder in ["conf", "keystores"] where fm.fileExists(atPath: FileSystem.join(source, folder)) {
                try fm.copyItem(atPath: FileSystem.join(source, folder), toPath: FileSystem.join(target, folder))
            }
            // Settings and keystores hold (demo) secrets: owner-only, as in any home.
            for secret in ["conf/console.toml", "conf/userstore.xml"] + FileSystem.list(FileSystem.join(target, "keystores")).map({ "keystores/" + $0 }) {
                let path = FileSystem.join(target, secret)
                if fm.fileExists(atPath: path) { chmod(path, 0o600) }
            }
        } catch {
            throw HomeError(.writeFailed, "Cannot copy the demo home to \(target): \(error.localizedDescription)",
                            fix: "Set WSSCONSOLE_DEMO_HOME to a writable folder, or use --home DIR.")
        }
    }
}
