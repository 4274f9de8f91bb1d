package repl

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"xepl/internal/rawxml"
	"xepl/internal/render"
	"xepl/internal/session"
	"xepl/internal/termsafe"
)

// printer writes everything the shell shows: it is the one door to the
// screen. It is safe for concurrent use: stanzas arrive from the session
// while a command prints. Every secret is masked here, once, before
// anything is written, and every text is made safe for the terminal
// (termsafe) before the printer adds its own colours: bytes from a
// server or a file can neither move the cursor, nor set the title, nor
// reorder a line.
type printer struct {
	mu   sync.Mutex
	out  io.Writer
	err  io.Writer
	hl   *render.Highlighter // nil for plain output
	wire atomic.Bool

	// On a terminal, prompt is the line editor's writer, which clears the
	// prompt, prints, and draws the prompt again with what was typed. It
	// is used only while the prompt is shown (atPrompt); while a command
	// runs, output goes straight to out.
	prompt   io.Writer
	atPrompt atomic.Bool

	secrets secrets
	// terse prints one line per stanza instead of its XML (verbose off).
	terse atomic.Bool
	// width, on a terminal, is its width now (it follows resizes): the
	// printer's own lines are wrapped to it (fitWidth), and XML's wide
	// start tags are broken between attributes (render.TagWrapper); what
	// a record or log keeps is not. nil or 0: no wrapping.
	width func() int
	// sinks get what is shown, plain: record and log to.
	sinks sinks
}

// tagWrapper returns a TagWrapper for the terminal's width now, or nil
// when output is not a terminal.
func (p *printer) tagWrapper() *render.TagWrapper {
	if p.width == nil {
		return nil
	}
	if w := p.width(); w > 0 {
		return render.NewTagWrapper(w)
	}
	return nil
}

// forScreen is indented XML with its wide start tags broken for the
// terminal (see tagWrapper), or as it is off a terminal; the text given
// is kept as it is, for a record or log.
func (p *printer) forScreen(pretty []byte) []byte {
	if wrap := p.tagWrapper(); wrap != nil {
		return wrap.Wrap(nil, pretty)
	}
	return pretty
}

// fit wraps s to the terminal's width.
func (p *printer) fit(s string) string {
	if p.width == nil {
		return s
	}
	return fitWidth(s, p.width())
}

// ANSI attributes for the lines around stanzas.
const (
	ansiDim   = "\x1b[2m"
	ansiRed   = "\x1b[31m"
	ansiReset = "\x1b[0m"
)

func (p *printer) write(w io.Writer, b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.prompt != nil && p.atPrompt.Load() {
		w = p.prompt
	}
	w.Write(b)
}

// safeText makes text safe for the terminal once: text xepl put together
// (an error quoting a server's bytes escaped, say) that is safe already is
// left as it is, so that its escapes are not escaped again.
func safeText(s string) string {
	if termsafe.Safe(s) {
		return s
	}
	return termsafe.String(s)
}

// clearScreen clears a terminal; elsewhere it does nothing.
func (p *printer) clearScreen() {
	if p.prompt != nil {
		p.write(p.out, []byte("\x1b[H\x1b[2J"))
	}
}

// say prints an informational line.
func (p *printer) say(format string, a ...any) {
	s := safeText(fmt.Sprintf(format, a...))
	p.sinks.add(shown{kind: shownText, text: s})
	p.write(p.out, []byte(p.fit(s)+"\n"))
}

// text prints a block as it is, made safe for the terminal.
func (p *printer) text(s string) {
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	s = safeText(s)
	p.sinks.add(shown{kind: shownText, text: s})
	p.write(p.out, []byte(p.fit(s)))
}

// verbatim prints a block made safe for the terminal but not wrapped: a
// command or configuration to paste, whose lines must stay whole.
func (p *printer) verbatim(s string) {
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	s = safeText(s)
	p.sinks.add(shown{kind: shownText, text: s})
	p.write(p.out, []byte(s))
}

// echo prints a line as if typed at the prompt (a lesson's lines): on
// screen only, since a transcript writes each command as it runs.
func (p *printer) echo(s string) {
	p.write(p.out, []byte(p.fit(safeText(s))+"\n"))
}

// prose prints a heading and a paragraph of explanation (a lesson's
// step): a transcript writes them as a heading and prose.
func (p *printer) prose(heading, text string) {
	heading, text = safeText(heading), safeText(text)
	p.sinks.add(shown{kind: shownProse, text: heading, xml: text})
	p.write(p.out, []byte(p.fit("\n"+heading+"\n"+text)+"\n"))
}

// fail prints an error. Errors are xepl's own words, and the parts of
// them that came from a server are masked where they are put together
// (see Shell.maskServerText).
func (p *printer) fail(err error) {
	var where string
	if l, ok := err.(located); ok {
		where, err = l.where+": ", l.err
	}
	where, text := safeText(where), safeText(err.Error())
	p.sinks.add(shown{kind: shownError, text: where + "error: " + text})
	msg := p.fit(where+"error: "+text) + "\n"
	if p.hl != nil {
		msg = strings.Replace(msg, "error:", ansiRed+"error:"+ansiReset, 1)
	}
	p.write(p.err, []byte(msg))
}

// located is an error of a script, with where it happened: FILE:LINE, or
// FILE:LINE:COLUMN for malformed XML.
type located struct {
	where string
	err   error
}

func (l located) Error() string { return l.where + ": " + l.err.Error() }
func (l located) Unwrap() error { return l.err }

// note prints a label line, dimmed on a colour terminal.
func (p *printer) label(b *bytes.Buffer, s string) {
	s = p.fit(safeText(s))
	if p.hl != nil {
		b.WriteString(ansiDim + s + ansiReset + "\n")
		return
	}
	b.WriteString(s + "\n")
}

// stanza prints a label line, then an element, secrets masked, indented
// and highlighted (or nothing more with verbose off), then the notes on
// its namespaces and errors, then extra notes. The element is parsed once
// for all of that.
func (p *printer) stanza(label string, raw []byte, extra ...string) {
	p.stanzaHinted(label, raw, nil, extra...)
}

// stanzaHinted is stanza for a reply to a template whose errors mean
// something of their own there: hints, by condition, replace the
// condition's general advice.
func (p *printer) stanzaHinted(label string, raw []byte, hints map[string]string, extra ...string) {
	// Made safe before it is parsed: the indented, highlighted text and
	// the notes drawn from it are safe then too.
	masked := termsafe.Bytes(p.secrets.stanza(raw))
	terse := p.terse.Load()
	// The notes need only an outline; a big reply is indented without
	// a tree (or not at all, with verbose off).
	parse := render.ParseToShow
	if terse {
		parse = render.ParseOutline
	}
	doc, err := parse(masked)
	var head, tail bytes.Buffer
	p.label(&head, label)
	kept := shown{kind: shownStanza, text: safeText(label)}
	// A big reply read quickly is indented as it is written (Show), and
	// its indented text is held whole only for a record or log to keep.
	streamed := !terse && err == nil && len(masked) >= streamMin && doc.Streamed() && !p.sinks.open()
	var pretty []byte
	if !terse && !streamed {
		if err == nil {
			pretty, err = doc.Indent()
		}
		if err != nil {
			pretty = masked
		}
		pretty = bytes.TrimRight(pretty, "\n")
		kept.pretty = pretty
		// Only XML that was read is broken for the screen: bytes shown
		// as they came (not XML) are left as they came.
		if err == nil {
			pretty = p.forScreen(pretty)
		}
	}
	var notes []string
	if doc != nil {
		notes = notesFor(doc.Root(), terse, hints)
	}
	for _, n := range append(notes, extra...) {
		p.label(&tail, "  "+n)
		kept.notes = append(kept.notes, safeText(n))
	}
	p.sinks.add(kept)
	if streamed {
		p.writeShown(head.Bytes(), doc, tail.Bytes())
		return
	}
	p.writeStanza(head.Bytes(), pretty, !terse, tail.Bytes())
}

// streamMin is the size of XML from which writeStanza writes it to the
// terminal as it is highlighted, rather than whole with its label and
// notes: the highlighted text of a big reply is several times the reply,
// and growing a buffer to hold it costs time and memory.
const streamMin = 64 << 10

// writeStanza writes a stanza's label, its XML when showXML, highlighted
// on a colour terminal, and its notes. It writes them at once, except
// big XML while no prompt is shown: the line editor's writer redraws the
// prompt after each write, and must be given whole lines.
func (p *printer) writeStanza(head, pretty []byte, showXML bool, tail []byte) {
	if !showXML || len(pretty) < streamMin {
		// Highlighted before the lock is taken: a session's arrivals and
		// a command's output need not wait on each other's highlighting.
		p.write(p.out, p.stanzaBytes(head, pretty, showXML, tail))
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.prompt != nil && p.atPrompt.Load() {
		p.prompt.Write(p.stanzaBytes(head, pretty, showXML, tail))
		return
	}
	// A failed write leaves nothing to do: the terminal has gone.
	p.out.Write(head)
	if p.hl == nil {
		p.out.Write(pretty)
	} else {
		p.hl.Highlight(p.out, pretty)
	}
	p.out.Write(append([]byte("\n"), tail...))
}

// writeShown is writeStanza for a big stanza whose indented text doc
// writes as it makes it (render.Document.Show): at the prompt it is made
// whole, as writeStanza writes it.
func (p *printer) writeShown(head []byte, doc *render.Document, tail []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.prompt != nil && p.atPrompt.Load() {
		pretty, _ := doc.Indent() // a stanza read quickly has no error to give
		p.prompt.Write(p.stanzaBytes(head, p.forScreen(pretty), true, tail))
		return
	}
	// A failed write leaves nothing to do: the terminal has gone.
	p.out.Write(head)
	doc.Show(p.out, p.hl, p.tagWrapper())
	p.out.Write(append([]byte("\n"), tail...))
}

// stanzaBytes is a stanza's label, its XML when showXML, and its notes,
// as one write.
func (p *printer) stanzaBytes(head, pretty []byte, showXML bool, tail []byte) []byte {
	var b bytes.Buffer
	b.Write(head)
	if showXML {
		p.xml(&b, pretty)
	}
	b.Write(tail)
	return b.Bytes()
}

// xml writes indented XML, highlighted on a colour terminal.
func (p *printer) xml(b *bytes.Buffer, pretty []byte) {
	pretty = bytes.TrimRight(pretty, "\n")
	if p.hl == nil {
		b.Write(pretty)
	} else if err := p.hl.Highlight(b, pretty); err != nil {
		b.Write(pretty)
	}
	b.WriteString("\n")
}

// wireUnit prints one unit of the raw stream, secrets masked, with its
// time and direction in the C:/S: notation of the RFCs.
func (p *printer) wireUnit(u session.WireUnit) {
	who := "S:"
	if u.Dir == session.Out {
		who = "C:"
	}
	head := u.Time.Format("15:04:05.000") + " " + who + " "
	var body string
	switch u.Kind {
	case rawxml.KindWhitespace:
		body = fmt.Sprintf("(whitespace, %d bytes)", len(u.Raw))
	case rawxml.KindJunk:
		body = fmt.Sprintf("(%d bytes that are not XML: %s)", len(u.Raw), termsafe.Bytes(p.secrets.stanza(u.Raw)))
	default:
		// Masked as it stands alone (its namespaces known), shown as it
		// came.
		body = string(termsafe.Bytes(u.WithoutAdded(p.secrets.stanza(u.Raw))))
	}
	p.sinks.add(shown{kind: shownWire, text: head + body})
	var b bytes.Buffer
	if p.hl != nil {
		b.WriteString(ansiDim + head + ansiReset + body + "\n")
	} else {
		b.WriteString(head + body + "\n")
	}
	p.write(p.out, b.Bytes())
}
