import TestSupport

/// The built binary, shared with the other test targets (users, roles and userstore commands).
typealias Binary = WSSConsoleBinary
