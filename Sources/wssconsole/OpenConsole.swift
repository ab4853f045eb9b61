import ServerHome

/// Opens the TUI (wired to Console once it lands).
func openConsole(home: Home, noColor: Bool) -> Int32 { 0 }

/// Writes the demo keystores and user store (wired to DemoMaterial once it lands).
func generateDemoMaterial(into: String) throws {}
