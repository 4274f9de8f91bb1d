package adhoc

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mellium.im/xmpp/jid"

	"xepl/repl/localserver"
	"xepl/repl/session"
)

func TestScratch(t *testing.T) {
	kind := localserver.Kind(os.Getenv("K"))
	srv := localserver.ForTest(t, kind)
	defer localserver.StopAll()
	ctx := context.Background()
	s, err := session.Connect(ctx, session.Config{JID: jid.MustParse(srv.AdminJID), Password: srv.AdminPassword, Server: srv.Addr(), RootCAs: srv.CertPool})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if os.Getenv("REG") != "" {
		rs, err := session.Connect(ctx, session.Config{Register: true, JID: jid.MustParse("localhost"), Server: srv.Addr(), RootCAs: srv.CertPool})
		if err != nil {
			t.Fatal(err)
		}
		r, err := rs.Request(ctx, []byte("<iq type='get' id='r1'><query xmlns='jabber:iq:register'/></iq>"), "r1")
		fmt.Printf("=== register\n%s\n%v\n", r.Raw, err)
		rs.Close()
	}
	node := os.Getenv("NODE")
	if node == "" && kind == localserver.Ejabberd { node = "xepl" + strings.TrimPrefix(filepath.Base(srv.Dir), "xepl-ejabberd-") + "@localhost" }
	data, _ := os.ReadFile(os.Getenv("F"))
	i := 0
	for _, line := range splitLines(string(data)) {
		if line == "" {
			continue
		}
		i++
		id := fmt.Sprintf("q%d", i)
		if line[0] == '!' {
			s.Send(ctx, []byte(line[1:]))
			time.Sleep(300 * time.Millisecond)
			continue
		}
		raw := strings.ReplaceAll(fmt.Sprintf(line, id), "NODE", node)
		c, cancel := context.WithTimeout(ctx, 5*time.Second)
		r, err := s.Request(c, []byte(raw), id)
		cancel()
		fmt.Printf("=== %s\n%s\n", raw, r.Raw)
		if err != nil {
			fmt.Println("ERR", err)
		}
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
