import AssayCore

extension ModelCatalog {
    /// The model a stored run (or judge) used, made again from its stored descriptor: a configured
    /// entry or built-in mock by name with the stored parameters and price, a mock with its stored
    /// rate, and a `field:` model (what `score(…)` runs use) from the field it names.
    ///
    /// - Parameter descriptor: The descriptor as a run stores it (``RunRecord/model``).
    /// - Returns: A model whose descriptor is the stored one, as far as the catalog still has it.
    /// - Throws: ``ModelConfigurationError`` when the name is no longer in the catalog (with a
    ///   suggestion) or a key is missing.
    public func model(restoring descriptor: JSONValue) throws(ModelConfigurationError) -> any ChatModel {
        let object = descriptor.objectValue ?? [:]
        let name = object["name"]?.stringValue ?? ""
        let provider = object["provider"]?.stringValue
        if provider == "field", let field = object["model"]?.stringValue {
            return FieldModel(field: field)
        }
        let parameters = ConfigurationCoding.parameters(from: object["parameters"])
        let price = ConfigurationCoding.price(from: object["price"])
        let rate = provider == "mock" ? object["model"]?.stringValue.flatMap(MockChatModel.storedRate(in:)) : nil
        return try model(name, overriding: parameters, rate: rate, price: price)
    }
}

extension MockChatModel {
    /// The rate a mock's stored `model` text names (`flakey(rate: 0.5, seed: 0)`), if any.
    static func storedRate(in model: String) -> Double? {
        guard let start = model.range(of: "(rate: ")?.upperBound,
              let end = model[start...].firstIndex(where: { $0 == "," || $0 == ")" }) else { return nil }
        return Double(model[start..<end])
    }
}
