package repl

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"xepl/internal/rawxml"
)

// logSave writes the capture to a file: log save FILE [--jsonl], the
// newest units last, secrets masked as on screen.
func (sh *Shell) logSave(args []string) error {
	jsonl := false
	var name string
	for _, a := range args {
		switch {
		case a == "--jsonl" || a == "-jsonl":
			jsonl = true
		case name == "":
			name = a
		default:
			return fmt.Errorf("usage: log save FILE [--jsonl]")
		}
	}
	if name == "" {
		return fmt.Errorf("usage: log save FILE [--jsonl] (one JSON object per element; else XML)")
	}
	name = expandHome(name, sh.cfg.Getenv)
	units := sh.capture.all()
	f, w, err := openSinkFile(name)
	if err != nil {
		return fmt.Errorf("log save: %v", err)
	}
	if jsonl {
		err = sh.saveJSONL(w, units)
	} else {
		err = sh.saveXML(w, units)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("log save %s: %v", name, err)
	}
	sh.out.say("saved %d captured units to %s", len(units), name)
	return nil
}

// savedUnit is one line of log save --jsonl.
type savedUnit struct {
	N       int    `json:"n"`
	Time    string `json:"time"`
	Dir     string `json:"dir"`
	Session string `json:"session,omitempty"`
	Kind    string `json:"kind"`
	Name    string `json:"name,omitempty"`
	XML     string `json:"xml"`
	Cut     int    `json:"bytes_not_kept,omitempty"`
}

func (sh *Shell) saveJSONL(w *bufio.Writer, units []captured) error {
	enc := json.NewEncoder(w)
	for _, e := range units {
		name := e.local
		if e.prefix != "" && name != "" {
			name = e.prefix + ":" + name
		}
		err := enc.Encode(savedUnit{N: e.n, Time: e.time.UTC().Format(time.RFC3339Nano), Dir: e.dir.String(),
			Session: e.session, Kind: kindName(e.kind), Name: name, XML: string(sh.out.secrets.stanza(e.raw)), Cut: e.cut})
		if err != nil {
			return err
		}
	}
	return nil
}

// saveXML writes the units as one document: an element as it came, the
// rest (stream headers, ends, junk) as text, each in a <unit> that says
// when, which way and on which session.
func (sh *Shell) saveXML(w *bufio.Writer, units []captured) error {
	// The stanzas are in the stream's default namespace, jabber:client:
	// the root declares it for them, the capture's own elements have a
	// prefix.
	w.WriteString("<?xml version='1.0' encoding='UTF-8'?>\n<x:capture xmlns:x='urn:xepl:capture:0' xmlns='jabber:client'>\n")
	for _, e := range units {
		fmt.Fprintf(w, "<x:unit n='%d' time='%s' dir='%s' session='%s' kind='%s'",
			e.n, e.time.UTC().Format(time.RFC3339Nano), e.dir, rawxml.EscapeAttr(e.session), kindName(e.kind))
		if e.cut > 0 {
			fmt.Fprintf(w, " bytes-not-kept='%d'", e.cut)
		}
		w.WriteString(">")
		raw := sh.out.secrets.stanza(e.raw)
		if e.kind == rawxml.KindElement && wellFormed(raw) {
			w.Write(raw)
		} else {
			w.WriteString(rawxml.EscapeText(strings.ToValidUTF8(string(raw), "\uFFFD")))
		}
		w.WriteString("</x:unit>\n")
	}
	_, err := w.WriteString("</x:capture>\n")
	return err
}

// wellFormed reports whether raw is one element that can stand inside
// another document as it is.
func wellFormed(raw []byte) bool {
	els, err := rawxml.Parse(raw)
	return err == nil && len(els) == 1
}

// kindName names a unit's kind in saved captures.
func kindName(k rawxml.Kind) string {
	switch k {
	case rawxml.KindStreamOpen:
		return "stream-open"
	case rawxml.KindStreamClose:
		return "stream-close"
	case rawxml.KindJunk:
		return "junk"
	}
	return "element"
}
