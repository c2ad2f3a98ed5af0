// libFuzzer entry point of the `config` target: reading `models.json` and `.credentials.json` on
// arbitrary text, each input read as both. A read must end in entries, or in an error placed inside
// the file; and no message may show a key written in the file (a `key` member of an entry, or any
// value of the credentials).

import AssayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lineCount = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
    let keys = writtenKeys(in: text)

    func check(_ error: ModelConfigurationError, path: String) {
        precondition(error.path == path, "the error names \(error.path ?? "no file"), not \(path)")
        if let line = error.line {
            precondition((1...lineCount).contains(line), "error at line \(line) of \(lineCount): \(error)")
        }
        let shown = error.message + "\n" + (error.hint ?? "")
        for key in keys {
            precondition(!shown.contains(key), "the message shows a key: \(error)")
        }
    }

    do {
        let file = try ModelsFile.parse(text, path: "/fuzz/models.json")
        precondition(Set(file.entries.map(\.name) + file.encoders.map(\.name)).count == file.entries.count + file.encoders.count,
                     "two entries share a name")
        precondition(file.entries.allSatisfy { $0.source?.path == "/fuzz/models.json" }, "an entry without its place")
    } catch {
        check(error, path: "/fuzz/models.json")
    }
    do {
        let credentials = try CredentialsFile.parse(text, path: "/fuzz/.credentials.json")
        precondition(credentials.values.allSatisfy { "\($0)" == "<redacted>" }, "a key that prints")
    } catch {
        check(error, path: "/fuzz/.credentials.json")
    }
    return 0
}

/// The keys the text writes, when it is JSON: the `key` members of a list's objects, and every
/// string value of an object. Only those that look like keys are kept (8 characters or more, a digit
/// among them, not also a name in the file): shorter or wordy ones may be words of a message or of
/// its hint, which lists the fields an entry may have.
private func writtenKeys(in text: String) -> [String] {
    let names: Set<String>
    let keys: [String]
    switch try? JSONValue.parse(text) {
    case .array(let entries)?:
        let objects = entries.compactMap(\.objectValue)
        names = Set(objects.flatMap { object in object.map(\.key) + object.filter { $0.key != "key" }.compactMap(\.value.stringValue) })
        keys = objects.compactMap { $0["key"]?.stringValue }
    case .object(let object)?:
        names = Set(object.map(\.key))
        keys = object.compactMap { $0.value.stringValue }
    default:
        return []
    }
    return keys.filter { $0.count >= 8 && !names.contains($0) && $0.contains(where: \.isNumber) }
}
