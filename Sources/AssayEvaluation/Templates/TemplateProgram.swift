/// A compiled template: the block structure handed to Stencil, and the expressions Assay
/// evaluates itself.
///
/// Stencil runs the structure (`for`, `if`, `elif`, `else`, `break`, `continue`, loop scoping).
/// Every `{{ … }}` becomes the custom tag `{% _assay_out N %}`, and every condition or loop
/// source the filter call `0|_assay:N`, where `N` indexes ``slots``; Assay resolves names,
/// applies filters and formats values. Text never passes through Stencil's lexer: the tokens
/// are built directly, so literal text, case values and braces in them are never read as syntax.
struct TemplateProgram: Sendable {
    /// A Stencil token to create for each render.
    enum Piece: Sendable {
        /// Literal text.
        case text(String)
        /// The output of the slot with this index.
        case output(Int)
        /// A Stencil block tag's contents, such as `if 0|_assay:3`.
        case block(String)
    }

    /// An expression and the use Stencil puts its value to.
    struct Slot: Sendable {
        enum Role: Sendable {
            /// `{{ … }}`: rendered as text; undefined values are errors.
            case output
            /// `{% if … %}` and loop filters: a Boolean; undefined values are false.
            case condition
            /// `{% for … in … %}`: the elements to loop over, as one value or as pairs.
            case loop(variableCount: Int)
        }

        var role: Role
        var expression: TemplateExpression
        /// The loop variables visible here, innermost last.
        var loopVariables: [String]
        /// Whether the slot is inside a `for`, where `loop` means the loop's counters.
        var isInsideLoop: Bool
    }

    /// The filter conditions and loop sources are reached through.
    static let filterName = "_assay"
    /// The tag outputs are reached through.
    static let outputTagName = "_assay_out"

    var pieces: [Piece] = []
    var slots: [Slot] = []
    /// The canonical template text, as UTF-8, for positions and names in messages.
    var source: [UInt8]

    /// Adds a slot and returns its index.
    mutating func addSlot(_ slot: Slot) -> Int {
        slots.append(slot)
        return slots.count - 1
    }

    /// The Stencil expression that evaluates a slot.
    static func filterCall(_ index: Int) -> String {
        "0|\(filterName):\(index)"
    }
}
