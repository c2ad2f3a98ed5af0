import AssayCore

/// What a kernel says about itself in `kernel_info_reply`.
package struct KernelInfo: Sendable, Hashable {
    /// The version of Assay, reported as both implementation and language version.
    package var version: String
    /// The banner clients may show.
    package var banner: String

    /// Creates the description of an Assay kernel.
    package init(version: String) {
        self.version = version
        self.banner = "Assay \(version): a workbench for evaluating LLM prompts and models. Type :help for help."
    }

    /// The `language_info` object.
    ///
    /// Highlighting borrows Python's lexer and CodeMirror mode: like Assay, Python has `#`
    /// comments and `"""` strings, which are what a wrong highlighter gets most visibly wrong.
    package var languageInfo: JSONObject {
        [
            "name": "assay",
            "version": .string(version),
            "mimetype": "text/x-assay",
            "file_extension": ".assay",
            "pygments_lexer": "python",
            "codemirror_mode": "python",
        ]
    }

    /// The content of a `kernel_info_reply`.
    package var replyContent: JSONObject {
        [
            "status": "ok",
            "protocol_version": .string(MessageHeader.protocolVersion),
            "implementation": "assay",
            "implementation_version": .string(version),
            "language_info": .object(languageInfo),
            "banner": .string(banner),
            "debugger": false,
            "help_links": [],
        ]
    }
}
