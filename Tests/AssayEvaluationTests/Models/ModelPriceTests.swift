import Foundation
import Testing
@testable import AssayEvaluation

/// `"price": {"input": …, "output": …}` in models.json: read, checked, carried by the model's
/// descriptor into the run store, and kept out of the response cache's keys.
@Suite("Model prices")
struct ModelPriceTests {
    static let priced = """
        [{"name": "mini", "type": "OPENAI", "model": "gpt-4o-mini", "price": {"input": 0.15, "output": 0.6}},
         {"name": "cheap-perfect", "type": "MOCK", "mock": "perfect", "price": {"input": 1, "output": 2}},
         {"name": "free", "type": "OPENAI", "model": "m", "price": null}]
        """

    @Test("a provider entry and a mock entry carry their price into the model's descriptor")
    func pricesReachTheDescriptor() throws {
        let file = try ModelsFile.parse(Self.priced, path: "models.json")
        #expect(file.entries.map(\.price) == [ModelPrice(input: 0.15, output: 0.6), ModelPrice(input: 1, output: 2), nil])
        let catalog = ModelCatalog(entries: file.entries, keys: ["mini": "k"], environment: [:])
        #expect(try catalog.model("mini").descriptor.price == ModelPrice(input: 0.15, output: 0.6))
        let mock = try catalog.model("cheap-perfect")
        #expect(mock is MockChatModel)
        #expect(mock.descriptor.price == ModelPrice(input: 1, output: 2))
        #expect(try catalog.model("perfect").descriptor.price == nil, "built-in mocks have no price of their own")
        #expect(try catalog.model("perfect", price: ModelPrice(input: 3, output: 4)).descriptor.price == ModelPrice(input: 3, output: 4),
                "a price given when making the model replaces the entry's")
    }

    @Test("bad prices are errors at the price value that name the model and the field", arguments: [
        (#"[{"name": "a", "type": "OPENAI", "model": "m", "price": 0.15}]"#,
         #"models.json:1:57: error: model 'a': "price" must be an object, found a number"#),
        (#"[{"name": "a", "type": "OPENAI", "model": "m", "price": {"input": 0.15}}]"#,
         #"models.json:1:57: error: model 'a': "price" has no "output""#),
        ("[{\"name\": \"b\", \"type\": \"MOCK\", \"mock\": \"echo\",\n  \"price\": {\"input\": \"cheap\", \"output\": 1}}]",
         #"models.json:2:12: error: model 'b': "price.input" must be a number, found a string"#),
        (#"[{"name": "a", "type": "OPENAI", "model": "m", "price": {"input": 1, "output": -2}}]"#,
         #"models.json:1:57: error: model 'a': "price.output" cannot be negative, found -2.0"#),
    ])
    func badPrices(text: String, expected: String) {
        do {
            _ = try ModelsFile.parse(text, path: "models.json")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description == expected + "\nhint: write \"price\": {\"input\": 0.15, \"output\": 0.60}, in US dollars per million tokens")
        }
    }

    @Test("a misspelt price field gets a did-you-mean")
    func misspeltField() {
        do {
            _ = try ModelsFile.parse(#"[{"name": "a", "type": "OPENAI", "model": "m", "price": {"input": 1, "ouptut": 2}}]"#, path: "models.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #"model 'a': "price" has an unknown field "ouptut""#)
            #expect(error.hint == "did you mean 'output'?")
        }
    }

    @Test("a call costs its input and output tokens at their prices per million")
    func arithmetic() {
        let price = ModelPrice(input: 0.15, output: 0.6)
        #expect(abs(price.cost(of: TokenUsage(prompt: 1_000_000, completion: 0)) - 0.15) < 1e-12)
        #expect(abs(price.cost(of: TokenUsage(prompt: 2000, completion: 500)) - (2000 * 0.15 + 500 * 0.6) / 1e6) < 1e-15)
        #expect(price.cost(of: TokenUsage(prompt: 0, completion: 0)) == 0)
    }

    @Test("the price is stored with the descriptor only when known, and never changes the cache key")
    func storedButNotInTheCacheKey() {
        let plain = ModelDescriptor(name: "mini", provider: "openai", model: "gpt-4o-mini")
        var priced = plain
        priced.price = ModelPrice(input: 0.15, output: 0.6)
        #expect(ConfigurationCoding.json(plain).objectValue?["price"] == nil, "an old descriptor is stored as it was")
        #expect(ConfigurationCoding.json(priced).objectValue?["price"] == ["input": 0.15, "output": 0.6])
        #expect(ConfigurationCoding.price(from: ConfigurationCoding.json(priced).objectValue?["price"]) == priced.price)
        #expect(ConfigurationCoding.withoutPrice(ConfigurationCoding.json(priced)) == ConfigurationCoding.json(plain))
        let request = ModelRequest(messages: [ChatMessage(role: "user", content: "hi")])
        #expect(ResponseCacheKey.make(for: request, descriptor: plain) == ResponseCacheKey.make(for: request, descriptor: priced))
    }
}
