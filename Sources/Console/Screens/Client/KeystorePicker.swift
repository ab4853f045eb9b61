import ConsoleUI
import ServerHome

/// The home's keystore files to choose the client's from, a row for no client keystore when there is one to remove,
/// and a last row to type another path: Enter chooses (a path; "": none; nil: type one), Esc cancels. A file the
/// settings name that is not there shows as missing, as on the keystore list, and is refused when chosen: the planner
/// would refuse it only at w, with the command line's fix.
final class KeystorePicker: View {
    private let files: [HomeKeystore]
    private let offersNone: Bool
    private var list: ListState
    private let then: (String?) -> HandlerResult

    init(files: [HomeKeystore], current: String, offersNone: Bool, then: @escaping (String?) -> HandlerResult) {
        self.files = files
        self.offersNone = offersNone
        self.then = then
        list = ListState(count: files.count + (offersNone ? 2 : 1))
        if let index = files.firstIndex(where: { $0.path == current }) { list.select(index) } else if offersNone && current.isEmpty { list.select(files.count) }
    }

    var title: String { "Client keystore" }
    var isOverlay: Bool { true }

    static let keys: [KeyHelp] = [
        KeyHelp(keys: [.enter], description: "Use the selected keystore (None: no client keystore; the last row: type a path)",
                group: "Keystore", barLabel: "Use"),
        KeyHelp(keys: [.escape], description: "Cancel", group: "Keystore", barLabel: "Cancel"),
    ]

    var keyHelp: [KeyHelp] { Self.keys + ListState.keyHelp() }

    var status: StatusText? { StatusText("The keystore with the client's key pair and the service's certificate.") }

    func handle(_ key: Key) -> HandlerResult {
        switch key {
        case .enter:
            if files.indices.contains(list.selected), !files[list.selected].exists { return .push(Self.missing(files[list.selected])) }
            return .sequence([.pop, then(chosen)])
        case .escape: return .pop
        case .function, .resize, .ctrl("l"), .char("?"), .char("Q"): return .ignored
        default: return list.handle(key) ? .redraw : .handled
        }
    }

    /// The selected row's answer: a file's path, "" for none, nil for another file.
    private var chosen: String? {
        if files.indices.contains(list.selected) { return files[list.selected].path }
        return offersNone && list.selected == files.count ? "" : nil
    }

    private static func missing(_ file: HomeKeystore) -> Dialog {
        Dialog.error(title: "Keystore missing",
                     message: "\(file.path) is missing: the settings name it (\(KeystoreFilesScreen.use(of: file))), but there is no file there.",
                     fix: "Copy the client's keystore to that path, or choose another file (Another file... types a path).")
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let box = frame.centred(width: min(frame.width - 4, 70), height: min(frame.height - 2, list.count + 3))
        canvas.fill(box, style: .dialog)
        canvas.box(box, title: "Client keystore")
        let none = offersNone ? [TableRow(["None", "self-test signs as the service"])] : []
        let rows = files.map { file in
            file.exists ? TableRow([file.path, KeystoreFilesScreen.use(of: file)])
                : TableRow([file.path, "missing: " + KeystoreFilesScreen.use(of: file)], styles: [.dim, .warning])
        } + none + [TableRow(["Another file...", ""])]
        Table.render(into: &canvas, frame: box.inset(dx: 1, dy: 1),
                     columns: [TableColumn("File", .flexible(minimum: 20), truncation: .middle), TableColumn("Used as", .flexible(minimum: 10))],
                     rows: rows, state: &list)
        canvas.scrollMarkers(box: box, above: list.hasMoreAbove, below: list.hasMoreBelow)
    }
}
