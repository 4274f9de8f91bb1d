package rawxml_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"xepl/internal/rawxml"
)

// stanzaTemplates are what a busy client receives; %d makes each copy
// differ a little.
var stanzaTemplates = []string{
	"<message from='romeo@example.net/orchard' to='juliet@example.org/balcony' type='chat' id='m%d' xml:lang='en'>" +
		"<body>But soft, what light through yonder window breaks? It is the east &amp; Juliet is the sun — %d</body>" +
		"<active xmlns='http://jabber.org/protocol/chatstates'/><request xmlns='urn:xmpp:receipts'/>" +
		"<origin-id xmlns='urn:xmpp:sid:0' id='8e0c5c2e-%d'/></message>",
	"<presence from='mercutio@example.net/phone' to='juliet@example.org/balcony' id='p%d'><show>away</show>" +
		"<status>Out %d</status><priority>5</priority>" +
		"<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://conversations.im' ver='PDH7CGVPRERS2WUqBD18PHGEzaY='/>" +
		"<delay xmlns='urn:xmpp:delay' from='example.net' stamp='2002-09-10T23:41:07Z'/></presence>",
	"\n",
	"<iq type='result' id='roster%d' to='juliet@example.org/balcony'><query xmlns='jabber:iq:roster' ver='ver%d'>" +
		strings.Repeat("<item jid='nurse@example.com' name='Nurse' subscription='both'><group>Servants</group></item>", 12) +
		"</query></iq>",
	"<message to='juliet@example.org/balcony' id='mam%d'><result xmlns='urn:xmpp:mam:2' queryid='f27' id='28482-98726-73623'>" +
		"<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>" +
		"<message xmlns='jabber:client' from='witch@shakespeare.lit' to='macbeth@shakespeare.lit' type='chat'>" +
		"<body>Hail to thee, Thane of Cawdor! %d</body></message></forwarded></result></message>",
	"<iq type='get' id='ping%d' from='example.org'><ping xmlns='urn:xmpp:ping'/></iq>",
	"<message from='pubsub.example.org' to='juliet@example.org' id='ev%d'><event xmlns='http://jabber.org/protocol/pubsub#event'>" +
		"<items node='urn:xmpp:avatar:data'><item id='111f4b3c50d7b0df729d299bc6f8e9ef9066971f'>" +
		"<data xmlns='urn:xmpp:avatar:data'>" + strings.Repeat("iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHe", 40) + "%d</data>" +
		"</item></items></event></message>",
}

// realisticStream returns a server-to-client stream of at least size
// bytes, from header to close.
func realisticStream(size int) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version='1.0'?>" + strings.Replace(serverHeader, "%s", "s1", 1))
	for i := 0; b.Len() < size; i++ {
		tmpl := stanzaTemplates[i%len(stanzaTemplates)]
		args := make([]any, strings.Count(tmpl, "%d"))
		for j := range args {
			args[j] = i
		}
		fmt.Fprintf(&b, tmpl, args...)
	}
	b.WriteString("</stream:stream>")
	return b.Bytes()
}

// chunkReader returns its data in reads of at most n bytes.
type chunkReader struct {
	data []byte
	n    int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), r.n)], r.data)
	r.data = r.data[k:]
	return k, nil
}

const benchSize, benchChunk = 1 << 20, 4096

// TestRealisticStreamSplits makes sure the benchmark input is what it
// claims: a stream of elements that the Splitter cuts without junk.
func TestRealisticStreamSplits(t *testing.T) {
	data := realisticStream(benchSize)
	counts := map[rawxml.Kind]int{}
	s := rawxml.NewSplitter(func(u rawxml.Unit) { counts[u.Kind]++ })
	for p := data; len(p) > 0; {
		n := min(len(p), benchChunk)
		s.Write(p[:n])
		p = p[n:]
	}
	s.Flush()
	if counts[rawxml.KindJunk] != 0 || counts[rawxml.KindStreamOpen] != 1 || counts[rawxml.KindStreamClose] != 1 || counts[rawxml.KindElement] < 1000 {
		t.Errorf("unit counts %v", counts)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("encoding/xml: %v", err)
		}
	}
	if got := rawxml.Redact(bigReply()); !bytes.Equal(got, bigReply()) {
		t.Errorf("the big reply has a secret")
	}
	if got := rawxml.Redact(formsReply()); !bytes.Equal(got, formsReply()) {
		t.Errorf("the forms reply has a secret")
	}
}

// BenchmarkSplitter splits 1 MiB of stanzas fed in 4 KiB chunks.
func BenchmarkSplitter(b *testing.B) {
	data := realisticStream(benchSize)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	units := 0
	for b.Loop() {
		s := rawxml.NewSplitter(func(rawxml.Unit) { units++ })
		for p := data; len(p) > 0; {
			n := min(len(p), benchChunk)
			s.Write(p[:n])
			p = p[n:]
		}
		s.Flush()
	}
}

// BenchmarkBaselineDecoderToken reads the same bytes with encoding/xml's
// Decoder, token by token, as a baseline for BenchmarkSplitter.
func BenchmarkBaselineDecoderToken(b *testing.B) {
	data := realisticStream(benchSize)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := xml.NewDecoder(&chunkReader{data, benchChunk})
		for {
			if _, err := d.Token(); err != nil {
				break
			}
		}
	}
}

// BenchmarkBaselineDecoderRawToken is the same with RawToken, which skips
// namespace translation and end-tag matching.
func BenchmarkBaselineDecoderRawToken(b *testing.B) {
	data := realisticStream(benchSize)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := xml.NewDecoder(&chunkReader{data, benchChunk})
		for {
			if _, err := d.RawToken(); err != nil {
				break
			}
		}
	}
}

// bigReply returns one iq result of about 1 MiB with no secret in it.
func bigReply() []byte {
	var b bytes.Buffer
	b.WriteString("<iq type='result' id='roster1' to='juliet@example.org/balcony'><query xmlns='jabber:iq:roster' ver='v1'>")
	for i := 0; b.Len() < benchSize; i++ {
		fmt.Fprintf(&b, "<item jid='contact%d@example.com' name='Contact &amp; friend %d' subscription='both'><group>Friends</group></item>", i, i)
	}
	b.WriteString("</query></iq>")
	return b.Bytes()
}

// formsReply returns about 1 MiB of disco#info results with data forms
// but no secret: Redact cannot take its fast path.
func formsReply() []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < benchSize; i++ {
		fmt.Fprintf(&b, "<iq type='result' id='disco%d'><query xmlns='http://jabber.org/protocol/disco#info'>"+
			"<identity category='server' type='im'/><feature var='urn:xmpp:ping'/>"+
			"<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>http://jabber.org/network/serverinfo</value></field>"+
			"<field var='abuse-addresses'><value>mailto:abuse@example.org</value><value>xmpp:abuse@example.org</value></field></x></query></iq>", i)
	}
	return b.Bytes()
}

func benchRedact(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rawxml.Redact(data)
	}
}

// BenchmarkRedactNoSecret is the common case: a large reply with nothing
// to hide, which takes the fast path.
func BenchmarkRedactNoSecret(b *testing.B) { benchRedact(b, bigReply()) }

// BenchmarkRedactFormsNoSecret walks the whole reply but masks nothing.
func BenchmarkRedactFormsNoSecret(b *testing.B) { benchRedact(b, formsReply()) }

// BenchmarkRedactWithSecrets masks a password in every form.
func BenchmarkRedactWithSecrets(b *testing.B) {
	benchRedact(b, bytes.ReplaceAll(formsReply(), []byte("abuse-addresses"), []byte("password")))
}

// BenchmarkBaselineIndexByte counts the '<' in the big reply: the floor
// for any scan of it.
func BenchmarkBaselineIndexByte(b *testing.B) {
	data := bigReply()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		n := 0
		for p := data; ; n++ {
			i := bytes.IndexByte(p, '<')
			if i < 0 {
				break
			}
			p = p[i+1:]
		}
	}
}

// BenchmarkParse checks a typical stanza as typed into the shell.
func BenchmarkParse(b *testing.B) {
	src := []byte("<iq type='set' id='reg1'>\n  <query xmlns='jabber:iq:register'>\n    <username>bill</username>\n" +
		"    <password>Calliope</password>\n    <email>bard@shakespeare.lit</email>\n  </query>\n</iq>")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rawxml.Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
