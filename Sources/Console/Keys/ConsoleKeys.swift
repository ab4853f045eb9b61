import ConsoleUI

/// Every key table of the console in one place, for documentation generated from the tables.
public enum ConsoleKeys {
    /// The tables by screen, in the order a reader meets them.
    static var sections: [(title: String, entries: [KeyHelp])] {
        [("Everywhere", GlobalKeys.table.help()),
         ("Service list", ServiceListScreen.keys.help() + ListState.keyHelp() + ListSearch.keyHelp()),
         ("Service (scenario picker)", ServiceScreen.keys.help() + ListState.keyHelp(paging: false) + ListSearch.keyHelp()),
         ("Users and user store", UserStoreScreen.keys.help() + ListState.keyHelp() + ListSearch.keyHelp()
            + [UserStoreScreen.directorySearchHelp, UserStoreScreen.wholeListingHelp]),
         ("LDAP settings", LDAPProfileScreen.keys.help()),
         ("Kerberos", KerberosScreen.keys.help() + TextView.keyHelp()),
         ("History", HistoryScreen.keys.help() + ListState.keyHelp()),
         ("Keystores", KeystoreFilesScreen.keys.help() + ListState.keyHelp()),
         ("Keystore entries", KeystoreScreen.keys.help() + ListState.keyHelp() + ListSearch.keyHelp()),
         ("Self-test client", ClientScreen.keys.help() + ListState.keyHelp()),
         ("Forms and prompts", Form.keys),
         ("Dialogs", Dialog.keys),
         ("Policy text and help", TextView.keyHelp() + TextView.sidewaysKeyHelp())]
    }

    /// The README's keys section, generated from the key tables so it cannot drift from the program.
    public static func keysMarkdown() -> String {
        var out = ""
        for section in sections {
            out += "### \(section.title)\n\n| Keys | Action |\n|---|---|\n"
            for entry in section.entries {
                let keys = entry.keys.map { "`\($0.label == "|" ? "\\|" : $0.label)`" }.joined(separator: " ")
                out += "| \(keys) | \(entry.description)\(entry.dangerous ? " (!)" : "") |\n"
            }
            out += "\n"
        }
        // The same legend as the help overlay's.
        return out + "(!) changes files; a confirmation dialog asks first.\n"
    }
}
