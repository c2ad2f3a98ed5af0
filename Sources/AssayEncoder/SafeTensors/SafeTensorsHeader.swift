import Foundation

/// The decoded JSON header of a safetensors file: tensor entries and free-form metadata.
struct SafeTensorsHeader {
    /// The tensor entries keyed by name.
    let tensors: [String: SafeTensorDescriptor]
    /// The optional `__metadata__` string map.
    let metadata: [String: String]

    /// Decodes and validates a header against the size of the data section that follows it.
    ///
    /// - Parameters:
    ///   - json: The header bytes.
    ///   - dataSize: The number of bytes after the header.
    ///   - path: The file path, for messages.
    /// - Throws: `SafeTensorsError` when the JSON is not a header or an entry is inconsistent.
    init(json: Data, dataSize: Int, path: String) throws {
        let raw: RawHeader
        do {
            raw = try JSONDecoder().decode(RawHeader.self, from: json)
        } catch let error as SafeTensorsError {
            throw error
        } catch {
            throw SafeTensorsError(.malformedHeader(path: path, detail: Self.summary(of: error)))
        }
        var tensors: [String: SafeTensorDescriptor] = [:]
        for (name, entry) in raw.entries {
            tensors[name] = try Self.validate(entry, name: name, dataSize: dataSize)
        }
        self.tensors = tensors
        self.metadata = raw.metadata
    }

    private static func validate(_ entry: RawEntry, name: String, dataSize: Int) throws -> SafeTensorDescriptor {
        func invalid(_ detail: String) -> SafeTensorsError {
            SafeTensorsError(.invalidTensorEntry(name: name, detail: detail))
        }
        guard entry.offsets.count == 2 else {
            throw invalid("data_offsets must hold two numbers, found \(entry.offsets.count)")
        }
        let (begin, end) = (entry.offsets[0], entry.offsets[1])
        guard begin >= 0, begin <= end, end <= dataSize else {
            throw invalid("data_offsets [\(begin), \(end)] lie outside the \(dataSize)-byte data section")
        }
        var elementCount = 1
        for dimension in entry.shape {
            guard dimension >= 0 else { throw invalid("negative dimension \(dimension) in shape \(entry.shape)") }
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw invalid("shape \(entry.shape) is too large") }
            elementCount = product
        }
        // Sizes are checked only for the types the format defines; an unknown type fails when read.
        if let elementSize = SafeTensorDescriptor.elementSizes[entry.dtype] {
            let (expected, overflow) = elementCount.multipliedReportingOverflow(by: elementSize)
            guard !overflow, expected == end - begin else {
                throw invalid("shape \(entry.shape) of \(entry.dtype) needs \(elementCount * elementSize) bytes, data_offsets span \(end - begin)")
            }
        }
        return SafeTensorDescriptor(name: name, dataType: entry.dtype, shape: entry.shape, byteRange: begin..<end)
    }

    private static func summary(of error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON (\(context.debugDescription))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context.codingPath))"
        default:
            return String(describing: error)
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "top level" : codingPath.map(\.stringValue).joined(separator: ".")
    }
}

/// The header as JSON: an object of tensor entries plus an optional `__metadata__` entry.
private struct RawHeader: Decodable {
    let entries: [String: RawEntry]
    let metadata: [String: String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        var entries: [String: RawEntry] = [:]
        var metadata: [String: String] = [:]
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries[key.stringValue] = try container.decode(RawEntry.self, forKey: key)
            }
        }
        self.entries = entries
        self.metadata = metadata
    }
}

/// One tensor entry as JSON.
private struct RawEntry: Decodable {
    let dtype: String
    let shape: [Int]
    let offsets: [Int]

    enum CodingKeys: String, CodingKey {
        case dtype, shape
        case offsets = "data_offsets"
    }
}

/// A coding key for objects whose keys are data, such as tensor names.
private struct DynamicKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        return nil
    }
}
