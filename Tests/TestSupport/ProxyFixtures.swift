/// Proxy definitions as Windows tools save them (or with `\n`), for the line-ending tests of the editor and the CLI.
public enum ProxyFixtures {
    /// A `syn:`-prefixed proxy with no security, as Integration Studio on Windows saves it.
    public static func prefixed(_ name: String, newline: String) -> String {
        [#"<?xml version="1.0" encoding="UTF-8"?>"#,
         #"<syn:proxy xmlns:syn="http://ws.apache.org/ns/synapse" name="\#(name)" transports="https" startOnLoad="true">"#,
         "    <syn:target>",
         #"        <syn:endpoint><syn:address uri="http://localhost:9000/services/SimpleStockQuoteService"/></syn:endpoint>"#,
         "    </syn:target>",
         "</syn:proxy>", ""].joined(separator: newline)
    }

    /// A proxy secured by hand: a registry policy, parameters in between, `<enableSec/>` last.
    public static func handSecured(_ name: String, newline: String) -> String {
        [#"<?xml version="1.0" encoding="UTF-8"?>"#,
         #"<proxy xmlns="http://ws.apache.org/ns/synapse" name="\#(name)" transports="https" startOnLoad="true">"#,
         "    <target>",
         #"        <endpoint><address uri="http://localhost:9000/services/SimpleStockQuoteService"/></endpoint>"#,
         "    </target>",
         #"    <policy key="gov:policy/SigOnly.xml"/>"#,
         #"    <parameter name="ScenarioID">scenario2</parameter>"#,
         "    <enableSec/>",
         "</proxy>", ""].joined(separator: newline)
    }
}
