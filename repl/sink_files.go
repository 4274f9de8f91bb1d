package repl

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"xepl/internal/rawxml"
)

// openSinkFile creates a transcript or log file, readable by its owner
// only: it holds what a session showed (secrets masked, but addresses and
// messages as they came).
func openSinkFile(name string) (*os.File, *bufio.Writer, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, nil, err
	}
	return f, bufio.NewWriter(f), nil
}

// plainLog is log to FILE: every line shown, timestamped, without
// colours, as the shell goes on being interactive.
type plainLog struct {
	name string
	f    *os.File
	w    *bufio.Writer
}

func newPlainLog(name string) (*plainLog, error) {
	f, w, err := openSinkFile(name)
	if err != nil {
		return nil, err
	}
	return &plainLog{name: name, f: f, w: w}, nil
}

func (l *plainLog) path() string { return l.name }

func (l *plainLog) close() error {
	l.w.Flush()
	return l.f.Close()
}

const logStamp = "2006-01-02 15:04:05.000"

func (l *plainLog) lines(when time.Time, text string) {
	stamp := when.Format(logStamp) + " "
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		l.w.WriteString(stamp + line + "\n")
	}
}

func (l *plainLog) write(prompt, line string, when time.Time, items []shown) error {
	if line != "" {
		l.lines(when, prompt+line)
	}
	for _, it := range items {
		switch it.kind {
		case shownStanza, shownProse:
			l.lines(it.when, it.text)
			if it.xml != "" {
				l.lines(it.when, it.xml)
			}
			for _, n := range it.notes {
				l.lines(it.when, "  "+n)
			}
		default:
			l.lines(it.when, it.text)
		}
	}
	return l.w.Flush()
}

// markdown is record FILE.md: a transcript that reads well rendered. Each
// command is a console block, each stanza its label, an xml block and its
// notes as a list, errors a quote, other output a text block.
type markdown struct {
	name string
	f    *os.File
	w    *bufio.Writer
}

func newMarkdown(name, title string) (*markdown, error) {
	f, w, err := openSinkFile(name)
	if err != nil {
		return nil, err
	}
	m := &markdown{name: name, f: f, w: w}
	fmt.Fprintf(w, "# %s\n\nRecorded with xepl on %s. Secrets are masked as they were on screen (%s).\n\n",
		mdEscape(title), time.Now().Format("2006-01-02 15:04 MST"), "`"+rawxml.Mask+"`")
	return m, w.Flush()
}

func (m *markdown) path() string { return m.name }

func (m *markdown) close() error {
	fmt.Fprintf(m.w, "\n---\n\nEnd of the recording, %s.\n", time.Now().Format("15:04:05"))
	m.w.Flush()
	return m.f.Close()
}

func (m *markdown) write(prompt, line string, when time.Time, items []shown) error {
	if line != "" {
		m.fence("console", fmt.Sprintf("%s%s", prompt, line))
	}
	var block []string // consecutive text or wire lines, one block
	blockKind := shownText
	flush := func() {
		if len(block) > 0 {
			m.fence("text", strings.Join(block, "\n"))
			block = nil
		}
	}
	for _, it := range items {
		switch it.kind {
		case shownText, shownWire:
			if it.kind != blockKind {
				flush()
				blockKind = it.kind
			}
			block = append(block, strings.TrimRight(it.text, "\n"))
		case shownProse:
			flush()
			m.w.WriteString("### " + mdEscape(it.text) + "\n\n")
			for _, para := range strings.Split(strings.TrimSpace(it.xml), "\n\n") {
				m.w.WriteString(mdEscape(para) + "\n\n")
			}
		case shownError:
			flush()
			for i, l := range strings.Split(strings.TrimRight(it.text, "\n"), "\n") {
				if i == 0 {
					l = "**" + mdEscape(l) + "**"
				} else {
					l = mdEscape(l)
				}
				m.w.WriteString("> " + l + "  \n")
			}
			m.w.WriteString("\n")
		case shownStanza:
			flush()
			m.w.WriteString(mdEscape(it.text) + " *(" + it.when.Format("15:04:05.000") + ")*\n\n")
			if it.xml != "" {
				m.fence("xml", it.xml)
			}
			for _, n := range it.notes {
				m.w.WriteString("- " + mdEscape(strings.TrimSpace(n)) + "\n")
			}
			if len(it.notes) > 0 {
				m.w.WriteString("\n")
			}
		}
	}
	flush()
	return m.w.Flush()
}

// fence writes a code block, its fence longer than any run of backticks
// in it: bytes from a server cannot end it early.
func (m *markdown) fence(lang, body string) {
	n := 3
	run := 0
	for _, r := range body {
		if r == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", n)
	m.w.WriteString(f + lang + "\n" + strings.TrimRight(body, "\n") + "\n" + f + "\n\n")
}

// mdEscape makes text literal in Markdown: no emphasis, links, HTML or
// headings from what a server sent.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']', '#', '|', '~':
			b.WriteRune('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
