package render_test

import (
	"bytes"
	"strconv"
)

// rosterReply returns a roster result (RFC 6121) of at least size bytes, on
// one line as servers send it: thousands of items with names, entities,
// non-ASCII text, groups and subscription states.
func rosterReply(size int) []byte {
	subs := []string{"both", "to", "from", "none"}
	groups := []string{"Friends", "Work", "Café &amp; Bar", "Family", "XMPP Devs"}
	var b bytes.Buffer
	b.Grow(size + 256)
	b.WriteString(`<iq xmlns='jabber:client' type='result' id='roster-1' to='juliet@example.com/balcony'>`)
	b.WriteString(`<query xmlns='jabber:iq:roster' ver='ver14'>`)
	for i := 0; b.Len() < size; i++ {
		n := strconv.Itoa(i)
		b.WriteString(`<item jid='contact` + n + `@example.net' name='Contact ` + n + ` &amp; Søn' subscription='` + subs[i%len(subs)] + `'`)
		if i%5 == 0 {
			b.WriteString(` ask='subscribe'`)
		}
		b.WriteByte('>')
		for g := range i % 3 {
			b.WriteString(`<group>` + groups[(i+g)%len(groups)] + `</group>`)
		}
		b.WriteString(`</item>`)
	}
	b.WriteString(`</query></iq>`)
	return b.Bytes()
}

// itoa is strconv.Itoa, short.
func itoa(i int) string { return strconv.Itoa(i) }
