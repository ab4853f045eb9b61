import ServerHome

/// Opens the TUI (wired to Console once it lands).
func openConsole(home: Home, noColor: Bool) -> Int32 { 0 }

/// Writes the demo keystores and the demo user store under `root`.
func generateDemoMaterial(into root: String) throws {
    try DemoMaterial.generateKeystores(into: root + "/keystores")
    try DemoMaterial.generateUserStore(at: root + "/conf/userstore.xml")
    print("wrote \(root)/keystores/\(DemoMaterial.serviceKeystoreFile), \(root)/keystores/\(DemoMaterial.clientKeystoreFile), \(root)/conf/userstore.xml")
}
