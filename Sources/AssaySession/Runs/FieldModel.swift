import AssayEvaluation

/// A model that answers each case with one of the case's own fields: how `score(…)` evaluates
/// outputs produced elsewhere through the normal runner, with no model call.
///
/// A field that is a string is the answer as it is; any other value is answered as compact JSON.
/// A case without the field fails its call (not retryable), so it shows as a `model_error` that
/// names the field.
struct FieldModel: ChatModel {
    /// The field holding the output.
    let field: String
    let descriptor: ModelDescriptor

    init(field: String) {
        self.field = field
        var descriptor = ModelDescriptor(name: "field:\(field)", provider: "field", model: field, answersDependOnCase: true)
        descriptor.cachesAnswers = false
        self.descriptor = descriptor
    }

    func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse {
        guard let testCase = request.testCase else {
            throw ModelCallError(.client(status: 400), "the '\(descriptor.name)' model answers only from a case")
        }
        guard let value = testCase.fields[field], value != .null else {
            throw ModelCallError(.client(status: 400), "case \(testCase.id) has no '\(field)' field to score")
        }
        return ModelResponse(text: value.stringValue ?? value.serialized())
    }
}
