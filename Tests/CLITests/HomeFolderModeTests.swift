import Foundation
import Testing

/// The home's own folder (.wssconsole: the lock, the audit log, earlier versions of secrets) is owner-only whatever
/// the umask of the run that creates it.
@Suite struct HomeFolderModeTests {
    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test func aFolderAChangeCreatesUnderUmask000IsNotWorldWritable() throws {
        let home = try TempHome()
        #expect(!FileManager.default.fileExists(atPath: home.root + "/conf/policies"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", CLI.path, "apply", "--service", "OrderProxy", "--scenario", "2", "--home", home.root]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(mode(home.root + "/conf/policies") == 0o755)
    }

    @Test func aWriteUnderUmask000CreatesOwnerOnlyFiles() throws {
        let home = try TempHome()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", CLI.path, "users", "add", "zed", "--password-env", "PW", "--home", home.root]
        process.environment = ProcessInfo.processInfo.environment.merging(["PW": "Passw0rd-x1"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let own = home.root + "/.wssconsole"
        let everything = [own] + (FileManager.default.enumerator(atPath: own)?.compactMap { $0 as? String }.map { own + "/" + $0 } ?? [])
        #expect(everything.count > 4)
        for path in everything {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            #expect(mode(path) == (isDirectory.boolValue ? 0o700 : 0o600), "\(path)")
        }
    }
}
