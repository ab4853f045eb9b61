/// The stack of open views as a model object (k9s `model/stack.go`): the breadcrumb is read from it and
/// back navigation pops it.
public final class ViewStack {
    public private(set) var views: [any View]

    public init(root: any View) { views = [root] }

    /// The view that receives keys.
    public var top: any View { views[views.count - 1] }
    public var count: Int { views.count }

    /// Breadcrumb segments: the titles of the non-overlay views, bottom first.
    public var breadcrumb: [String] { views.filter { !$0.isOverlay }.map(\.title) }

    /// Opens `view` on top.
    public func push(_ view: any View) { views.append(view) }

    /// Closes the top view; the root stays. Returns false when only the root was left.
    @discardableResult
    public func pop() -> Bool {
        guard views.count > 1 else { return false }
        views.removeLast()
        top.didReappear()
        return true
    }

    /// The views to draw, bottom first: the topmost full screen and every overlay above it.
    public var visible: ArraySlice<any View> {
        let base = views.lastIndex { !$0.isOverlay } ?? 0
        return views[base...]
    }
}
