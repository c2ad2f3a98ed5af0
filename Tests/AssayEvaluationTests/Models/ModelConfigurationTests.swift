import Foundation
import Testing
@testable import AssayEvaluation

@Suite("models.json and .credentials.json")
struct ModelConfigurationTests {
    @Test("a GoTaglio Azure OpenAI entry loads unchanged")
    func goTaglioEntry() throws {
        let text = """
            [
              {"name": "gpt4o", "type": "AZURE_OPEN_AI", "endpoint": "https://x.openai.azure.com",
               "deployment": "gpt-4o", "api": "2024-02-15-preview", "key": "From .credentials.json"}
            ]
            """
        let file = try ModelsFile.parse(text, path: "models.json")
        #expect(file.entries.count == 1)
        let entry = try #require(file.entries.first)
        #expect(entry.name == "gpt4o")
        #expect(entry.provider == .azureOpenAI)
        #expect(entry.endpoint == "https://x.openai.azure.com")
        #expect(entry.model == "gpt-4o")
        #expect(entry.apiVersion == "2024-02-15-preview")
        #expect(entry.source == ConfigurationSource(path: "models.json", line: 2, column: 3))
        #expect(file.inlineKeys.isEmpty, "the placeholder is not a key")
    }

    @Test("lower-case provider entries carry their default parameters")
    func providerEntries() throws {
        let text = """
            [{"name": "local", "provider": "openai", "base_url": "http://localhost:8000/v1", "model": "llama",
              "temperature": 0.2, "top_p": 0.9, "max_tokens": 64, "seed": 7, "stop": "###",
              "response_format": {"type": "json_object"}},
             {"name": "claude", "provider": "anthropic", "model": "claude-3-5-haiku", "stop": ["a", "b"]},
             {"name": "phi", "type": "AZURE_AI", "endpoint": "https://phi.models.ai.azure.com"},
             {"name": "bert", "type": "ENCODER", "path": "encoders/bert-base"}]
            """
        let file = try ModelsFile.parse(text, path: "/project/models.json")
        #expect(file.entries.map(\.name) == ["local", "claude", "phi"])
        #expect(file.entries[0].parameters == ModelParameters(
            temperature: 0.2, topP: 0.9, maxTokens: 64, seed: 7, stop: ["###"], responseFormat: ["type": "json_object"]))
        #expect(file.entries[0].endpoint == "http://localhost:8000/v1")
        #expect(file.entries[1].provider == .anthropic)
        #expect(file.entries[1].parameters.stop == ["a", "b"])
        #expect(file.entries[2].provider == .azureAI)
        #expect(file.encoders == [EncoderEntry(name: "bert", path: "/project/encoders/bert-base",
                                               source: ConfigurationSource(path: "/project/models.json", line: 6, column: 2))])
    }

    @Test("bad entries are errors at the bad value, with a hint", arguments: [
        (#"[{"name": "a", "type": "OPENAI", "model": "m", "temperature": "hot"}]"#,
         "models.json:1:63: error: \"temperature\" must be a number, found a string"),
        ("[\n  {\"name\": \"a\", \"type\": \"OPENAI_X\", \"model\": \"m\"}]",
         "models.json:2:25: error: unknown type 'OPENAI_X'\nhint: did you mean 'openai'?"),
        (#"[{"name": "a", "type": "GEMINI", "model": "m"}]"#,
         "models.json:1:24: error: unknown type 'GEMINI'\nhint: use one of openai, azure_openai, azure_ai, anthropic, mock, encoder"),
        (#"[{"name": "a", "type": "AZURE_OPEN_AI", "endpoint": "https://x", "deployment": "d"}]"#,
         "models.json:1:2: error: the entry has no \"api\" or \"api_version\", the Azure api-version such as \"2024-02-15-preview\"\nhint: add \"api\" or \"api_version\" to the entry"),
        (#"[{"name": "a", "type": "OPENAI", "model": "m"}, {"name": "a", "type": "OPENAI", "model": "n"}]"#,
         "models.json:1:49: error: a second entry is named 'a' (the first is at line 1)\nhint: give each entry its own name"),
        (#"[{"name": "perfect", "type": "OPENAI", "model": "m"}]"#,
         "models.json:1:2: error: 'perfect' is the name of a built-in mock model\nhint: choose another name"),
        (#"[{"name": "a", "type": "OPENAI", "model": "m",}]"#,
         "models.json:1:47: error: expected a string key in double quotes, found '}'"),
        (#"{"gpt4o": {}}"#,
         "models.json:1:1: error: expected a list of entries, found an object\nhint: " + ModelsFile.layoutHint),
        (#"[{"name": "a", "type": "OPENAI", "model": "m", "base_url": "localhost:8000"}]"#,
         "models.json:1:60: error: the endpoint 'localhost:8000' is not an http:// or https:// URL"),
    ])
    func badEntries(text: String, expected: String) {
        #expect(throws: ModelConfigurationError.self) { try ModelsFile.parse(text, path: "models.json") }
        do {
            _ = try ModelsFile.parse(text, path: "models.json")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("a misspelt type gets a did-you-mean")
    func misspeltType() {
        do {
            _ = try ModelsFile.parse(#"[{"name": "a", "provider": "antropic", "model": "m"}]"#, path: "m.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.hint == "did you mean 'anthropic'?")
        }
    }

    @Test("a credentials value that is not a string is reported without showing it")
    func badCredentials() {
        do {
            _ = try CredentialsFile.parse(#"{"gpt4o": "k1", "claude": 12345}"#, path: ".credentials.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(".credentials.json:1:27: error: the key of 'claude' must be a string, found a number"))
            #expect(!error.description.contains("12345"))
        }
    }
}
