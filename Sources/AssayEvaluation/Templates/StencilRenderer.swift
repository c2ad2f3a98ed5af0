import AssayCore

internal import Stencil

/// Renders a ``TemplateProgram`` with Stencil.
///
/// Stencil's `Environment`, `Extension`, `Token`, `Context` and nodes are non-`Sendable`
/// classes (a `Token` even fills a lazy property on first use), so none of them is kept in a
/// ``PromptTemplate``: each render builds the tokens, the environment and the node tree from the
/// `Sendable` program, renders, and drops them. Nothing mutable is shared between threads and no
/// lock is needed. The cost is small: Stencil's `Template` re-parses its tokens on every render
/// anyway, and building the tokens directly skips its lexer, whose work grows with the square of
/// the template's length.
struct StencilRenderer {
    let program: TemplateProgram

    /// What one render needs inside Stencil's callbacks, and the failure behind an error thrown
    /// through Stencil (which wraps every error in its own type and loses the original).
    private final class RenderState {
        let program: TemplateProgram
        let fieldNames: [String]
        var failure: TemplateFailure?

        init(program: TemplateProgram, fieldNames: [String]) {
            self.program = program
            self.fieldNames = fieldNames
        }

        func evaluate(slot index: Int, context: Context) throws -> Any {
            guard program.slots.indices.contains(index) else {
                throw TemplateSyntaxError("internal: no template slot \(index)")
            }
            do throws(TemplateFailure) {
                return try StencilRenderer.evaluate(program.slots[index], program: program, fieldNames: fieldNames, context: context)
            } catch {
                failure = error
                throw error
            }
        }
    }

    /// `{% _assay_out N %}`: renders slot `N` as text.
    private final class OutputNode: NodeType {
        let slot: Int
        let token: Token?
        let state: RenderState

        init(slot: Int, token: Token, state: RenderState) {
            self.slot = slot
            self.token = token
            self.state = state
        }

        func render(_ context: Context) throws -> String {
            try state.evaluate(slot: slot, context: context) as? String ?? ""
        }
    }

    // Stencil offers no public way to make a source map, so one is borrowed from a one-token
    // template. `SourceMap` is an immutable struct holding only a `String?` and a
    // `(String, UInt, Int)` tuple, all value types, so reading it from any thread cannot race.
    nonisolated(unsafe) private static let sourceMap = Template(templateString: "{{ _ }}").tokens[0].sourceMap

    /// Checks that Stencil accepts the program's structure, without rendering.
    func validate() throws(TemplateFailure) {
        let state = RenderState(program: program, fieldNames: [])
        do {
            _ = try TokenParser(tokens: makeTokens(), environment: makeEnvironment(state)).parse()
        } catch {
            throw TemplateFailure(code: .syntax, message: "the template engine rejected the template: \(error)")
        }
    }

    /// Renders the program with a case's fields.
    func render(fields: JSONObject) throws(TemplateFailure) -> String {
        if let text = try renderWithoutBlocks(fields: fields) { return text }
        let state = RenderState(program: program, fieldNames: fields.keys)
        let environment = makeEnvironment(state)
        var dictionary: [String: Any] = ["case": JSONValue.object(fields)]
        for (key, value) in fields where key != "case" {
            dictionary[key] = value
        }
        do {
            let nodes = try TokenParser(tokens: makeTokens(), environment: environment).parse()
            return try renderNodes(nodes, Context(dictionary: dictionary, environment: environment))
        } catch {
            throw state.failure ?? TemplateFailure(code: .syntax, message: "the template engine failed: \(error)")
        }
    }

    /// A program without blocks (no `{% if %}`, `{% for %}` …: most prompts) is its text and its
    /// output slots in turn, which need nothing of Stencil: they are rendered directly, with the
    /// same lookups as through Stencil's context (each field by its name, `case` for them all),
    /// skipping the tokens, the environment and the node tree a render through Stencil builds.
    /// Nil for a program with blocks.
    private func renderWithoutBlocks(fields: JSONObject) throws(TemplateFailure) -> String? {
        var output = ""
        for piece in program.pieces {
            switch piece {
            case .block: return nil
            case .text(let text): output += text
            case .output(let index):
                guard program.slots.indices.contains(index) else { return nil }
                let slot = program.slots[index]
                let scope = TemplateScope(
                    lookup: { name in name == "case" ? .object(fields) : fields[name] },
                    fieldNames: fields.keys,
                    loopVariables: slot.loopVariables
                )
                output += try ExpressionEvaluator(source: program.source, scope: scope).value(of: slot.expression, strict: true).templateText
            }
        }
        return output
    }

    private func makeTokens() -> [Token] {
        program.pieces.map { piece in
            switch piece {
            case .text(let text): .text(value: text, at: Self.sourceMap)
            case .output(let slot): .block(value: "\(TemplateProgram.outputTagName) \(slot)", at: Self.sourceMap)
            case .block(let code): .block(value: code, at: Self.sourceMap)
            }
        }
    }

    private func makeEnvironment(_ state: RenderState) -> Environment {
        let assay = Extension()
        assay.registerTag(TemplateProgram.outputTagName) { _, token in
            guard token.components.count == 2, let slot = Int(token.components[1]) else {
                throw TemplateSyntaxError("internal: bad output tag '\(token.contents)'")
            }
            return OutputNode(slot: slot, token: token, state: state)
        }
        assay.registerFilter(TemplateProgram.filterName) { (_: Any?, arguments: [Any?], context: Context) throws -> Any? in
            guard let slot = arguments.first as? Int else {
                throw TemplateSyntaxError("internal: bad template slot \(String(describing: arguments.first))")
            }
            return try state.evaluate(slot: slot, context: context)
        }
        return Environment(extensions: [assay])
    }

    fileprivate static func evaluate(
        _ slot: TemplateProgram.Slot, program: TemplateProgram, fieldNames: [String], context: Context
    ) throws(TemplateFailure) -> Any {
        let scope = TemplateScope(
            lookup: { name in
                if name == "loop", slot.isInsideLoop, let counters = context["forloop"] as? [String: Any] {
                    return loopObject(counters)
                }
                return context[name] as? JSONValue
            },
            fieldNames: fieldNames,
            loopVariables: slot.loopVariables
        )
        let evaluator = ExpressionEvaluator(source: program.source, scope: scope)
        switch slot.role {
        case .output:
            return try evaluator.value(of: slot.expression, strict: true).templateText
        case .condition:
            return try evaluator.isTrue(slot.expression)
        case .loop(let variableCount):
            let value = try evaluator.value(of: slot.expression, strict: true)
            return try LoopSource.elements(of: value, variableCount: variableCount, range: slot.expression.range)
        }
    }

    /// Jinja's `loop` object from Stencil's `forloop` counters.
    private static func loopObject(_ counters: [String: Any]) -> JSONValue {
        let counter = counters["counter"] as? Int ?? 0
        let length = counters["length"] as? Int ?? 0
        return .object([
            "index": .int(counter), "index0": .int(counter - 1),
            "revindex": .int(length - counter + 1), "revindex0": .int(length - counter),
            "first": .bool(counters["first"] as? Bool ?? false), "last": .bool(counters["last"] as? Bool ?? false),
            "length": .int(length),
        ])
    }
}
