import AssayCore
import Testing
@testable import AssayEvaluation

@Suite("Rendering templates")
struct TemplateRenderingTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let id: String
        let template: String
        let fields: JSONObject
        let expected: String
        var testDescription: String { id }
    }

    static let fields: JSONObject = [
        "id": "c1",
        "input": "What is on the menu?",
        "labels": ["pizza", "pasta", "salad"],
        "meta": ["x": "ex", "level": 2, "note": nil],
        "examples": [["q": "2+2", "a": "4"], ["q": "3+3", "a": "6"]],
        "n": 3, "ratio": 0.5, "whole": 2.0, "yes": true, "no": false, "nothing": nil,
        "tags": ["hard", "menu"],
    ]

    @Test("renders", arguments: [
        Example(id: "a variable", template: "Q: {{ input }}", fields: fields, expected: "Q: What is on the menu?"),
        Example(id: "values are never re-rendered", template: "Q: {{ input }}", fields: ["input": "{{ evil }}"],
                expected: "Q: {{ evil }}"),
        Example(id: "tags in values stay literal", template: "{{ a }}|{{ b }}",
                fields: ["a": "{% if x %}y{% endif %}", "b": "{# c #} {%"], expected: "{% if x %}y{% endif %}|{# c #} {%"),
        Example(id: "no HTML escaping", template: "{{ input }}", fields: ["input": "<b>&\"'</b>"], expected: "<b>&\"'</b>"),
        Example(id: "a nested path through case", template: "{{ case.meta.x }}", fields: fields, expected: "ex"),
        Example(id: "a nested path", template: "{{ meta.x }}-{{ meta.level }}", fields: fields, expected: "ex-2"),
        Example(id: "list indices and subscripts", template: #"{{ examples.1.q }} {{ examples[0]["a"] }} {{ labels[-1] }}"#,
                fields: fields, expected: "3+3 4 salad"),
        Example(id: "join with a Jinja call", template: #"{{ labels | join(", ") }}"#, fields: fields, expected: "pizza, pasta, salad"),
        Example(id: "join in Stencil's form", template: #"{{ labels|join:", " }}"#, fields: fields, expected: "pizza, pasta, salad"),
        Example(id: "string escapes in arguments", template: #"{{ labels | join("\n") }}"#, fields: fields, expected: "pizza\npasta\nsalad"),
        Example(id: "a for loop", template: "{% for ex in examples %}Q: {{ ex.q }} A: {{ ex.a }}\n{% endfor %}",
                fields: fields, expected: "Q: 2+2 A: 4\nQ: 3+3 A: 6\n"),
        Example(id: "loop counters", template: "{% for l in labels %}{{ loop.index }}.{{ l }}{% if not loop.last %}, {% endif %}{% endfor %}",
                fields: fields, expected: "1.pizza, 2.pasta, 3.salad"),
        Example(id: "for with else", template: "{% for x in empty %}{{ x }}{% else %}none{% endfor %}",
                fields: ["empty": []], expected: "none"),
        Example(id: "loop over object items", template: "{% for k, v in meta.items() %}{{ k }}={{ v }};{% endfor %}",
                fields: fields, expected: "x=ex;level=2;note=;"),
        Example(id: "a loop filter", template: "{% for l in labels if l != \"pasta\" %}{{ l }} {% endfor %}",
                fields: fields, expected: "pizza salad "),
        Example(id: "nested loops", template: "{% for a in xs %}{% for b in xs %}{{ a }}{{ b }} {% endfor %}{% endfor %}",
                fields: ["xs": [1, 2]], expected: "11 12 21 22 "),
        Example(id: "if, elif and else", template: "{% if n > 5 %}big{% elif n > 2 %}medium{% else %}small{% endif %}",
                fields: fields, expected: "medium"),
        Example(id: "names used only in if tests may be missing",
                template: "{% if hint %}Hint: {{ hint }}{% endif %}{% if meta.missing %}x{% endif %}done",
                fields: fields, expected: "done"),
        Example(id: "default for missing and null values",
                template: #"{{ hint | default("none") }} {{ nothing | default("null") }} {{ meta.nope | d("deep") }} {{ input | default("x") }}"#,
                fields: fields, expected: "none null deep What is on the menu?"),
        Example(id: "upper, lower, length and count",
                template: "{{ input | upper }} {{ input | lower }} {{ labels | length }} {{ input | count }}",
                fields: fields, expected: "WHAT IS ON THE MENU? what is on the menu? 3 20"),
        Example(id: "numbers render as in JSON", template: "{{ n }} {{ ratio }} {{ whole }}", fields: fields, expected: "3 0.5 2.0"),
        Example(id: "Booleans and null", template: "[{{ yes }} {{ no }} {{ nothing }}]", fields: fields, expected: "[true false ]"),
        Example(id: "lists and objects render as compact JSON", template: "{{ labels }} {{ meta }}", fields: fields,
                expected: #"["pizza","pasta","salad"] {"x":"ex","level":2,"note":null}"#),
        Example(id: "membership tests", template: #"{% if "hard" in tags %}H{% endif %}{% if "easy" not in tags %}!E{% endif %}"#,
                fields: fields, expected: "H!E"),
        Example(id: "integers equal doubles", template: "{% if whole == 2 %}eq{% endif %}", fields: fields, expected: "eq"),
        Example(id: "is defined", template: "{{ hint is defined }} {{ input is defined }} {{ nothing is none }}",
                fields: fields, expected: "false true true"),
        Example(id: "conditional expressions", template: #"{{ "yes" if yes else "no" }} {{ "yes" if no else "no" }}"#,
                fields: fields, expected: "yes no"),
        Example(id: "or as a fallback", template: "{{ nickname or input }}", fields: fields, expected: "What is on the menu?"),
        Example(id: "whitespace control", template: "A\n  {%- if yes -%}\n  B\n  {%- endif %}", fields: fields, expected: "AB"),
        Example(id: "raw blocks", template: "{% raw %}{{ not_a_variable }} {% if %}{% endraw %}", fields: [:],
                expected: "{{ not_a_variable }} {% if %}"),
        Example(id: "comments are dropped", template: "a{# note #}b", fields: [:], expected: "ab"),
        Example(id: "lone braces are text", template: #"JSON: {"a": 1} } {"#, fields: [:], expected: #"JSON: {"a": 1} } {"#),
        Example(id: "unicode text and values", template: "→ {{ input }} ✓", fields: ["input": "日本語 😀"], expected: "→ 日本語 😀 ✓"),
        Example(id: "break", template: "{% for l in labels %}{{ l }}{% if loop.index == 2 %}{% break %}{% endif %} {% endfor %}",
                fields: fields, expected: "pizza pasta"),
        Example(id: "a field named like a keyword of Stencil", template: "{{ forloop }}", fields: ["forloop": "f"], expected: "f"),
    ])
    func renders(example: Example) throws {
        let template = try PromptTemplate(text: example.template)
        #expect(try template.renderText(example.fields, caseID: "c1") == example.expected)
    }

    @Test("the README example: a case whose input is {{ evil }} renders literally")
    func evil() throws {
        let template = try PromptTemplate(text: "Q: {{ input }}")
        #expect(try template.renderText(["input": "{{ evil }}"]) == "Q: {{ evil }}")
    }

    @Test("a chat template renders a system and a user message")
    func chat() throws {
        let template = try PromptTemplate(system: "You sort {{ labels | join(\"/\") }}.", user: "Item: {{ input }}")
        let testCase = TestCase(id: "c9", fields: ["input": "apple", "labels": ["fruit", "veg"]])
        #expect(try template.render(testCase) == [
            ChatMessage(role: "system", content: "You sort fruit/veg."),
            ChatMessage(role: "user", content: "Item: apple"),
        ])
        #expect(try PromptTemplate(text: "Hi {{ input }}").render(["input": "x"]) == [ChatMessage(role: "user", content: "Hi x")])
    }

    @Test("a template file loads and renders, with one final line break dropped")
    func file() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("Q: {{ input }}\r\nA:\r\n", to: "prompt.txt")
        let template = try PromptTemplate(contentsOfFile: path)
        #expect(try template.renderText(["input": "x"]) == "Q: x\nA:")
        #expect(template.user == "Q: {{ input }}\nA:")
    }

    @Test("one template renders from many tasks at once")
    func concurrentRendering() async throws {
        let template = try PromptTemplate(text: "{% for l in labels %}{{ l }}-{{ n }};{% endfor %}")
        let results = await withTaskGroup(of: (Int, String?).self) { group in
            for n in 0..<200 {
                group.addTask {
                    (n, try? template.renderText(["labels": ["a", "b"], "n": .int(n)]))
                }
            }
            var results: [Int: String?] = [:]
            for await (n, text) in group { results[n] = text }
            return results
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0.value == "a-\($0.key);b-\($0.key);" })
    }
}
