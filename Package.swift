// swift-tools-version:6.0
// Layers (dependencies point down only): C bindings -> foundations -> engine -> administration -> interface.
// docs/ARCHITECTURE.md explains each target.
import PackageDescription

let package = Package(
    name: "wssconsole",
    platforms: [.macOS(.v14)],
    products: [.executable(name: "wssconsole", targets: ["wssconsole"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C bindings: module maps only.
        .systemLibrary(name: "CNCurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CXMLSec", pkgConfig: "xmlsec1-openssl", providers: [.apt(["libxmlsec1-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CKerberos", pkgConfig: "krb5-gssapi", providers: [.apt(["libkrb5-dev"])]),
        .systemLibrary(name: "CLDAP", pkgConfig: "ldap", providers: [.apt(["libldap-dev"])]),
        // Accessors for the macros, globals and variadics Swift cannot import.
        .target(name: "CShims", dependencies: ["CNCurses", "CLibXML2", "CXMLSec", "COpenSSL", "CKerberos", "CLDAP"]),

        // Foundations.
        .target(name: "SecureXML", dependencies: ["CLibXML2", "CXMLSec", "COpenSSL", "CShims", "KeyMaterial"]),
        .target(name: "KeyMaterial", dependencies: ["COpenSSL", "CShims"]),

        // Engine.
        .target(name: "WSSecurity", dependencies: ["SecureXML", "KeyMaterial", "UserStores"]),

        // Administration.
        .target(name: "UserStores", dependencies: ["KeyMaterial", "SecureXML", "CLDAP", "COpenSSL", "CShims"]),
        .target(name: "KerberosConfig", dependencies: ["CKerberos", "CShims", "KeyMaterial"]),
        .target(name: "ServerHome", dependencies: ["WSSecurity", "SecureXML", "KeyMaterial", "UserStores", "KerberosConfig", "CShims"]),

        // Interface.
        .target(name: "ConsoleUI", dependencies: ["CNCurses", "CShims"]),
        .target(name: "Console", dependencies: ["ConsoleUI", "ServerHome", "WSSecurity", "KerberosConfig", "UserStores", "KeyMaterial"]),
        // Runs the Apache WSS4J peer (tests/interop/wss4j) for the interop tests and the benchmarks.
        .target(name: "InteropPeer"),
        .executableTarget(name: "wssconsole", dependencies: [
            "Console", "ConsoleUI", "ServerHome", "WSSecurity", "KeyMaterial", "SecureXML", "KerberosConfig", "InteropPeer", "UserStores",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Runs the built binary for the tests that drive the CLI.
        .target(name: "TestSupport", dependencies: ["KeyMaterial"], path: "Tests/TestSupport"),
        .testTarget(name: "SecureXMLTests", dependencies: ["TestSupport", "SecureXML", "CXMLSec", "CShims", "KeyMaterial"]),
        .testTarget(name: "KeyMaterialTests", dependencies: ["KeyMaterial", "TestSupport"]),
        .testTarget(name: "WSSecurityTests", dependencies: ["WSSecurity", "SecureXML", "KeyMaterial", "UserStores", "TestSupport"]),
        .testTarget(name: "UserStoresTests", dependencies: ["TestSupport", "UserStores", "ServerHome", "KeyMaterial", "Console", "ConsoleUI"]),
        .testTarget(name: "KerberosConfigTests", dependencies: ["TestSupport", "KerberosConfig", "InteropPeer", "WSSecurity", "CKerberos", "CShims", "ServerHome", "KeyMaterial", "Console", "ConsoleUI"]),
        .testTarget(name: "ServerHomeTests", dependencies: ["ServerHome", "KeyMaterial", "UserStores", "TestSupport"]),
        .testTarget(name: "ConsoleUITests", dependencies: ["ConsoleUI"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "ConsoleUI", "ServerHome", "TestSupport"], resources: [.copy("Snapshots")]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "ServerHome"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
        .testTarget(name: "InteropTests", dependencies: ["TestSupport", "InteropPeer", "ServerHome", "WSSecurity", "KeyMaterial"]),
    ],
    swiftLanguageModes: [.v6]
)
