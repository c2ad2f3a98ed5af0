import Foundation
import Testing
@testable import AssayEvaluation

@Suite("The model catalog")
struct ModelCatalogTests {
    /// A project folder inside a user's home, each with its own configuration.
    struct Layout {
        let root: TemporaryDirectory
        var project: String { root.path("work/project") }
        var user: String { root.path("config/assay") }
        var locations: ConfigurationLocations { ConfigurationLocations(projectFolder: project, userFolder: user) }

        init() throws {
            root = try TemporaryDirectory()
            for folder in ["work/project/sub/deeper", "config/assay"] {
                try FileManager.default.createDirectory(atPath: root.path(folder), withIntermediateDirectories: true)
            }
        }

        func write(_ text: String, _ relativePath: String) throws {
            _ = try root.write(text, to: relativePath)
        }
    }

    @Test("built-in mocks are always present")
    func builtIns() throws {
        let catalog = ModelCatalog()
        #expect(catalog.names == ["perfect", "flakey", "echo", "noisy", "transient"])
        #expect(try catalog.model("perfect").descriptor.provider == "mock")
        #expect(try catalog.model("flakey").descriptor.answersDependOnCase)
    }

    @Test("project entries override user entries; keys come from the nearest credentials file")
    func overrideOrder() throws {
        let layout = try Layout()
        defer { layout.root.remove() }
        try layout.write(#"[{"name": "shared", "type": "OPENAI", "model": "user-model"},"#
            + #" {"name": "mine", "type": "ANTHROPIC", "model": "claude"}]"#, "config/assay/models.json")
        try layout.write(#"{"shared": "user-key", "mine": "user-claude-key"}"#, "config/assay/.credentials.json")
        try layout.write(#"[{"name": "shared", "type": "OPENAI", "model": "project-model", "temperature": 0}]"#,
                         "work/project/models.json")
        try layout.write(#"{"shared": "project-key"}"#, "work/project/.credentials.json")
        let catalog = try ModelCatalog.load(locations: layout.locations, environment: [:])
        #expect(catalog.names == ["perfect", "flakey", "echo", "noisy", "transient", "shared", "mine"])
        let shared = try catalog.entry(named: "shared")
        #expect(shared.model == "project-model")
        #expect(shared.parameters.temperature == 0)
        #expect(try catalog.key(for: shared)?.secret == "project-key")
        #expect(try catalog.key(for: catalog.entry(named: "mine"))?.secret == "user-claude-key")
    }

    @Test("key_env names the variable that holds the key, and wins over the credentials file")
    func keyFromEnvironment() throws {
        let entry = ModelEntry(name: "gpt", provider: .openAI, model: "gpt-4o", keyEnvironmentVariable: "MY_KEY")
        let fromEnvironment = ModelCatalog(entries: [entry], keys: ["gpt": "file-key"], environment: ["MY_KEY": "env-key"])
        #expect(try fromEnvironment.key(for: entry)?.secret == "env-key")
        let fromFile = ModelCatalog(entries: [entry], keys: ["gpt": "file-key"], environment: [:])
        #expect(try fromFile.key(for: entry)?.secret == "file-key")
    }

    @Test("an inline key in models.json is used but never listed")
    func inlineKey() throws {
        let layout = try Layout()
        defer { layout.root.remove() }
        try layout.write(#"[{"name": "a", "type": "ANTHROPIC", "model": "m", "key": "inline-secret"}]"#, "work/project/models.json")
        let catalog = try ModelCatalog.load(locations: layout.locations, environment: [:])
        #expect(try catalog.key(for: catalog.entry(named: "a"))?.secret == "inline-secret")
        #expect(!String(describing: catalog.entries).contains("inline-secret"))
        #expect(!String(reflecting: catalog).contains("inline-secret"))
    }

    @Test("a missing key names the entry, the credentials files and the variable to set")
    func missingKey() throws {
        let layout = try Layout()
        defer { layout.root.remove() }
        try layout.write(#"[{"name": "gpt4o", "type": "AZURE_OPEN_AI", "endpoint": "https://x.openai.azure.com", "#
            + #""deployment": "gpt-4o", "api": "2024-02-15-preview", "key_env": "AZURE_KEY"}]"#, "work/project/models.json")
        let catalog = try ModelCatalog.load(locations: layout.locations, environment: [:])
        do {
            _ = try catalog.model("gpt4o")
            Issue.record("expected a missing key error")
        } catch {
            #expect(error.code == .missingKey)
            #expect(error.description == """
                \(layout.project)/models.json:1:2: error: model 'gpt4o' needs an API key and none was found
                hint: add "gpt4o": "KEY" to \(layout.project)/.credentials.json or \(layout.user)/.credentials.json, \
                or set the environment variable AZURE_KEY
                """)
        }
    }

    @Test("an OpenAI-compatible server at a custom base_url needs no key")
    func localServerWithoutKey() throws {
        let entry = ModelEntry(name: "local", provider: .openAI, endpoint: "http://127.0.0.1:8000/v1", model: "llama")
        let model = try ModelCatalog(entries: [entry]).model("local")
        #expect(model.descriptor.endpoint == "http://127.0.0.1:8000/v1")
        let hosted = ModelEntry(name: "gpt", provider: .openAI, model: "gpt-4o")
        #expect(throws: ModelConfigurationError.self) { try ModelCatalog(entries: [hosted]).model("gpt") }
    }

    @Test("an unknown name suggests the closest ones", arguments: [
        ("gtp4o", "did you mean 'gpt4o'?"),
        ("perfcet", "did you mean 'perfect'?"),
        ("zzzzzzzzzz", "known models: perfect, flakey, echo, noisy, transient, gpt4o, gpt4o-mini"),
    ])
    func unknownName(name: String, hint: String) {
        let catalog = ModelCatalog(entries: [
            ModelEntry(name: "gpt4o", provider: .openAI, model: "gpt-4o"),
            ModelEntry(name: "gpt4o-mini", provider: .openAI, model: "gpt-4o-mini"),
        ])
        do {
            _ = try catalog.model(name)
            Issue.record("expected an unknown model error")
        } catch {
            #expect(error.code == .unknownModel)
            #expect(error.message == "no model is named '\(name)'")
            #expect(error.hint == hint)
        }
    }

    @Test("overrides replace the entry's parameters and leave the others")
    func parameterOverrides() throws {
        let entry = ModelEntry(name: "local", provider: .openAI, endpoint: "http://127.0.0.1:1/v1", model: "m",
                               parameters: ModelParameters(temperature: 0.7, maxTokens: 100, seed: 1))
        let catalog = ModelCatalog(entries: [entry])
        let model = try catalog.model("local", temperature: 0, maxTokens: 5)
        #expect(model.descriptor.parameters == ModelParameters(temperature: 0, maxTokens: 5, seed: 1))
        #expect(try catalog.model("local").descriptor.parameters == entry.parameters)
    }

    @Test("mock rate and seed overrides show in the descriptor, so caches tell them apart")
    func mockOverrides() throws {
        let catalog = ModelCatalog()
        let noisy = try catalog.model("noisy", seed: 4, rate: 0.5)
        #expect(noisy.descriptor.model == "noisy(rate: 0.5, seed: 4)")
        #expect(noisy.descriptor != (try catalog.model("noisy")).descriptor)
    }

    @Test("encoders are listed apart and found by name")
    func encoders() throws {
        let catalog = ModelCatalog(encoders: [EncoderEntry(name: "bert", path: "/m/bert")])
        #expect(try catalog.encoder(named: "bert").path == "/m/bert")
        do {
            _ = try catalog.model("bert")
            Issue.record("expected an error")
        } catch {
            #expect(error.hint == "'bert' is an encoder (for BERTScore), not a chat model")
        }
    }

    @Test("the project folder is the nearest one with models.json, assay.init or .assay", arguments: [
        "models.json", "assay.init", ".assay",
    ])
    func projectDiscovery(marker: String) throws {
        let layout = try Layout()
        defer { layout.root.remove() }
        if marker == ".assay" {
            try FileManager.default.createDirectory(atPath: layout.project + "/.assay", withIntermediateDirectories: true)
        } else {
            try layout.write("[]", "work/project/" + marker)
        }
        let found = ConfigurationLocations.projectFolder(above: layout.project + "/sub/deeper")
        #expect(found.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                == URL(fileURLWithPath: layout.project).resolvingSymlinksInPath().path)
    }

    @Test("the user folder follows XDG_CONFIG_HOME, else ~/.config")
    func userFolder() {
        #expect(ConfigurationLocations.userFolder(["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/h"]) == "/x/cfg/assay")
        #expect(ConfigurationLocations.userFolder(["HOME": "/h"]) == "/h/.config/assay")
        #expect(ConfigurationLocations.userFolder(["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/assay")
    }
}
