import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSEncryptionPart;
import org.apache.ws.security.WSSConfig;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecSignature;
import org.w3c.dom.Document;

/**
 * WSS4J's side of `wssconsole bench message` and `bench xml`: after a warm-up that lets the JIT compile the hot
 * paths, the CPU time of the whole JVM (GC and JIT threads included) per operation. Bytes in, bytes out, as
 * wssconsole measures itself. One line per figure, `key=value` pairs.
 */
final class PeerBench {
    interface Operation { void run() throws Exception; }

    /** --scenario N --envelope F --seconds S [--warmup S], client keys (--client-*) secure, service keys verify. */
    static void message(PeerArgs args) throws Exception {
        Scenario scenario = Scenario.of(args.intOption("scenario"));
        byte[] plain = Files.readAllBytes(Path.of(args.option("envelope")));
        PeerKeys client = PeerKeys.load(args, "client-");
        PeerKeys service = PeerKeys.load(args, "service-");
        PeerBuild.Options options = PeerBuild.Options.from(args);
        java.util.Map<String, String> users = PeerKeys.users(args.option("users", null));
        byte[][] last = new byte[1][];
        Operation secure = () -> {
            Document doc = PeerXML.parse(plain);
            PeerBuild.secure(scenario, doc, client, options);
            last[0] = PeerXML.serialize(doc);
        };
        // --password-iterations N: the service's store keeps PBKDF2 hashes, as wssconsole's does (0: clear text).
        int iterations = (int) args.doubleOption("password-iterations", 0);
        String password = iterations > 0 ? users.get(args.option("user")) : null;
        PeerHashedPassword hashed = iterations > 0 ? new PeerHashedPassword(password, iterations) : null;
        Operation verify = () -> {
            PeerVerify.verify(scenario, PeerXML.parse(last[0]), service, users);
            if (hashed != null) hashed.check(password);
        };
        double[] ms = measure(secure, verify, args.doubleOption("warmup", 5), args.doubleOption("seconds", 5));
        System.out.printf("bench-message scenario=%d secure_ms=%.4f verify_ms=%.4f ops_per_second=%.1f thread_ms=%.4f iterations=%d%n",
                          scenario.number, ms[0], ms[1], 1000 / (ms[0] + ms[1]), ms[3], (long) ms[2]);
    }

    /** --envelope F (Timestamp wsu:Id TS-1, Body wsu:Id Body-1) --keystore ... : RSA-SHA256, SHA-256, exc-c14n. */
    static void xml(PeerArgs args) throws Exception {
        byte[] plain = Files.readAllBytes(Path.of(args.option("envelope")));
        PeerKeys keys = PeerKeys.load(args, "");
        byte[][] last = new byte[1][];
        Operation sign = () -> {
            Document doc = PeerXML.parse(plain);
            WSSecHeader header = new WSSecHeader();
            header.insertSecurityHeader(doc);
            WSSecSignature signature = new WSSecSignature();
            signature.setUserInfo(keys.alias, keys.password);
            signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
            signature.setSignatureAlgorithm("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
            signature.setDigestAlgo(WSConstants.SHA256);
            signature.setSigCanonicalization(WSConstants.C14N_EXCL_OMIT_COMMENTS);
            List<WSEncryptionPart> parts = new ArrayList<>();
            parts.add(new WSEncryptionPart("Body-1"));
            parts.add(new WSEncryptionPart("TS-1"));
            signature.setParts(parts);
            signature.build(doc, keys.crypto, header);
            last[0] = PeerXML.serialize(doc);
        };
        Operation verify = () -> {
            WSSecurityEngine engine = new WSSecurityEngine();
            WSSConfig config = WSSConfig.getNewInstance();
            config.setTimeStampStrict(false);  // the benchmark envelope's timestamp is fixed, hence old
            engine.setWssConfig(config);
            List<WSSecurityEngineResult> results = engine.processSecurityHeader(PeerXML.parse(last[0]), null, keys.callback(java.util.Map.of()), keys.crypto);
            for (WSSecurityEngineResult r : results) {
                if ((int) r.get(WSSecurityEngineResult.TAG_ACTION) == WSConstants.SIGN
                    && ((List<?>) r.get(WSSecurityEngineResult.TAG_DATA_REF_URIS)).size() == 2) return;
            }
            throw new IllegalStateException("the benchmark signature did not cover two elements");
        };
        double[] ms = measure(sign, verify, args.doubleOption("warmup", 5), args.doubleOption("seconds", 5));
        System.out.printf("bench-xml bytes=%d sign_ms=%.4f verify_ms=%.4f sign_ops_per_second=%.1f verify_ops_per_second=%.1f thread_ms=%.4f iterations=%d%n",
                          plain.length, ms[0], ms[1], 1000 / ms[0], 1000 / ms[1], ms[3], (long) ms[2]);
    }

    /** Warm-up, then `first` and `second` in turns for `seconds` of CPU: milliseconds of each, and the turns. */
    private static double[] measure(Operation first, Operation second, double warmup, double seconds) throws Exception {
        long until = System.nanoTime() + (long) (warmup * 1e9);
        do { first.run(); second.run(); } while (System.nanoTime() < until);
        System.gc();
        double[] total = new double[2];
        long turns = 0;
        long threadStart = THREADS.getCurrentThreadCpuTime();
        while (total[0] + total[1] < seconds * 1000) {
            long start = cpuNanos();
            first.run();
            long middle = cpuNanos();
            second.run();
            total[0] += (middle - start) / 1e6;
            total[1] += (cpuNanos() - middle) / 1e6;
            turns++;
        }
        double thread = (THREADS.getCurrentThreadCpuTime() - threadStart) / 1e6 / turns;
        return new double[] { total[0] / turns, total[1] / turns, turns, thread };
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
