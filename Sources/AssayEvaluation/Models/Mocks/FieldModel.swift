/// A model that answers each case with one of the case's own fields: how `score(…)` evaluates
/// outputs produced elsewhere through the normal runner, with no model call.
///
/// A field that is a string is the answer as it is; any other value is answered as compact JSON.
/// A case without the field fails its call (not retryable), so it shows as a `model_error` that
/// names the field.
public struct FieldModel: ChatModel {
    /// The field holding the output.
    public let field: String
    /// `field:NAME`, provider `field`; its answers are not cached (they cost nothing to read again).
    public let descriptor: ModelDescriptor

    /// Creates the model of a field.
    ///
    /// - Parameter field: The case field that holds the outputs.
    public init(field: String) {
        self.field = field
        var descriptor = ModelDescriptor(name: "field:\(field)", provider: "field", model: field, answersDependOnCase: true)
        descriptor.cachesAnswers = false
        self.descriptor = descriptor
    }

    /// The case's field as the answer.
    ///
    /// - Parameter request: The request, with its case.
    /// - Returns: The field's text.
    /// - Throws: ``ModelCallError`` (not retryable) when there is no case or it lacks the field.
    public func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse {
        guard let testCase = request.testCase else {
            throw ModelCallError(.client(status: 400), "the '\(descriptor.name)' model answers only from a case")
        }
        guard let value = testCase.fields[field], value != .null else {
            throw ModelCallError(.client(status: 400), "case \(testCase.id) has no '\(field)' field to score")
        }
        return ModelResponse(text: value.text)
    }
}
