import Foundation

/// The krb5.conf a service reads when it accepts a Kerberos token.
///
/// Micro Integrator's service reads its home's krb5.conf (java.security.krb5.conf), and that file's libdefaults
/// (permitted_enctypes, clockskew, ...) decide which tickets it accepts. MIT's GSS-API takes no configuration per
/// call: every acceptance builds a libkrb5 context from `KRB5_CONFIG`, else /etc/krb5.conf. So the executable points
/// `KRB5_CONFIG` at the home's file once, when it opens the home and before it starts any thread (setenv is not safe
/// beside a thread reading the environment). The client side needs none of this: it builds its context from the
/// home's file directly (`KerberosContext`).
public enum AcceptorConfiguration {
    /// Makes `path` the krb5.conf of every later acceptance in this process, whether the file exists or not: a missing
    /// one gives libkrb5's defaults, as Java's empty configuration does for Micro Integrator, where /etc/krb5.conf or the
    /// operator's own `KRB5_CONFIG` would stand in; and a file the console creates later is read from then on.
    public static func use(_ path: String) {
        setenv("KRB5_CONFIG", path, 1)
    }
}
