internal import Stencil

/// Renders a ``TemplateProgram`` with Stencil.
///
/// Stencil's `Environment`, `Extension`, `Token`, `Context` and nodes are non-`Sendable`
/// classes (a `Token` even fills a lazy property on first use), so none of them is kept in a
/// ``PromptTemplate``: each render builds the tokens, the environment and the node tree from the
/// `Sendable` program, renders, and drops them. Nothing is shared between threads and no lock is
/// needed. The cost is small: Stencil's `Template` re-parses its tokens on every render anyway,
/// and building the tokens directly skips its lexer, whose work grows with the square of the
/// template's length.
struct StencilRenderer {
    let program: TemplateProgram

    /// Holds the failure behind an error thrown through Stencil, which wraps every error in its
    /// own `TemplateSyntaxError` and loses the original type.
    private final class FailureBox {
        var failure: TemplateFailure?
    }

    /// Checks that Stencil accepts the program's structure, without rendering.
    func validate() throws(TemplateFailure) {
        do {
            _ = try TokenParser(tokens: makeTokens(), environment: makeEnvironment(fields: [:], box: FailureBox())).parse()
        } catch {
            throw TemplateFailure(code: .syntax, message: "the template engine rejected the template: \(error)")
        }
    }

    /// Renders the program with a case's fields.
    func render(fields: JSONObject) throws(TemplateFailure) -> String {
        let box = FailureBox()
        let environment = makeEnvironment(fields: fields, box: box)
        var dictionary: [String: Any] = ["case": JSONValue.object(fields)]
        for (key, value) in fields where key != "case" {
            dictionary[key] = value
        }
        do {
            let nodes = try TokenParser(tokens: makeTokens(), environment: environment).parse()
            return try renderNodes(nodes, Context(dictionary: dictionary, environment: environment))
        } catch {
            throw box.failure ?? TemplateFailure(code: .syntax, message: "the template engine failed: \(error)")
        }
    }

    private func makeTokens() -> [Token] {
        // Stencil has no public way to make a source map; borrow one from a one-token template.
        let sourceMap = Template(templateString: "{{ _ }}").tokens[0].sourceMap
        return program.pieces.map { piece in
            switch piece {
            case .text(let text): .text(value: text, at: sourceMap)
            case .variable(let code): .variable(value: code, at: sourceMap)
            case .block(let code): .block(value: code, at: sourceMap)
            }
        }
    }

    private func makeEnvironment(fields: JSONObject, box: FailureBox) -> Environment {
        let program = program
        let fieldNames = fields.keys
        let assay = Extension()
        assay.registerFilter(TemplateProgram.filterName) { (_: Any?, arguments: [Any?], context: Context) throws -> Any? in
            guard let index = arguments.first as? Int, program.slots.indices.contains(index) else {
                throw TemplateSyntaxError("internal: bad template slot \(String(describing: arguments.first))")
            }
            do throws(TemplateFailure) {
                return try Self.evaluate(program.slots[index], program: program, fieldNames: fieldNames, context: context)
            } catch {
                box.failure = error
                throw error
            }
        }
        return Environment(extensions: [assay])
    }

    private static func evaluate(
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
