import AssayCore
import Foundation

/// JSON forms of the model contract's types, as stored in run configurations and cache keys.
enum ConfigurationCoding {
    /// Parameters as an object holding only the members that are set, in a fixed order.
    static func json(_ parameters: ModelParameters) -> JSONValue {
        var object = JSONObject()
        object["temperature"] = parameters.temperature.map(JSONValue.double)
        object["top_p"] = parameters.topP.map(JSONValue.double)
        object["max_tokens"] = parameters.maxTokens.map(JSONValue.int)
        object["seed"] = parameters.seed.map(JSONValue.int)
        object["stop"] = parameters.stop.map { .array($0.map(JSONValue.string)) }
        object["response_format"] = parameters.responseFormat
        object["tools"] = parameters.tools.map { .array($0.map(\.json)) }
        object["tool_choice"] = parameters.toolChoice?.json
        object["stream"] = parameters.stream.map(JSONValue.bool)
        return .object(object)
    }

    /// Reads parameters written by ``json(_:)-(ModelParameters)``.
    static func parameters(from value: JSONValue?) -> ModelParameters {
        guard let object = value?.objectValue else { return ModelParameters() }
        return ModelParameters(
            temperature: object["temperature"]?.doubleValue, topP: object["top_p"]?.doubleValue,
            maxTokens: object["max_tokens"]?.intValue, seed: object["seed"]?.intValue,
            stop: object["stop"]?.arrayValue?.compactMap(\.stringValue),
            responseFormat: object["response_format"],
            tools: object["tools"]?.arrayValue?.compactMap { try? ToolDefinition(json: $0) },
            toolChoice: object["tool_choice"].flatMap { try? ToolChoice(json: $0) },
            stream: object["stream"]?.boolValue
        )
    }

    /// A descriptor as an object; it carries no secret, so the whole of it is stored.
    static func json(_ descriptor: ModelDescriptor) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(descriptor.name)
        object["provider"] = .string(descriptor.provider)
        object["endpoint"] = descriptor.endpoint.map(JSONValue.string) ?? .null
        object["model"] = descriptor.model.map(JSONValue.string) ?? .null
        // Only when set (Azure's `api`), so that other descriptors are stored as they were before.
        if let apiVersion = descriptor.apiVersion { object["api"] = .string(apiVersion) }
        object["parameters"] = json(descriptor.parameters)
        object["answers_depend_on_case"] = .bool(descriptor.answersDependOnCase)
        // Only when known, so that a descriptor without a price is stored as it was before prices.
        if let price = descriptor.price { object["price"] = json(price) }
        return .object(object)
    }

    /// A price as `{"input": …, "output": …}` (dollars per million tokens).
    static func json(_ price: ModelPrice) -> JSONValue {
        ["input": .double(price.input), "output": .double(price.output)]
    }

    /// Reads a price written by ``json(_:)-(ModelPrice)``; nil when there is none.
    static func price(from value: JSONValue?) -> ModelPrice? {
        guard let object = value?.objectValue, let input = object["input"]?.doubleValue,
              let output = object["output"]?.doubleValue else { return nil }
        return ModelPrice(input: input, output: output)
    }

    /// A stored descriptor without its price: what must match for a run to be resumed (a price
    /// added to `models.json` after a run started does not stop it from being completed).
    static func withoutPrice(_ descriptor: JSONValue) -> JSONValue {
        guard var object = descriptor.objectValue else { return descriptor }
        object["price"] = nil
        return .object(object)
    }

    /// Whether a stored descriptor and a live one describe the same model for resuming: equal
    /// without their prices, and without the API version when the stored one predates keeping it.
    static func sameModel(stored: JSONValue, live: ModelDescriptor) -> Bool {
        var current = withoutPrice(json(live))
        if stored.objectValue?["api"] == nil, var object = current.objectValue {
            object["api"] = nil
            current = .object(object)
        }
        return withoutPrice(stored) == current
    }

    /// A message list as an array of `{"role", "content"}` objects, with `tool_calls` on an
    /// assistant message that called tools and `tool_call_id` on a tool's result.
    static func json(_ messages: [ChatMessage]) -> JSONValue {
        .array(messages.map { message in
            var object: JSONObject = ["role": .string(message.role), "content": .string(message.content)]
            if !message.toolCalls.isEmpty { object["tool_calls"] = ToolCall.json(message.toolCalls) }
            if let id = message.toolCallID { object["tool_call_id"] = .string(id) }
            return .object(object)
        })
    }

    /// Reads messages written by ``json(_:)-([ChatMessage])``.
    static func messages(from value: JSONValue?) -> [ChatMessage] {
        (value?.arrayValue ?? []).compactMap { element in
            guard let role = element.objectValue?["role"]?.stringValue,
                  let content = element.objectValue?["content"]?.stringValue else { return nil }
            return ChatMessage(role: role, content: content, toolCalls: ToolCall.calls(from: element.objectValue?["tool_calls"]),
                               toolCallID: element.objectValue?["tool_call_id"]?.stringValue)
        }
    }

    /// Worked examples as an array of `{"user", "assistant"}` objects.
    static func json(_ examples: [FewShotExample]) -> JSONValue {
        .array(examples.map { ["user": .string($0.user), "assistant": .string($0.assistant)] })
    }

    /// Reads worked examples written by ``json(_:)-([FewShotExample])``.
    static func examples(from value: JSONValue?) -> [FewShotExample] {
        (value?.arrayValue ?? []).compactMap { item in
            guard let user = item.objectValue?["user"]?.stringValue, let assistant = item.objectValue?["assistant"]?.stringValue else { return nil }
            return FewShotExample(user: user, assistant: assistant)
        }
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// A UUID as lowercase text.
    static func text(_ id: UUID) -> String {
        id.uuidString.lowercased()
    }
}

extension RunSpec {
    /// Everything about the run that can be stored, as JSON, without secrets (the model appears only
    /// as its descriptor).
    ///
    /// Members: `name`, `tags`, `suite` (`path`, `file_sha256`, `sha256`, `cases`), `template`
    /// (`sha256`, `system`, `user`, `examples` when it has worked examples), `model` (the descriptor), `parameters` (the overrides),
    /// `effective_parameters`, `extraction`, `metrics` (each its spec with `name` and `description`), `concurrency`,
    /// `retries`, `timeout_seconds`, `samples`, `rate_limit_per_minute`, `cache`, `derived_from`,
    /// `pipeline`, `history`, `group`, `max_cost` when the run has a budget, `reduce` when it is not `mean`, and `assay` (the version and
    /// the project's git revision, ``RunProvenance``).
    public var configuration: JSONValue {
        var suiteObject = JSONObject()
        suiteObject["path"] = suite.source.map { .string($0.path) } ?? .null
        suiteObject["file_sha256"] = suite.source.map { .string($0.sha256) } ?? .null
        suiteObject["sha256"] = .string(suiteHash)
        suiteObject["cases"] = .int(suite.cases.count)
        var templateObject = JSONObject()
        templateObject["sha256"] = .string(template.sha256)
        templateObject["system"] = template.system.map(JSONValue.string) ?? .null
        templateObject["user"] = .string(template.user)
        if !template.examples.isEmpty {
            templateObject["examples"] = .array(template.examples.map { ["user": .string($0.user), "assistant": .string($0.assistant)] })
        }
        var object = JSONObject()
        object["name"] = .string(name)
        object["tags"] = .array(tags.map(JSONValue.string))
        object["suite"] = .object(suiteObject)
        object["template"] = .object(templateObject)
        object["model"] = ConfigurationCoding.json(model.descriptor)
        object["parameters"] = ConfigurationCoding.json(parameters)
        object["effective_parameters"] = ConfigurationCoding.json(effectiveParameters)
        object["extraction"] = extraction.configuration
        object["metrics"] = .array(metrics.map(\.configuration))
        object["concurrency"] = .int(concurrency)
        object["retries"] = .int(retries)
        object["timeout_seconds"] = .double(ConfigurationCoding.seconds(timeout))
        object["samples"] = .int(samples)
        object["rate_limit_per_minute"] = rateLimit.map(JSONValue.double) ?? .null
        object["cache"] = .bool(usesCache)
        object["derived_from"] = derivedFrom.map { .string(ConfigurationCoding.text($0)) } ?? .null
        object["pipeline"] = pipeline.map(JSONValue.string) ?? .null
        object["history"] = .string(history.rawValue)
        object["group"] = .int(group)
        if let maxCost { object["max_cost"] = .double(maxCost) }
        if reduce != .mean { object["reduce"] = .string(reduce.name) }
        object["assay"] = provenance.json
        return .object(object)
    }
}
