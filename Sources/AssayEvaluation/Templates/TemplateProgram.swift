/// A compiled template: the block structure handed to Stencil, and the expressions Assay
/// evaluates itself.
///
/// Stencil runs the structure (`for`, `if`, `elif`, `else`, `break`, `continue`, loop scoping).
/// Every place that needs a value is a Stencil variable or tag whose only content is the
/// filter call `0|_assay:N`, where `N` indexes ``slots``; Assay resolves names, applies filters
/// and formats values. Text never passes through Stencil's lexer: the tokens are built
/// directly, so literal text, case values and braces inside them are never re-read as syntax.
struct TemplateProgram: Sendable {
    /// A Stencil token to create for each render.
    enum Piece: Sendable {
        case text(String)
        case variable(String)
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

    /// The filter every slot is reached through.
    static let filterName = "_assay"

    var pieces: [Piece] = []
    var slots: [Slot] = []
    /// The canonical template text, as UTF-8, for positions and names in messages.
    var source: [UInt8]

    /// Adds a slot and returns the Stencil expression that evaluates it.
    mutating func addSlot(_ slot: Slot) -> String {
        slots.append(slot)
        return "0|\(Self.filterName):\(slots.count - 1)"
    }
}
