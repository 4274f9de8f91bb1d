package rawxml_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"xepl/internal/rawxml"
)

// fuzzSeeds are inputs every fuzz target starts from.
var fuzzSeeds = []string{
	string(concat(serverSession)),
	string(concat(clientSession)),
	"<a b='>'><![CDATA[<]]><!-- > --><?p ?></a>",
	"<iq><query></iq><x id='<'/>< \x00\xff]]>",
	"<password><![CDATA[x</password>",
	"<x xmlns='jabber:x:data'><field var='password'><value>s</value></field></x>",
	"<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><a><stream:stream></stream:stream>",
	"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY y '>'>]><?xml?>",
	"cret</password>",
}

// FuzzSplitter checks that a Splitter never panics, loses or invents no
// bytes, emits no empty unit, and emits the same units however its input
// is chunked (up to how Junk is cut into pieces).
func FuzzSplitter(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), uint64(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		whole := split(data)
		r := rand.New(rand.NewPCG(seed, seed>>32))
		var sizes []int
		for n := 0; n < len(data); {
			k := r.IntN(20)
			sizes = append(sizes, k)
			n += k
		}
		chunked := split(data, sizes...)
		for _, units := range [][]rawxml.Unit{whole, chunked} {
			if got := concat(units); !bytes.Equal(got, data) {
				t.Fatalf("emitted bytes differ from input:\n got %q\nwant %q", got, data)
			}
			for _, u := range units {
				if len(u.Raw) == 0 {
					t.Fatalf("empty %s unit", u.Kind)
				}
				if u.Kind < rawxml.KindStreamOpen || u.Kind > rawxml.KindJunk {
					t.Fatalf("unit of kind %d", u.Kind)
				}
			}
		}
		if d := diffUnits(mergeJunk(chunked), mergeJunk(whole)); d != "" {
			t.Fatalf("chunks %v change the units: %s", sizes, d)
		}
	})
}

// FuzzRedact checks that Redact never panics, leaves text without markup
// alone, and is idempotent.
func FuzzRedact(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := bytes.Clone(data)
		out := rawxml.Redact(data)
		if !bytes.Equal(data, in) {
			t.Fatalf("Redact changed its input")
		}
		if !bytes.Contains(data, []byte("<")) && !bytes.Equal(out, data) {
			t.Fatalf("Redact(%q) = %q: text without markup changed", data, out)
		}
		if again := rawxml.Redact(out); !bytes.Equal(again, out) {
			t.Fatalf("Redact is not idempotent:\n  in %q\n out %q\nout2 %q", data, out, again)
		}
	})
}

// FuzzParse checks that Parse never panics; that its errors are
// ErrIncomplete or a *SyntaxError at line 1 or later and column 1 or
// later; that the elements it accepts are, as its doc says, the input
// itself cut at white space (each Raw one element from '<' to '>', with
// only white space around them); that every prefix of accepted input is
// accepted or incomplete but never a syntax error (so the shell never
// rejects a stanza half typed); and that encoding/xml reads every ASCII
// element Parse accepts (encoding/xml checks names against the older XML
// 1.0 tables, so it refuses some names that the fifth edition allows).
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("<a xmlns:p='u' p:b='&#x41;'><p:c>&lt;é</p:c><![CDATA[]]]]></a>\n<b/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		elems, err := rawxml.Parse(data)
		var se *rawxml.SyntaxError
		if err != nil {
			switch {
			case errors.As(err, &se):
				if se.Line < 1 || se.Column < 1 || se.Msg == "" {
					t.Fatalf("Parse(%q): error at line %d, column %d: %q", data, se.Line, se.Column, se.Msg)
				}
			case !errors.Is(err, rawxml.ErrIncomplete):
				t.Fatalf("Parse(%q) returned %T %v", data, err, err)
			}
			return
		}
		checkRaws(t, data, elems)
		for i := range data {
			if _, err := rawxml.Parse(data[:i]); errors.As(err, &se) {
				t.Fatalf("Parse(%q) accepts, but its prefix %q is a syntax error: %v", data, data[:i], err)
			}
		}
		for _, e := range elems {
			if !isASCII(e.Raw) {
				continue
			}
			d := xml.NewDecoder(bytes.NewReader(e.Raw))
			for {
				_, err := d.RawToken()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("Parse accepts %q but encoding/xml says %v", e.Raw, err)
				}
			}
		}
	})
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// checkRaws checks that the elements Parse accepted from data are data
// cut at white space.
func checkRaws(t *testing.T, data []byte, elems []rawxml.Element) {
	t.Helper()
	if len(elems) == 0 {
		t.Fatalf("Parse(%q) accepted no element", data)
	}
	rest := data
	for i, e := range elems {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if !bytes.HasPrefix(rest, e.Raw) {
			t.Fatalf("Parse(%q): element %d %q is not the input after the one before it", data, i, e.Raw)
		}
		if len(e.Raw) < 4 || e.Raw[0] != '<' || e.Raw[len(e.Raw)-1] != '>' || e.Local == "" {
			t.Fatalf("Parse(%q): element %d is %q, local name %q", data, i, e.Raw, e.Local)
		}
		rest = rest[len(e.Raw):]
	}
	if len(bytes.TrimLeft(rest, " \t\r\n")) > 0 {
		t.Fatalf("Parse(%q) left %q after the last element", data, rest)
	}
}
