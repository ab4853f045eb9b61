import Foundation
import InteropPeer

/// The peer's two sides of a response: `respond` as the service of a home (it processes the request with the
/// service's keys, as Rampart does, and answers it), `verify-response` as the demo client (its keystore, the
/// service certificate as the expected signer, the request's ephemeral key for the symmetric binding).
extension PeerFixture {
    func respond(scenario: Int, request: String, home: String, extra: [String] = []) throws -> (WSS4JPeer.Result, String) {
        let out = scratch("peer-response-\(scenario)")
        let result = try peer.run(["respond", "--scenario", "\(scenario)", "--request", request,
                                   "--keystore", home + "/keystores/wssdemo-service.p12", "--storepass-file", path("service.pass"),
                                   "--alias", "service", "--users", path("users")] + extra + [path("plain11.xml"), out])
        return (result, out)
    }

    func verifyResponse(scenario: Int, file: String, request: String, key: String?, home: String, extra: [String] = []) throws -> WSS4JPeer.Result {
        try peer.run(["verify-response", "--scenario", "\(scenario)", "--request", request]
                     + (key.map { ["--key-file", $0] } ?? [])
                     + ["--keystore", home + "/keystores/wssdemo-client.p12", "--storepass-file", path("client.pass"),
                        "--alias", "client", "--signer", "service"] + extra + [file])
    }
}
