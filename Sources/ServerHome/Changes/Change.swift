import Foundation

/// A set of file edits made together: previewed, then written as one by `Home.commit`.
public struct Change: Sendable, Equatable {
    /// One line saying what the change does, for history and the audit log.
    public var summary: String
    /// The files that change: an edit that would write what is already there is left out, so nothing claims to
    /// update a file it leaves as it was (and an empty change means there is nothing to do).
    public var edits: [FileEdit]
    /// The id of the change this one reverts (an undo, or a redo that reverts an undo).
    public var undoes: String?
    /// What the operator should know that the edits do not show: a file the change leaves alone, and why.
    public var notes: [String]
    /// Files the plan read but leaves as they are (an edit that would write what is there, a shared policy kept): if
    /// the next write rolls one back (an interrupted change's), the plan is stale (see `ChangeWriter`).
    var unchanged: [String]

    public init(summary: String, edits: [FileEdit], undoes: String? = nil, notes: [String] = []) {
        self.summary = summary
        self.edits = edits.filter { $0.before != $0.after }
        self.unchanged = edits.filter { $0.before == $0.after }.map(\.path)
        self.undoes = undoes
        self.notes = notes
    }

    /// True when the change would write nothing.
    public var isEmpty: Bool { edits.isEmpty }
}

/// The new content of one file (relative to the home root) and the content it replaces.
public struct FileEdit: Sendable, Equatable {
    public var path: String
    /// nil when the file is new.
    public var before: [UInt8]?
    /// nil when the change deletes the file.
    public var after: [UInt8]?
    /// The file holds secrets (hashes, keys, passwords): it is written owner-only (0600) whatever its mode was.
    public var secret: Bool
    /// The mode a file this edit creates gets (an undo or redo re-creates a file with the mode it had); nil: 0644.
    var mode: mode_t?

    public init(path: String, before: [UInt8]?, after: [UInt8]?, secret: Bool = false) {
        self.secret = secret
        self.path = path
        self.before = before
        self.after = after
    }

    public var isNewFile: Bool { before == nil }
    public var isDeletion: Bool { after == nil }
}
