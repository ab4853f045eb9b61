import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.w3c.dom.Document;

/**
 * A WS-Security peer built on Apache WSS4J 1.6 (the line of WSO2's own fork under Rampart), for wssconsole's interop tests and
 * benchmarks. Modes:
 *   verify --scenario N --keystore F --storepass-file P --alias A [--users FILE] IN
 *   build  --scenario N --keystore F --storepass-file P --alias A [--recipient ALIAS] [--user U --password-file F]
 *          [--keyref bst|skid|issuerserial|thumbprint] [--enc-keyref ...] [--digest] [--key-out KEYFILE]
 *          [--order rampart|wss4j] [--signature-out SIGFILE] IN OUT
 *   respond --scenario N --request REQ --keystore F --storepass-file P --alias A [--users FILE] IN OUT
 *          (the service: processes REQ, then secures the plain response IN as Rampart's service side does)
 *   verify-response --scenario N --request REQ [--key-file KEYFILE] --keystore F --storepass-file P --alias A
 *          --signer ALIAS [--signature-file SIGFILE] RESPONSE   (the client: the response to REQ; KEYFILE is
 *          build's --key-out, SIGFILE its --signature-out for a request whose Signature went out encrypted)
 *   verify, build, respond and verify-response take --encrypt-signature: sp:EncryptSignature (the Signature
 *          encrypted with the parts; verified only if it was decrypted first)
 *   verify and build take --encrypt-before-signing: sp:EncryptBeforeSigning (the Signature covers the encrypted
 *          Body and precedes the key that decrypts it)
 *   verify and build take --encrypt-username-token: sp:SignedEncryptedSupportingTokens (the UsernameToken encrypted
 *          with the parts, its ReferenceList before it)
 *   verify and build take --endorse: sp:EndorsingSupportingTokens (the client's certificate, in a
 *          BinarySecurityToken, signs the Timestamp under scenario 1's transport binding, the binding's Signature
 *          under the message bindings); --signed-endorse: sp:SignedEndorsingSupportingTokens under a message binding
 *          (as --endorse, and the binding's Signature also covers that BinarySecurityToken)
 *   verify and build take --header {namespace}name: that header signed and encrypted whole (sp:SignedParts and
 *          sp:EncryptedParts), as a wsse11:EncryptedHeader
 *   verify, build, respond and verify-response take --suite NAME: the algorithm suite's cipher and key transport
 *          (Basic256 by default; Basic128, Basic192, TripleDes and their Rsa15 forms)
 *   bench-message --scenario N --seconds S --envelope F --client-keystore ... --service-keystore ... (see PeerBench)
 *   bench-xml --envelope F --seconds S --keystore F --storepass-file P --alias A
 *   kerberos-request | kerberos-accept (scenario 16's token; see PeerKerberos)
 *   kerberos-verify | kerberos-build (scenario 16's whole request; see PeerKerberosMessage)
 *   kerberos-respond | kerberos-verify-response (scenario 16's response; see PeerKerberosResponse)
 * Exit codes: 0 accepted (or done), 1 rejected (WSS4J's message or the unmet demand on stdout), 2 bad usage.
 */
public final class WSS4JPeer {
    public static void main(String[] argv) {
        org.apache.ws.security.WSSConfig.init();
        int status;
        try {
            status = run(PeerArgs.parse(argv));
        } catch (PeerArgs.Usage e) {
            System.err.println("wss4j-peer: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("wss4j-peer: " + e);
            status = 3;
        }
        System.out.flush();
        System.exit(status);
    }

    static int run(PeerArgs args) throws Exception {
        switch (args.mode) {
            case "verify": {
                Scenario scenario = Scenario.from(args);
                scenario.encryptSignature = args.flag("encrypt-signature");
                scenario.encryptBeforeSigning = args.flag("encrypt-before-signing");
                scenario.encryptUsernameToken = args.flag("encrypt-username-token");
                scenario.endorsing(args);
                scenario.header(args.option("header", null));
                PeerKeys keys = PeerKeys.load(args, "");
                Document doc = PeerXML.parse(Files.readAllBytes(Path.of(args.positional(0))));
                try {
                    List<String> checked = PeerVerify.verify(scenario, doc, keys, PeerKeys.users(args.option("users", null)));
                    System.out.println("accepted");
                    for (String line : checked) System.out.println("  " + line);
                    return 0;
                } catch (PeerVerify.Rejected e) {
                    System.out.println("rejected: " + e.getMessage());
                    return 1;
                }
            }
            case "build": {
                Scenario scenario = Scenario.from(args);
                scenario.encryptSignature = args.flag("encrypt-signature");
                scenario.encryptBeforeSigning = args.flag("encrypt-before-signing");
                scenario.encryptUsernameToken = args.flag("encrypt-username-token");
                scenario.endorsing(args);
                scenario.header(args.option("header", null));
                PeerKeys keys = PeerKeys.load(args, "");
                Document doc = PeerXML.parse(Files.readAllBytes(Path.of(args.positional(0))));
                PeerBuild.Options options = PeerBuild.Options.from(args);
                PeerBuild.secure(scenario, doc, keys, options);
                Files.write(Path.of(args.positional(1)), PeerXML.serialize(doc));
                return 0;
            }
            case "respond": {
                Scenario scenario = Scenario.from(args);
                scenario.encryptSignature = args.flag("encrypt-signature");
                PeerKeys keys = PeerKeys.load(args, "");
                Document request = PeerXML.parse(Files.readAllBytes(Path.of(args.option("request"))));
                Document doc = PeerXML.parse(Files.readAllBytes(Path.of(args.positional(0))));
                try {
                    PeerRespond.secure(scenario, doc, keys, PeerRespond.process(request, keys, PeerKeys.users(args.option("users", null))));
                } catch (PeerVerify.Rejected e) {
                    System.out.println("rejected: " + e.getMessage());
                    return 1;
                }
                Files.write(Path.of(args.positional(1)), PeerXML.serialize(doc));
                return 0;
            }
            case "verify-response": {
                Scenario scenario = Scenario.from(args);
                scenario.encryptSignature = args.flag("encrypt-signature");
                PeerKeys keys = PeerKeys.load(args, "");
                Document request = PeerXML.parse(Files.readAllBytes(Path.of(args.option("request"))));
                Document response = PeerXML.parse(Files.readAllBytes(Path.of(args.positional(0))));
                byte[] key = PeerResponseVerify.readKey(args.option("key-file", null));
                try {
                    List<String> checked = PeerResponseVerify.verify(scenario, response, request, key, keys, args.option("signer"),
                                                                             PeerResponseVerify.readKey(args.option("signature-file", null)));
                    System.out.println("accepted");
                    for (String line : checked) System.out.println("  " + line);
                    return 0;
                } catch (PeerVerify.Rejected e) {
                    System.out.println("rejected: " + e.getMessage());
                    return 1;
                }
            }
            case "bench-message":
                PeerBench.message(args);
                return 0;
            case "bench-xml":
                PeerBench.xml(args);
                return 0;
            case "kerberos-request":
                return PeerKerberos.request(args);
            case "kerberos-accept":
                return PeerKerberos.accept(args);
            case "kerberos-verify":
                return PeerKerberosMessage.verify(args);
            case "kerberos-build":
                return PeerKerberosMessage.build(args);
            case "kerberos-respond":
                return PeerKerberosResponse.respond(args);
            case "kerberos-verify-response":
                return PeerKerberosResponse.verify(args);
            default:
                throw new PeerArgs.Usage("unknown mode " + args.mode + " (verify, build, respond, verify-response, bench-message, bench-xml, kerberos-request, kerberos-accept, kerberos-verify, kerberos-build, kerberos-respond, kerberos-verify-response)");
        }
    }
}
