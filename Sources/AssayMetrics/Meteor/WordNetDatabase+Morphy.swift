extension WordNetDatabase {
    /// The base forms WordNet's morphy finds for `form`, as NLTK's `_morphy` returns them.
    ///
    /// If the form is in the exception list, the form and its listed bases that have an
    /// index entry are the answer. Otherwise the detachment rules are applied once, and the
    /// form and the results that have an entry are returned; failing that, the rules are
    /// applied again and again to the previous round's results until a round yields forms
    /// with entries or no forms at all. Duplicates are dropped, keeping first occurrences.
    func morphy(_ form: [UInt8], _ pos: WordNetPartOfSpeech) -> [[UInt8]] {
        let section = section(pos)
        let rules = Self.detachmentRules[pos == .adjectiveSatellite ? .adjective : pos] ?? []

        func inIndex(_ forms: [[UInt8]]) -> [[UInt8]] {
            var seen = Set<[UInt8]>()
            return forms.filter { section.index.contains($0) && seen.insert($0).inserted }
        }

        if let bases = section.exceptions[form] {
            return inIndex([form] + bases)
        }
        var forms = Self.detach(rules, from: [form])
        let found = inIndex([form] + forms)
        if !found.isEmpty {
            return found
        }
        while !forms.isEmpty {
            forms = Self.detach(rules, from: forms)
            let found = inIndex(forms)
            if !found.isEmpty {
                return found
            }
        }
        return []
    }

    /// Applies every rule to every form, in order.
    ///
    /// NLTK keeps duplicates here, which only repeats work: a repeated form yields the
    /// same forms again, later in the list, so dropping repeats changes neither which forms
    /// a round holds nor their first-occurrence order, and it keeps long words from
    /// growing the list exponentially.
    private static func detach(_ rules: [(suffix: [UInt8], ending: [UInt8])], from forms: [[UInt8]]) -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        var result: [[UInt8]] = []
        for form in forms {
            for rule in rules where form.count >= rule.suffix.count
                && form[(form.count - rule.suffix.count)...].elementsEqual(rule.suffix)
            {
                let detached = Array(form.dropLast(rule.suffix.count)) + rule.ending
                if seen.insert(detached).inserted {
                    result.append(detached)
                }
            }
        }
        return result
    }

    /// WordNet's detachment rules (suffix → ending), in NLTK's order.
    private static let detachmentRules: [WordNetPartOfSpeech: [(suffix: [UInt8], ending: [UInt8])]] = {
        let table: [WordNetPartOfSpeech: [(String, String)]] = [
            .noun: [
                ("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"),
                ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"),
            ],
            .verb: [
                ("s", ""), ("ies", "y"), ("es", "e"), ("es", ""),
                ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
            ],
            .adjective: [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
            .adverb: [],
        ]
        return table.mapValues { rules in rules.map { (Array($0.0.utf8), Array($0.1.utf8)) } }
    }()
}
