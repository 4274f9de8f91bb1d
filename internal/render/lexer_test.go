package render_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"

	"xepl/internal/render"
)

// tok abbreviates a chroma.Token in tables.
type tok struct {
	t chroma.TokenType
	v string
}

func TestLexerTokens(t *testing.T) {
	const (
		tag   = chroma.NameTag
		attr  = chroma.NameAttribute
		str   = chroma.LiteralString
		p     = chroma.Punctuation
		text  = chroma.Text
		ent   = chroma.NameEntity
		nsKey = chroma.KeywordNamespace
		nsVal = chroma.NameNamespace
		com   = chroma.Comment
		pre   = chroma.CommentPreproc
	)
	tests := []struct {
		name string
		in   string
		want []tok
	}{{
		name: "start tag with attributes",
		in:   `<iq type="get" id='a1'>`,
		want: []tok{{p, "<"}, {tag, "iq"}, {text, " "}, {attr, "type"}, {p, "="}, {str, `"get"`}, {text, " "}, {attr, "id"}, {p, "="}, {str, "'a1'"}, {p, ">"}},
	}, {
		name: "namespace declarations",
		in:   `<query xmlns='jabber:iq:roster' xmlns:x="urn:x" x:y='z'/>`,
		want: []tok{{p, "<"}, {tag, "query"}, {text, " "}, {nsKey, "xmlns"}, {p, "="}, {nsVal, "'jabber:iq:roster'"}, {text, " "}, {nsKey, "xmlns:x"}, {p, "="}, {nsVal, `"urn:x"`}, {text, " "}, {attr, "x:y"}, {p, "="}, {str, "'z'"}, {p, "/>"}},
	}, {
		name: "attribute that only starts like xmlns",
		in:   `<a xmlnsfoo='v'>`,
		want: []tok{{p, "<"}, {tag, "a"}, {text, " "}, {attr, "xmlnsfoo"}, {p, "="}, {str, "'v'"}, {p, ">"}},
	}, {
		name: "prefixed element and end tag",
		in:   "<stream:features></stream:features >",
		want: []tok{{p, "<"}, {tag, "stream:features"}, {p, ">"}, {p, "</"}, {tag, "stream:features"}, {text, " "}, {p, ">"}},
	}, {
		name: "white space around equals and inside tag",
		in:   "<a\n\tb = 'c'\n/>",
		want: []tok{{p, "<"}, {tag, "a"}, {text, "\n\t"}, {attr, "b"}, {text, " "}, {p, "="}, {text, " "}, {str, "'c'"}, {text, "\n"}, {p, "/>"}},
	}, {
		name: "text and references",
		in:   "<b>Tom &amp; Jerry &#x263A;&#65; &</b>",
		want: []tok{{p, "<"}, {tag, "b"}, {p, ">"}, {text, "Tom "}, {ent, "&amp;"}, {text, " Jerry "}, {ent, "&#x263A;"}, {ent, "&#65;"}, {text, " "}, {text, "&"}, {p, "</"}, {tag, "b"}, {p, ">"}},
	}, {
		name: "ampersand without semicolon",
		in:   "a &b c;",
		want: []tok{{text, "a "}, {text, "&"}, {text, "b c;"}},
	}, {
		name: "comment, declaration, doctype",
		in:   "<?xml version='1.0'?><!DOCTYPE x><!-- a -- b -->",
		want: []tok{{pre, "<?xml version='1.0'?>"}, {pre, "<!DOCTYPE x>"}, {com, "<!-- a -- b -->"}},
	}, {
		name: "CDATA",
		in:   "<a><![CDATA[x < & y]]></a>",
		want: []tok{{p, "<"}, {tag, "a"}, {p, ">"}, {pre, "<![CDATA["}, {text, "x < & y"}, {pre, "]]>"}, {p, "</"}, {tag, "a"}, {p, ">"}},
	}, {
		name: "empty CDATA",
		in:   "<![CDATA[]]>",
		want: []tok{{pre, "<![CDATA["}, {pre, "]]>"}},
	}, {
		name: "non-ASCII names and values",
		in:   "<café ñ='é'>日本</café>",
		want: []tok{{p, "<"}, {tag, "café"}, {text, " "}, {attr, "ñ"}, {p, "="}, {str, "'é'"}, {p, ">"}, {text, "日本"}, {p, "</"}, {tag, "café"}, {p, ">"}},
	}, {
		name: "lone less-than in text",
		in:   "1 < 2 <> </>",
		want: []tok{{text, "1 "}, {text, "<"}, {text, " 2 "}, {text, "<"}, {text, "> "}, {text, "<"}, {text, "/>"}},
	}, {
		name: "tag left open before another",
		in:   "<a <b>",
		want: []tok{{p, "<"}, {tag, "a"}, {text, " "}, {p, "<"}, {tag, "b"}, {p, ">"}},
	}, {
		name: "unquoted value",
		in:   "<a b=c d>",
		want: []tok{{p, "<"}, {tag, "a"}, {text, " "}, {attr, "b"}, {p, "="}, {str, "c"}, {text, " "}, {attr, "d"}, {p, ">"}},
	}, {
		name: "value cut by a tag",
		in:   "<a b='x<c/>",
		want: []tok{{p, "<"}, {tag, "a"}, {text, " "}, {attr, "b"}, {p, "="}, {str, "'x"}, {p, "<"}, {tag, "c"}, {p, "/>"}},
	}, {
		name: "unterminated value, comment, CDATA and instruction",
		in:   "<a b='x",
		want: []tok{{p, "<"}, {tag, "a"}, {text, " "}, {attr, "b"}, {p, "="}, {str, "'x"}},
	}, {
		name: "unterminated comment",
		in:   "<!-- x",
		want: []tok{{com, "<!-- x"}},
	}, {
		name: "unterminated CDATA",
		in:   "<![CDATA[x",
		want: []tok{{pre, "<![CDATA["}, {text, "x"}},
	}, {
		name: "stray characters in a tag",
		in:   "<a ? & / b>",
		want: []tok{{p, "<"}, {tag, "a"}, {text, " "}, {text, "?"}, {text, " "}, {text, "&"}, {text, " "}, {p, "/"}, {text, " "}, {attr, "b"}, {p, ">"}},
	}, {
		name: "empty input",
		in:   "",
		want: nil,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tokenise(t, tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d tokens %v, want %d %v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("token %d = %v %q, want %v %q", i, got[i].t, got[i].v, tt.want[i].t, tt.want[i].v)
				}
			}
		})
	}
}

// tokenise runs the lexer over in, checks that the tokens add up to in, and
// returns them.
func tokenise(t testing.TB, in string) []tok {
	t.Helper()
	it, err := render.NewLexer().Tokenise(nil, in)
	if err != nil {
		t.Fatalf("Tokenise: %v", err)
	}
	var out []tok
	var b strings.Builder
	for token := it(); token != chroma.EOF; token = it() {
		if token.Value == "" {
			t.Fatalf("empty token of type %v after %q", token.Type, b.String())
		}
		if utf8.ValidString(in) && !utf8.ValidString(token.Value) {
			t.Fatalf("token %q splits a UTF-8 sequence", token.Value)
		}
		b.WriteString(token.Value)
		out = append(out, tok{token.Type, token.Value})
	}
	if b.String() != in {
		t.Fatalf("tokens add up to\n%q\nwant\n%q", b.String(), in)
	}
	return out
}

func TestLexerTokensAddUpToInput(t *testing.T) {
	stanza := `<?xml version='1.0'?><message xmlns='jabber:client' to='a@b/c' type="chat"><!-- note --><body>Tom &amp; Jerry &lt;3 – café</body>` +
		`<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'><p style='x:y'>Hi <b>there</b></p></body></html>` +
		"<x:y\r\n z='1'><![CDATA[a]]b]]></x:y></message>\n"
	tests := []struct {
		name string
		in   string
	}{
		{"stanza", stanza},
		{"roster reply", string(rosterReply(64 << 10))},
		{"indented reply", mustIndent(t, rosterReply(16<<10))},
		{"invalid UTF-8", "<a\xff b='\xfe'>\xc3</a\x80>"},
		{"control bytes", "<a\x00\x01=\x02>\x03&\x04;</\x05>"},
		{"only delimiters", `<<//>>=="''&&??!!`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tokenise(t, tt.in)
		})
	}
	t.Run("every prefix of a stanza", func(t *testing.T) {
		for i := range len(stanza) {
			tokenise(t, stanza[:i])
		}
	})
	t.Run("every suffix of a stanza", func(t *testing.T) {
		for i := range len(stanza) {
			tokenise(t, stanza[i:])
		}
	})
}

func TestLexerInterface(t *testing.T) {
	var l chroma.Lexer = render.NewLexer()
	if cfg := l.Config(); cfg == nil || cfg.Name == "" {
		t.Errorf("Config() = %+v, want a named config", cfg)
	}
	if got := l.SetRegistry(nil); got != l {
		t.Errorf("SetRegistry returned another lexer")
	}
	tests := []struct {
		in   string
		want float32
	}{
		{"<?xml version='1.0'?><a/>", 1},
		{"  \n<iq/>", 0.5},
		{"< iq", 0},
		{"func main() {}", 0},
		{"", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := l.AnalyseText(tt.in); got != tt.want {
				t.Errorf("AnalyseText = %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("SetAnalyser", func(t *testing.T) {
		l := render.NewLexer()
		if got := l.SetAnalyser(func(string) float32 { return 0.25 }); got != chroma.Lexer(l) {
			t.Errorf("SetAnalyser returned another lexer")
		}
		if got := l.AnalyseText("<a/>"); got != 0.25 {
			t.Errorf("AnalyseText = %v after SetAnalyser, want 0.25", got)
		}
	})
}

// mustIndent indents raw or fails the test.
func mustIndent(t testing.TB, raw []byte) string {
	t.Helper()
	out, err := render.Indent(raw)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
