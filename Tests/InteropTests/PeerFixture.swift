import Foundation
import InteropPeer
import TestSupport

/// The WSS4J peer, compiled once per test run, and what every interop test hands it: the demo keystores of a
/// home, their passwords in files (never on a command line), the demo users' clear passwords, plain envelopes.
final class PeerFixture: Sendable {
    static let shared: Result<PeerFixture, any Error> = Result { try PeerFixture() }

    let peer: WSS4JPeer
    let folder: String

    private init() throws {
        peer = try WSS4JPeer.prepare()
        folder = NSTemporaryDirectory() + "wssconsole-interop-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try write("client.pass", "demo-client-pass\n")
        try write("service.pass", "demo-service-pass\n")
        try write("alice.pass", "alice-demo-pass\n")
        try write("users", "alice:alice-demo-pass\nbob:bob-demo-pass\ncarol:carol-demo-pass\n")
        try write("plain11.xml", Self.envelope(soap: Self.soap11))
        try write("plain12.xml", Self.envelope(soap: Self.soap12))
    }

    static func get() throws -> PeerFixture { try shared.get() }

    static let soap11 = "http://schemas.xmlsoap.org/soap/envelope/"
    static let soap12 = "http://www.w3.org/2003/05/soap-envelope"

    /// A plain request with a body worth protecting.
    static func envelope(soap: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <soap:Envelope xmlns:soap="\(soap)"><soap:Header/><soap:Body>\
        <m:placeOrder xmlns:m="urn:example:orders"><m:item sku="SKU-100001" qty="2">Widget, blue</m:item></m:placeOrder>\
        </soap:Body></soap:Envelope>

        """
    }

    func path(_ name: String) -> String { folder + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    func read(_ path: String) throws -> String { String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) }

    /// A fresh file name in the fixture's folder.
    func scratch(_ stem: String) -> String { path("\(stem)-\(UUID().uuidString).xml") }

    /// `build` as the demo client of the home at `home` (its keystore, alias client, encrypting for service).
    /// `input` is a plain request in the fixture's folder (plain11.xml or plain12.xml when nil).
    func build(scenario: Int, home: String = WSSConsoleBinary.repository, soap12: Bool = false, extra: [String] = [],
               input: String? = nil) throws -> (WSS4JPeer.Result, String) {
        let out = scratch("peer-built-\(scenario)")
        let result = try peer.run(["build", "--scenario", "\(scenario)", "--keystore", home + "/keystores/wssdemo-client.p12",
                                   "--storepass-file", path("client.pass"), "--alias", "client", "--recipient", "service",
                                   "--user", "alice", "--password-file", path("alice.pass")] + extra
                                  + [input ?? path(soap12 ? "plain12.xml" : "plain11.xml"), out])
        return (result, out)
    }

    /// `verify` as the service of the home at `home` (its keystore, alias service, the demo users).
    func verify(scenario: Int, file: String, home: String = WSSConsoleBinary.repository, extra: [String] = []) throws -> WSS4JPeer.Result {
        try peer.run(["verify", "--scenario", "\(scenario)", "--keystore", home + "/keystores/wssdemo-service.p12",
                      "--storepass-file", path("service.pass"), "--alias", "service", "--users", path("users")] + extra + [file])
    }
}
