// Package termsafe makes text from the network, or from any file, safe to
// write to a terminal.
//
// A terminal obeys the control characters in what it prints. An ESC
// (U+001B) or a C1 control such as CSI (U+009B) starts a sequence that can
// move the cursor, clear or rewrite what is already on the screen, set the
// window title, or make some terminals answer with bytes that the shell
// then reads as if they had been typed. Bidirectional formatting characters
// drive no terminal, but they reorder what is shown, so that the text a
// person reads is not the text that is there (the "Trojan Source" attack,
// CVE-2021-42574). An XMPP server, and every peer whose stanzas it relays,
// chooses the bytes xepl shows; without this package any of them could
// take over the user's screen.
//
// String, Bytes, Append and AppendString keep printable text, tab and
// newline as they are, and show everything else visibly:
//
//   - a C0 control other than tab and newline (U+0000 to U+001F, carriage
//     return included) and DEL (U+007F) as \x and two lower-case hex
//     digits: "\x1b", "\x0d", "\x7f";
//   - a byte that is not part of valid UTF-8 the same way: "\xff";
//   - a C1 control (U+0080 to U+009F) and a bidirectional formatting
//     character (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
//     U+2069) as its code point between angle brackets: "⟨U+009B⟩",
//     "⟨U+202E⟩".
//
// The output is unambiguous: it can be read back to exactly the input.
// For that, the two characters that start an escape are escaped too, where
// they could be misread:
//
//   - the bracket ⟨ (U+27E8, MATHEMATICAL LEFT ANGLE BRACKET) is always
//     shown as "⟨U+27E8⟩", so every ⟨ in the output starts an escape;
//   - a backslash is doubled when it, with the backslashes right after
//     it, stands before an "x" or before an escaped byte: input `\x1b` (four
//     characters) is shown `\\x1b`, and a backslash followed by ESC
//     `\\\x1b`. So "\x" after an odd number of backslashes is always an
//     escape, and after an even number it is half as many backslashes and
//     a plain x.
//
// Every other backslash is left alone. Doubling them all, as Go and C
// quoting do, would be simpler to state but worse to read: XMPP text is
// full of backslashes that mean something, above all the JID escapes of
// XEP-0106 (juliet\20capulet@example.net, d\27artagnan@example.net), and a
// person reading or copying an address off the screen must see it as it
// was sent. A backslash before "x" is rare in XML, so doubling only there
// costs almost nothing.
//
// Because the output is unambiguous, making it safe is not idempotent:
// `\x1b` made safe twice reads `\\x1b`. Make text safe once, as it goes to
// the terminal. Text that needs no change (nearly all of it) is returned
// as it is, without a copy, in time linear in its length.
//
// Characters that neither drive a terminal nor reorder text are left as
// they are, however odd: U+FFFD, zero-width spaces and joiners, the line
// and paragraph separators U+2028 and U+2029, private-use characters.
package termsafe
