import AssayCore
import Foundation

extension JSONValue {
    /// Parses one JSON value from received bytes.
    ///
    /// - Throws: ``JSONSyntaxError`` when the bytes are not UTF-8 or not one JSON value (NaN,
    ///   Infinity and trailing text included).
    package init(parsing bytes: Data) throws(JSONSyntaxError) {
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw JSONSyntaxError(message: "the bytes are not UTF-8", offset: 0, line: 1, column: 1)
        }
        self = try JSONValue.parse(text)
    }

    /// The compact UTF-8 text the kernel sends: keys in the order of the object (a request's
    /// header goes back as received), non-finite numbers as `null`.
    package var wireBytes: Data {
        Data(serialized().utf8)
    }

    /// An integer field as clients send it: an integer, or a double without a fraction.
    package var protocolInt: Int? {
        switch self {
        case .int(let value): value
        case .double(let value) where value.rounded() == value && abs(value) < 1e15: Int(value)
        default: nil
        }
    }
}
