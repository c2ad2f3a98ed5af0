/// An error raised while opening or reading a safetensors file.
///
/// The message names the file or tensor concerned and what was wrong with it.
public struct SafeTensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; closed so that every case has a message.
    package enum Reason: Equatable, Sendable {
        case fileNotFound(path: String)
        case unreadableFile(path: String, systemError: Int32)
        case fileTooShort(path: String, size: Int)
        case headerLengthOutOfRange(path: String, headerLength: UInt64, fileSize: Int)
        case malformedHeader(path: String, detail: String)
        case invalidTensorEntry(name: String, detail: String)
        case tensorNotFound(name: String, path: String)
        case unsupportedDataType(name: String, dataType: String)
    }

    /// The specific failure.
    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    /// A human-readable explanation that names the file or tensor.
    public var description: String {
        switch reason {
        case .fileNotFound(let path):
            return "safetensors file not found: \(path)"
        case .unreadableFile(let path, let systemError):
            return "cannot read safetensors file \(path) (errno \(systemError))"
        case .fileTooShort(let path, let size):
            return "\(path) is \(size) bytes long; a safetensors file starts with an 8-byte header length"
        case .headerLengthOutOfRange(let path, let headerLength, let fileSize):
            return "\(path) declares a \(headerLength)-byte header but the file has only \(fileSize) bytes"
        case .malformedHeader(let path, let detail):
            return "\(path) has a malformed safetensors header: \(detail)"
        case .invalidTensorEntry(let name, let detail):
            return "tensor '\(name)' has an invalid header entry: \(detail)"
        case .tensorNotFound(let name, let path):
            return "tensor '\(name)' is not in \(path)"
        case .unsupportedDataType(let name, let dataType):
            return "tensor '\(name)' has data type \(dataType); only F32 and F16 can be read as Float"
        }
    }
}
