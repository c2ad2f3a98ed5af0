extension JSONValue {
    /// The value as text for comparing, scoring and showing: a string as it is, any other value
    /// as compact JSON (`42`, `["a","b"]`).
    public var text: String {
        stringValue ?? serialized()
    }
}
