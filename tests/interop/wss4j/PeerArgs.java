import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The peer's command line: a mode, `--name value` options, a few flags, positional files. */
final class PeerArgs {
    static final class Usage extends Exception {
        private static final long serialVersionUID = 1;
        Usage(String message) { super(message); }
    }

    private static final Set<String> FLAGS = Set.of("digest", "encrypt-signature", "encrypt-before-signing", "encrypt-body", "encrypt-username-token", "endorse", "signed-endorse");

    final String mode;
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private PeerArgs(String mode) { this.mode = mode; }

    static PeerArgs parse(String[] argv) throws Usage {
        if (argv.length == 0) throw new Usage("a mode is needed: verify, build, respond, verify-response, bench-message, bench-xml");
        PeerArgs args = new PeerArgs(argv[0]);
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) { args.positionals.add(a); continue; }
            String name = a.substring(2);
            if (FLAGS.contains(name)) { args.options.put(name, "true"); continue; }
            if (i + 1 >= argv.length) throw new Usage("--" + name + " needs a value");
            args.options.put(name, argv[++i]);
        }
        return args;
    }

    String option(String name) throws Usage {
        String value = options.get(name);
        if (value == null) throw new Usage("--" + name + " is required for " + mode);
        return value;
    }

    String option(String name, String fallback) { return options.getOrDefault(name, fallback); }

    boolean flag(String name) { return options.containsKey(name); }

    int intOption(String name) throws Usage {
        try { return Integer.parseInt(option(name)); }
        catch (NumberFormatException e) { throw new Usage("--" + name + " takes a number"); }
    }

    double doubleOption(String name, double fallback) throws Usage {
        try { return Double.parseDouble(option(name, Double.toString(fallback))); }
        catch (NumberFormatException e) { throw new Usage("--" + name + " takes a number"); }
    }

    String positional(int index) throws Usage {
        if (index >= positionals.size()) throw new Usage(mode + " needs " + (index + 1) + " file argument(s)");
        return positionals.get(index);
    }
}
