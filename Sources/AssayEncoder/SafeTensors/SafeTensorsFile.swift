import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A safetensors file mapped into memory, whose tensors are read on demand.
///
/// The layout is an 8-byte little-endian header length, a JSON header describing each tensor
/// (`dtype`, `shape`, `data_offsets`), then the raw little-endian tensor data. The file is mapped
/// with `mmap`, so opening it costs only the header; `floats(named:)` copies one tensor out.
public final class SafeTensorsFile {
    /// The path the file was opened from.
    public let path: String
    /// The tensor entries keyed by name.
    public let tensors: [String: SafeTensorDescriptor]
    /// The free-form `__metadata__` strings of the header (empty when absent).
    public let metadata: [String: String]

    private let mapping: UnsafeRawPointer
    private let mappedLength: Int
    private let dataStart: Int

    /// Maps a safetensors file and decodes its header.
    ///
    /// - Parameter url: The file to open.
    /// - Throws: `SafeTensorsError` when the file is missing, unreadable or has a bad header.
    public init(contentsOf url: URL) throws {
        let path = url.path
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            throw SafeTensorsError(code == ENOENT ? .fileNotFound(path: path) : .unreadableFile(path: path, systemError: code))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SafeTensorsError(.unreadableFile(path: path, systemError: errno))
        }
        let size = Int(status.st_size)
        guard size >= 8 else {
            throw SafeTensorsError(.fileTooShort(path: path, size: size))
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw SafeTensorsError(.unreadableFile(path: path, systemError: errno))
        }
        let base = UnsafeRawPointer(mapped)
        let headerLength = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        guard headerLength <= UInt64(size - 8) else {
            munmap(mapped, size)
            throw SafeTensorsError(.headerLengthOutOfRange(path: path, headerLength: headerLength, fileSize: size))
        }
        let dataStart = 8 + Int(headerLength)
        do {
            let json = Data(bytes: base + 8, count: Int(headerLength))
            let header = try SafeTensorsHeader(json: json, dataSize: size - dataStart, path: path)
            tensors = header.tensors
            metadata = header.metadata
        } catch {
            munmap(mapped, size)
            throw error
        }
        self.mapping = base
        self.mappedLength = size
        self.dataStart = dataStart
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: mapping), mappedLength)
    }

    /// The header entry of a tensor.
    ///
    /// - Parameter name: The tensor's name.
    /// - Returns: Its data type, shape and byte range.
    /// - Throws: `SafeTensorsError` when there is no such tensor.
    public func descriptor(named name: String) throws -> SafeTensorDescriptor {
        guard let descriptor = tensors[name] else {
            throw SafeTensorsError(.tensorNotFound(name: name, path: path))
        }
        return descriptor
    }

    /// A single-precision tensor's values where they lie in the mapping, without a copy.
    ///
    /// The buffer stays valid as long as this file object exists.
    ///
    /// - Parameter name: The tensor's name.
    /// - Returns: The values, or nil when the tensor is not F32 or its data cannot be read in
    ///   place (not aligned to 4 bytes, or a big-endian machine); ``floats(named:)`` then copies it.
    /// - Throws: `SafeTensorsError` when there is no such tensor.
    package func mappedFloats(named name: String) throws -> UnsafeBufferPointer<Float>? {
        let descriptor = try descriptor(named: name)
        let source = mapping + dataStart + descriptor.byteRange.lowerBound
        guard descriptor.dataType == "F32", Int(bitPattern: source) % MemoryLayout<Float>.alignment == 0,
            UInt32(1).littleEndian == 1
        else {
            return nil
        }
        return UnsafeBufferPointer(start: source.assumingMemoryBound(to: Float.self), count: descriptor.elementCount)
    }

    /// Copies a tensor out as 32-bit floats in row-major order, widening F16 values.
    ///
    /// - Parameter name: The tensor's name.
    /// - Returns: `elementCount` values.
    /// - Throws: `SafeTensorsError` when the tensor is missing or neither F32 nor F16.
    public func floats(named name: String) throws -> [Float] {
        let descriptor = try descriptor(named: name)
        let source = mapping + dataStart + descriptor.byteRange.lowerBound
        let count = descriptor.elementCount
        switch descriptor.dataType {
        case "F32":
            return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let bits = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                    buffer[index] = Float(bitPattern: bits)
                }
                initialized = count
            }
        case "F16":
            return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
                    buffer[index] = Float(halfPrecisionBits: bits)
                }
                initialized = count
            }
        default:
            throw SafeTensorsError(.unsupportedDataType(name: name, dataType: descriptor.dataType))
        }
    }
}
