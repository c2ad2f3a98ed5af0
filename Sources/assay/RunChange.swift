import ArgumentParser
import AssayCore
import AssayEvaluation
import AssaySession
import Foundation

/// One `key=value` change of `assay rerun`, read per key into a typed value: nothing given is
/// evaluated as code.
struct RunChange {
    /// The setting's keyword (`model`, `temperature` …).
    let key: String
    /// Its value.
    let value: CallArgument

    /// How each key's value is read.
    enum Kind {
        case text, wholeNumber, number, boolean, list, templateFile, templateText, metrics, optionalNumber
    }

    /// Every key `rerun` accepts, with how its value is read.
    static let kinds: [String: Kind] = [
        "model": .text, "template": .templateFile, "template-text": .templateText, "metrics": .metrics, "name": .text,
        "tags": .list, "labels": .list, "extract": .text, "history": .text, "concurrency": .wholeNumber, "retries": .wholeNumber,
        "samples": .wholeNumber, "max_tokens": .wholeNumber, "seed": .wholeNumber, "group": .wholeNumber, "timeout": .number,
        "rate_limit": .number, "temperature": .number, "top_p": .number, "max_cost": .optionalNumber, "cache": .boolean,
        "stream": .boolean,
    ]

    /// GoTaglio's dotted keys, read as Assay's.
    static let aliases = [
        "infer.model.name": "model", "infer.model": "model", "prepare.template": "template",
        "infer.temperature": "temperature", "infer.model.temperature": "temperature", "infer.max_tokens": "max_tokens",
        "score.metrics": "metrics",
    ]

    /// The examples error messages show.
    static let examples = "e.g. model=flakey, temperature=0.7, template=prompt.txt or metrics=exact,rouge"

    /// Reads `key=value`.
    ///
    /// - Throws: `ValidationError` with the sentence to show.
    init(parsing argument: String, relativeTo directory: String = FileManager.default.currentDirectoryPath) throws {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw ValidationError("'\(argument)' is not a change: write key=value, \(Self.examples)")
        }
        let written = String(argument[..<equals])
        let text = String(argument[argument.index(after: equals)...])
        let key = Self.aliases[written] ?? (written == "template-text" ? written : written.replacingOccurrences(of: "-", with: "_"))
        guard let kind = Self.kinds[key] else {
            let known = Self.kinds.keys.sorted() + Self.aliases.keys.sorted()
            let hint = Suggestion.didYouMean(written, among: known).map { " (\($0))" } ?? ""
            throw ValidationError("'\(written)' is not a setting rerun can change\(hint); settings: \(Self.kinds.keys.sorted().joined(separator: ", "))")
        }
        self.key = key == "template-text" ? "template" : key
        self.value = try Self.read(text, as: kind, key: written, directory: directory)
    }

    static func read(_ text: String, as kind: Kind, key: String, directory: String) throws -> CallArgument {
        switch kind {
        case .text, .templateText:
            return .json(.string(text))
        case .list:
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return .json(.array(items.map(JSONValue.string)))
        case .wholeNumber:
            guard let number = Int(text) else { throw ValidationError("\(key) takes a whole number, not '\(text)'") }
            return .json(.int(number))
        case .number, .optionalNumber:
            if kind == .optionalNumber, text == "none" { return .json(.null) }
            guard let number = Double(text), number.isFinite else { throw ValidationError("\(key) takes a number, not '\(text)'") }
            return .json(.double(number))
        case .boolean:
            guard let flag = Bool(text) else { throw ValidationError("\(key) takes true or false, not '\(text)'") }
            return .json(.bool(flag))
        case .templateFile:
            let url = URL(fileURLWithPath: text, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
            guard let contents = try? String(contentsOf: url, encoding: .utf8) else {
                let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read as UTF-8 text" : "does not exist"
                let literal = key.hasPrefix("-") ? "" : " (template-text=… gives the text itself)"
                throw ValidationError("the template file \(text) \(reason)\(literal)")
            }
            return .json(.string(contents))
        case .metrics:
            return .metrics(try MetricArgument.specs(text, directory: directory))
        }
    }
}

/// Metrics named on the command line: `exact,rouge` (names) or `@metrics.json` (metric specs as
/// JSON, as runs store them: `[{"name": "exact_ci", "kind": "exact", "options": {"ignore_case": true}}]`).
enum MetricArgument {
    /// The specs a `--metric` or `metrics=` value names.
    ///
    /// - Throws: `ValidationError` naming an unknown metric (with a did-you-mean) or a bad file.
    static func specs(_ text: String, directory: String = FileManager.default.currentDirectoryPath) throws -> [MetricSpec] {
        if text.hasPrefix("@") { return try fromFile(String(text.dropFirst()), directory: directory) }
        var specs: [MetricSpec] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let spec = MetricSpec(named: name) else {
                let hint = Suggestion.didYouMean(name, among: MetricSpec.names).map { " (\($0))" } ?? ""
                throw ValidationError("no metric is named '\(name)'\(hint); metrics: \(MetricSpec.names.filter { $0 != "regex" }.joined(separator: ", ")), or @FILE.json for metric specs")
            }
            specs.append(spec)
        }
        guard !specs.isEmpty else { throw ValidationError("name at least one metric, e.g. exact,rouge") }
        return specs
    }

    static func fromFile(_ path: String, directory: String) throws -> [MetricSpec] {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ValidationError("the metric file \(path) does not exist")
        }
        let json: JSONValue
        do { json = try JSONValue.parse(String(decoding: data, as: UTF8.self)) } catch {
            throw ValidationError("\(path) is not JSON: \(error)")
        }
        let entries: [JSONValue] = if case .array(let items) = json { items } else { [json] }
        var specs: [MetricSpec] = []
        for entry in entries {
            let spec: MetricSpec
            do { spec = try MetricSpec(json: entry) } catch { throw ValidationError("\(path): \(error.message)") }
            if case .lambda = spec.kind {
                throw ValidationError("\(path): metric '\(spec.name)' is a lambda; lambdas are written in the language (a pipeline in assay.init), not given on the command line")
            }
            specs.append(spec)
        }
        return specs
    }
}
