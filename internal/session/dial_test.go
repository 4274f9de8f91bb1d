package session

import (
	"context"
	"errors"
	"net"
	"reflect"
	"testing"

	"mellium.im/xmpp/jid"
)

// fakeResolver answers SRV lookups from a table.
type fakeResolver map[string][]*net.SRV

func (f fakeResolver) LookupSRV(ctx context.Context, service, proto, name string) (string, []*net.SRV, error) {
	srvs, ok := f["_"+service+"._"+proto+"."+name]
	if !ok {
		return "", nil, errors.New("no such host")
	}
	return "", srvs, nil
}

func TestTargets(t *testing.T) {
	dns := fakeResolver{
		"_xmpp-client._tcp.example.org":  {{Target: "xmpp1.example.org.", Port: 5222}, {Target: "xmpp2.example.org.", Port: 15222}},
		"_xmpps-client._tcp.example.org": {{Target: "tls.example.org.", Port: 443}},
		"_xmpp-client._tcp.closed.org":   {{Target: ".", Port: 0}},
	}
	tests := []struct {
		name string
		cfg  Config
		want []string
		err  bool
	}{
		{"SRV records first, then the domain", Config{JID: jid.MustParse("a@example.org")},
			[]string{"xmpp1.example.org:5222", "xmpp2.example.org:15222", "example.org:5222"}, false},
		{"direct TLS uses _xmpps-client and 5223", Config{JID: jid.MustParse("a@example.org"), DirectTLS: true},
			[]string{"tls.example.org:443", "example.org:5223"}, false},
		{"no SRV: the domain on 5222", Config{JID: jid.MustParse("a@nosrv.org")},
			[]string{"nosrv.org:5222"}, false},
		{"a server given skips DNS", Config{JID: jid.MustParse("a@example.org"), Server: "127.0.0.1:4000"},
			[]string{"127.0.0.1:4000"}, false},
		{"a server without port takes the default", Config{JID: jid.MustParse("a@example.org"), Server: "host.lan", DirectTLS: true},
			[]string{"host.lan:5223"}, false},
		{"IPv6 literal", Config{JID: jid.MustParse("a@example.org"), Server: "[::1]:5222"},
			[]string{"[::1]:5222"}, false},
		{"bad port", Config{JID: jid.MustParse("a@example.org"), Server: "host:99999"}, nil, true},
		{"SRV target . means no service", Config{JID: jid.MustParse("a@closed.org")}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := targets(context.Background(), dns, tt.cfg)
			if (err != nil) != tt.err {
				t.Fatalf("error = %v, want error: %v", err, tt.err)
			}
			var addrs []string
			for _, g := range got {
				addrs = append(addrs, g.String())
			}
			if !reflect.DeepEqual(addrs, tt.want) {
				t.Errorf("targets = %v, want %v", addrs, tt.want)
			}
		})
	}
}
