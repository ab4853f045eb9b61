import TestSupport

/// The built binary, shared with the other test targets (Kerberos commands).
typealias CLI = WSSConsoleBinary
