import Foundation
import Testing

/// A keystore password the settings name that cannot be had here (deployment.toml's `$env{NAME}` with NAME unset):
/// `keystore` commands without a terminal fail saying why and how to give it; they asked for the password, silently.
@Suite struct KeystoreUnresolvedPasswordTests {
    static let variable = "WSSC_TEST_UNSET_KS_PASS"

    /// A Micro Integrator home whose primary keystore (the demo service's) has its password in an environment variable.
    static func home() throws -> ServicesCommandTests.MIHome {
        let mi = try ServicesCommandTests.MIHome()
        let security = mi.root + "/repository/resources/security"
        try FileManager.default.createDirectory(atPath: security, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.repository + "/keystores/wssdemo-service.p12", toPath: security + "/wso2carbon.p12")
        try Data("""
            [keystore.primary]
            file_name = "wso2carbon.p12"
            type = "PKCS12"
            password = "$env{\(variable)}"
            alias = "service"

            """.utf8).write(to: URL(fileURLWithPath: mi.root + "/conf/deployment.toml"))
        return mi
    }

    @Test func anUnsetVariableIsTheFailureWithoutATerminal() throws {
        let mi = try Self.home()
        #expect(ProcessInfo.processInfo.environment[Self.variable] == nil)
        let failed = try CLI.run(["keystore", "list", "--home", mi.root, "--entry", "keystore"])
        #expect(failed.status == 1, "\(failed.all)")
        #expect(failed.stderr.contains("The environment variable \(Self.variable) holding the password is not set"), "\(failed.all)")
        #expect(failed.stderr.contains("fix: export \(Self.variable)=... before starting wssconsole; or give the password with --storepass-env NAME or --storepass-file F."),
                "\(failed.all)")
        #expect(!failed.stderr.contains("cannot ask for the password"), "\(failed.all)")
        let json = try CLI.run(["keystore", "list", "--home", mi.root, "--entry", "keystore", "--json"])
        #expect(json.status == 1 && json.stdout.contains("\"fix\" : \"export \(Self.variable)=..."), "\(json.all)")

        let listed = try CLI.run(["keystore", "list", "--home", mi.root, "--entry", "keystore"], environment: [Self.variable: "demo-service-pass"])
        #expect(listed.status == 0 && listed.stdout.contains("service"), "\(listed.all)")
    }
}
