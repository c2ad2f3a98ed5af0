import Foundation

extension JSON: Decodable {
    /// Parses UTF-8 JSON text; Foundation's parser rejects NaN, Infinity and trailing garbage.
    ///
    /// - Throws: `DecodingError` when the bytes are not one JSON value.
    package init(parsing bytes: Data) throws {
        self = try JSONDecoder().decode(JSON.self, from: bytes)
    }

    /// Reads a value from a decoder, trying the kinds of JSON value in turn.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode([String: JSON].self) {
            self = .object(value)
        } else {
            self = .array(try container.decode([JSON].self))
        }
    }
}
