import AssayCore

/// The response cache's key for one request: the SHA-256 of a canonical JSON description of
/// everything that can change the answer.
///
/// The description holds the provider, endpoint, model id and name, the full message list, every
/// parameter (nil ones left out), the sample index, and, only for models whose answers depend on the
/// case beyond its messages (mocks that read `expected`), the case's fields (all the cases' of a grouped
/// request). Object keys are sorted,
/// so the same request always has the same key. The name is included so that two mocks without a
/// model id never share answers.
enum ResponseCacheKey {
    static func make(for request: ModelRequest, descriptor: ModelDescriptor) -> String {
        var object = JSONObject()
        object["version"] = 1
        object["provider"] = .string(descriptor.provider)
        object["endpoint"] = descriptor.endpoint.map(JSONValue.string) ?? .null
        object["model"] = descriptor.model.map(JSONValue.string) ?? .null
        object["name"] = .string(descriptor.name)
        object["messages"] = ConfigurationCoding.json(request.messages)
        object["parameters"] = ConfigurationCoding.json(request.parameters)
        object["sample"] = .int(request.sampleIndex)
        if descriptor.answersDependOnCase {
            object["case"] = request.testCase.map { .object($0.fields) } ?? .null
            if !request.groupedCases.isEmpty {
                object["grouped_cases"] = .array(request.groupedCases.map { .object($0.fields) })
            }
        }
        return sha256Hex(Array(JSONValue.object(object).canonicalSerialization().utf8))
    }
}

/// An answer kept in the response cache.
struct CachedAnswer: Sendable, Hashable {
    let key: String
    let response: ModelResponse
    let latencyMilliseconds: Double?
    /// How many retries the call that fetched the answer took, so that a rerun answered from the
    /// cache reports what the original did (0 for answers cached before this was kept).
    var retries = 0
}
