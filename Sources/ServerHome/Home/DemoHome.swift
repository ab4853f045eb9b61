import CShims
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

    /// Replaces the working copy with a fresh one from the source; the old copy's changes are lost. The old copy's
    /// lock is held throughout, so a console open on it refuses the reset (deleting its tree would drop its lock).
    /// The fresh copy is built beside the old one and swapped in by rename: a run killed midway leaves the old copy
    /// or the new one whole, and the next reset clears what it left beside them.
    public static func reset(source: String = source(), at target: String = location()) throws(HomeError) -> Home {
        let target = FileSystem.absolute(target)
        guard FileSystem.exists(target) else { return try prepare(source: source, at: target) }
        let lock = try HomeLock.acquire(Home(root: target, layout: .native))
        defer { lock.release() }
        let parent = (target as NSString).deletingLastPathComponent
        let prefix = "." + (target as NSString).lastPathComponent + ".reset-"
        // No other reset runs while the lock is held: such a folder was left by one that was killed.
        for name in FileSystem.list(parent) where name.hasPrefix(prefix) { FileSystem.removeTree(FileSystem.join(parent, name)) }
        let fresh = FileSystem.join(parent, prefix + String(getpid()))
        do { try copy(from: source, to: fresh) } catch {
            FileSystem.removeTree(fresh)
            throw error
        }
        FileSystem.removeTree(try swap(fresh, into: target))
        return try Home.open(target)
    }

    /// Puts the folder `fresh` at `target` and returns where the old `target` went. One exchanging rename where the
    /// file system has it, so `target` is never missing; else two renames, signals held between them.
    private static func swap(_ fresh: String, into target: String) throws(HomeError) -> String {
        let parent = (target as NSString).deletingLastPathComponent
        defer { FileSystem.syncDirectory(parent) }
        if cs_rename_exchange(fresh, target) == 0 { return fresh }
        let old = fresh + "-old"
        cs_hold_signals_begin()
        defer { cs_hold_signals_end() }
        guard rename(target, old) == 0 else {
            throw HomeError(.writeFailed, "Cannot move the old demo copy \(target) aside: \(FileSystem.errnoText())",
                            fix: "Check the permissions of \(parent) (ls -ld \(parent)).")
        }
        guard rename(fresh, target) == 0 else {
            let text = FileSystem.errnoText()
            rename(old, target)
            FileSystem.removeTree(fresh)
            throw HomeError(.writeFailed, "Cannot put the fresh demo copy at \(target): \(text)", fix: "Check the permissions of \(parent) (ls -ld \(parent)).")
        }
        return old
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
