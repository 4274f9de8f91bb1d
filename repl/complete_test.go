package repl

import (
	"sort"
	"strings"
	"testing"

	"mellium.im/xmpp/jid"

	"xepl/internal/adhoc"
)

func TestCompleter(t *testing.T) {
	sh, err := newShell(Config{Stdout: &strings.Builder{}, Input: strings.NewReader(""), Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	sh.conn.disco.items = map[discoTarget][]itemsItem{
		{JID: "example.org"}: {{JID: jid.MustParse("conference.example.org")}, {JID: jid.MustParse("pubsub.example.org")}},
	}
	sh.conn.disco.commands = map[string][]adhoc.Item{"example.org": {{Node: "http://jabber.org/protocol/admin#add-user"}}}
	c := completer{sh: sh}
	tests := []struct {
		line string
		want []string // completed words
	}{
		{"con", []string{"configure", "connect", "contact.addresses"}},
		{"register.ca", []string{"register.cancel"}},
		{"disco con", []string{"conference.example.org"}},
		{"run http://jabber.org/protocol/admin#a", []string{"http://jabber.org/protocol/admin#add-user"}},
		{"show ping.s", []string{"ping.server"}},
		{"disco.info t", []string{"to="}},
		{"disco.info to=pub", []string{"to=pubsub.example.org"}},
		{"<iq ", nil},
		// A command's fields, by its node or the end of it, with or
		// without the JID: those of the form the server sent in this
		// session (nickname), else those of the catalog's templates.
		{"run http://jabber.org/protocol/admin#add-user acc", []string{"accountjid="}},
		{"run add-user example.org nick", []string{"nickname="}},
		{"run http://jabber.org/protocol/admin#delete-user acc", []string{"accountjids="}},
		{"xep 19", []string{"191", "198", "199"}},
		{"log sa", []string{"save"}},
		{"log pres", []string{"presence"}},
		{"filter hi", []string{"hide"}},
		{"filter hide from conf", []string{"conference.example.org"}},
		{"find xp", []string{"xpath"}},
		{"log in ty", []string{"type"}},
		{"log in type res", []string{"result"}},
	}
	sh.conn.disco.fields = map[string][]string{"http://jabber.org/protocol/admin#add-user": {"accountjid", "nickname"}}
	for _, tt := range tests {
		got, n := c.Do([]rune(tt.line), len([]rune(tt.line)))
		var words []string
		typed := tt.line[len(tt.line)-n:]
		for _, g := range got {
			words = append(words, strings.TrimSpace(typed+string(g)))
		}
		sort.Strings(words)
		if strings.Join(words, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q completes to %q, want %q", tt.line, words, tt.want)
		}
	}
}
