import AssaySession
import CEditLine
import Glibc

// libedit calls these C functions; each finds its `LineEditor` through EL_CLIENTDATA, so none
// captures anything or touches global state.

/// libedit's prompt function.
func editorPrompt(_ editLine: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    LineEditor.owning(editLine)?.prompt
}

/// libedit's character reader (EL_GETCFN).
func editorReadCharacter(_ editLine: OpaquePointer?, _ character: UnsafeMutablePointer<wchar_t>?) -> Int32 {
    guard let editor = LineEditor.owning(editLine), let character else { return -1 }
    return editor.readCharacter(into: character)
}

/// The `assay-complete` editor function, bound to Tab.
func editorComplete(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let editor = LineEditor.owning(editLine) else { return UInt8(CC_ERROR) }
    return editor.completeAtCursor()
}

/// The `assay-abandon` editor function, bound to Ctrl-C.
func editorAbandon(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let editor = LineEditor.owning(editLine) else { return UInt8(CC_ERROR) }
    return editor.abandonLine()
}

extension LineEditor {
    /// The editor registered as libedit's client data.
    static func owning(_ editLine: OpaquePointer?) -> LineEditor? {
        guard let editLine, let data = assay_el_get_client_data(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Waits for a key or a relayed signal and decodes one character.
    ///
    /// A Ctrl-C that arrives as SIGINT is turned into the Ctrl-C key, so it reaches `assay-abandon`
    /// like any other key. Returns 1 for a character, 0 at the end of input, -1 on an error.
    func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
            if let signals {
                descriptors.append(pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0))
            }
            if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if descriptors.count > 1, descriptors[1].revents != 0, let notices = signals?.drain() {
                if notices.contains(.resume) {
                    // Back from Ctrl-Z: the parent shell may have changed the terminal's modes.
                    _ = assay_el_prepare_terminal(editLine, 0)
                    _ = assay_el_prepare_terminal(editLine, 1)
                    _ = assay_el_refresh(editLine)
                }
                if notices.contains(.resize) {
                    el_resize(editLine)
                }
                if notices.contains(.interrupt) {
                    decoder = mbstate_t()
                    character.pointee = 3
                    return 1
                }
                continue
            }
            guard descriptors[0].revents != 0 else { continue }
            var byte: CChar = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 0 { return 0 }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            var wide: wchar_t = 0
            switch mbrtowc(&wide, &byte, 1, &decoder) {
            case -2:
                continue  // The middle of a multibyte character.
            case -1:
                decoder = mbstate_t()  // Not valid in this encoding: dropped.
                continue
            default:
                character.pointee = wide
                return 1
            }
        }
    }

    /// Ctrl-C: moves the cursor to the end of the line (so that `^C` is printed after it), then
    /// ends the read with the line marked abandoned.
    func abandonLine() -> UInt8 {
        if !isAbandoning, let info = el_line(editLine)?.pointee, let cursor = info.cursor, let end = info.lastchar {
            isAbandoning = true
            if cursor < end {
                // Counted in characters, not bytes: libedit edits wide characters.
                let remaining = String(decoding: UnsafeRawBufferPointer(start: cursor, count: cursor.distance(to: end)), as: UTF8.self)
                _ = el_cursor(editLine, Int32(remaining.unicodeScalars.count))
                // Run this function again after the cursor has been redrawn.
                el_push(editLine, "\u{3}")
                return UInt8(CC_CURSOR)
            }
        }
        wasAbandoned = true
        return UInt8(CC_NEWLINE)
    }

    /// Tab: indents in a continuation line, else completes from the session, inserting the single
    /// match or the common prefix and listing the matches when there are several.
    func completeAtCursor() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer, let cursorPointer = info.cursor,
            let endPointer = info.lastchar
        else { return UInt8(CC_ERROR) }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: buffer.distance(to: endPointer))
        let line = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        let before = String(decoding: bytes.prefix(buffer.distance(to: cursorPointer)), as: UTF8.self)
        if !pendingText.isEmpty, before.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) {
            _ = el_insertstr(editLine, "    ")
            return UInt8(CC_REFRESH)
        }

        let context = pendingText.isEmpty ? "" : pendingText + "\n"
        let lineStart = context.unicodeScalars.count
        let cursor = before.unicodeScalars.count
        var code = context
        code.unicodeScalars.append(contentsOf: line)
        let result = completer(code, lineStart + cursor)
        guard !result.matches.isEmpty else { return UInt8(CC_REFRESH_BEEP) }

        // Only the current line can be edited: clamp the replaced range to it.
        let start = min(max(result.start - lineStart, 0), cursor)
        let end = min(max(result.end - lineStart, cursor), line.count)
        var typed = ""
        typed.unicodeScalars.append(contentsOf: line[start..<end])
        let listing = CompletionListing(matches: result.matches, typed: typed)
        if let replacement = listing.replacement {
            _ = el_cursor(editLine, Int32(end - cursor))
            el_deletestr(editLine, Int32(end - start))
            _ = el_insertstr(editLine, replacement)
        }
        guard !listing.shownMatches.isEmpty else { return UInt8(CC_REFRESH) }
        let columns = Int(assay_el_get_columns(editLine))
        let rows = CompletionListing.columns(listing.shownMatches, width: columns > 0 ? columns : 80)
        writeToTerminal("\n" + rows.joined(separator: "\n") + "\n")
        // Redraws the prompt and the line below the list.
        return UInt8(CC_REDISPLAY)
    }
}
