import Foundation

extension TestKDC {
    /// What the WSS4J peer's Kerberos modes read, written into `folder`: krb5.conf, jaas.conf (Client logs in with a
    /// password, Server with the service keytab, as in WSO2's sample) and alice's password.
    func wss4jFiles(in folder: TempFolder) throws -> (krb5: String, jaas: String, password: String) {
        (try folder.write("krb5.conf", krb5Conf()), try folder.write("jaas.conf", jaasConf()),
         try folder.write("alice.password", userPassword + "\n", mode: 0o600))
    }
}
