import Foundation

/// A value bound to a store statement or read from a store row: the types both of the store's
/// databases (SQLite and PostgreSQL) hold, and the one vocabulary between the store's SQL and its
/// drivers.
enum StoreValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value the store binds and reads back.
protocol StoreValueConvertible {
    /// The value as the store holds it.
    var storeValue: StoreValue { get }
    /// The Swift value of a stored one; nil when the stored value is NULL or of another kind.
    static func decode(_ value: StoreValue) -> Self?
}

extension String: StoreValueConvertible {
    var storeValue: StoreValue { .text(self) }
    static func decode(_ value: StoreValue) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }
}

extension Int64: StoreValueConvertible {
    var storeValue: StoreValue { .integer(self) }
    static func decode(_ value: StoreValue) -> Int64? {
        switch value {
        case .integer(let integer): integer
        // A whole number stored as a real (SQLite's REAL affinity, a PostgreSQL numeric) reads back.
        case .real(let real): Int64(exactly: real)
        default: nil
        }
    }
}

extension Int: StoreValueConvertible {
    var storeValue: StoreValue { .integer(Int64(self)) }
    static func decode(_ value: StoreValue) -> Int? { Int64.decode(value).flatMap { Int(exactly: $0) } }
}

extension Double: StoreValueConvertible {
    var storeValue: StoreValue { .real(self) }
    static func decode(_ value: StoreValue) -> Double? {
        switch value {
        case .real(let real): real
        case .integer(let integer): Double(integer)
        default: nil
        }
    }
}

/// Booleans are stored as the integers 0 and 1 in both databases (SQLite has no boolean type);
/// PostgreSQL's own booleans (`EXISTS (…)`) reach the store as those integers too.
extension Bool: StoreValueConvertible {
    var storeValue: StoreValue { .integer(self ? 1 : 0) }
    static func decode(_ value: StoreValue) -> Bool? { Int64.decode(value).map { $0 != 0 } }
}

extension Data: StoreValueConvertible {
    var storeValue: StoreValue { .blob(self) }
    static func decode(_ value: StoreValue) -> Data? {
        if case .blob(let data) = value { return data }
        return nil
    }
}

/// Dates are stored as UTC text, `yyyy-MM-dd HH:mm:ss.SSS`, in both databases: the form earlier
/// versions of the SQLite store wrote (so their stores read unchanged), and one that sorts as text
/// in the order of time.
extension Date: StoreValueConvertible {
    var storeValue: StoreValue { .text(StoreDateText.text(self)) }
    static func decode(_ value: StoreValue) -> Date? {
        if case .text(let text) = value { return StoreDateText.date(text) }
        return nil
    }
}

/// The arguments of a statement, in the order of its `?` placeholders.
struct StoreArguments: ExpressibleByArrayLiteral, Sendable {
    var values: [StoreValue]

    init(_ values: [StoreValue] = []) { self.values = values }

    init(_ values: [some StoreValueConvertible]) { self.values = values.map(\.storeValue) }

    init(arrayLiteral elements: (any StoreValueConvertible)?...) {
        values = elements.map { $0?.storeValue ?? .null }
    }

    static func + (lhs: StoreArguments, rhs: StoreArguments) -> StoreArguments {
        StoreArguments(lhs.values + rhs.values)
    }

    static func += (lhs: inout StoreArguments, rhs: StoreArguments) { lhs.values += rhs.values }
}
