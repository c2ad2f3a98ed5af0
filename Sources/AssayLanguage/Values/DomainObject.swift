/// A value from outside the language (a suite, a run, a model …) that paths can step into.
///
/// The language knows nothing of evaluation; the session wraps its objects in this protocol so that
/// `r/summary/rouge`, `suite/0` and `suite/*/input` work on them like on records and lists.
public protocol DomainObject: Sendable {
    /// The type name `type(x)` reports and diagnostics use (e.g. `suite`, `run`).
    var typeName: String { get }
    /// The names `x/name` accepts, in display order; used for hints and completion.
    var memberNames: [String] { get }
    /// The value of `x/name`, or nil when there is no such member.
    func member(_ name: String) -> Value?
    /// The elements, for objects that behave like lists (`x/0`, `x/*`, `len(x)`); nil otherwise.
    var elements: [Value]? { get }
    /// The number of elements, when the object behaves like a list. An object that makes its
    /// elements when asked (a loaded suite's million cases) counts them without making them.
    var elementCount: Int? { get }
    /// The element at `position`, from 0 to `elementCount - 1`, made alone.
    func element(at position: Int) -> Value?
    /// A one-line or multi-line plain-text rendering (what the shell prints).
    var plainText: String { get }
    /// Whether two objects are the same one (for `==`).
    func isSame(as other: any DomainObject) -> Bool
    /// The number the object stands for in arithmetic and comparisons (a metric statistic behaves
    /// as its mean), or nil for objects that are not numbers.
    var numericValue: Double? { get }
}

extension DomainObject {
    public var elements: [Value]? { nil }

    public var elementCount: Int? { elements?.count }

    public func element(at position: Int) -> Value? {
        guard let elements, elements.indices.contains(position) else { return nil }
        return elements[position]
    }

    public func isSame(as other: any DomainObject) -> Bool { false }

    public var numericValue: Double? { nil }
}
