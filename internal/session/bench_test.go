package session_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"slices"
	"testing"
	"time"

	"mellium.im/sasl"
	"mellium.im/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/ping"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
	"xepl/internal/session"
)

// The benchmarks compare xepl's session with baselines on the same server
// in the same run: mellium's own client, and the raw client of
// rawclient_test.go (the floor: TLS, SCRAM-SHA-1 and bind straight onto
// the socket). The -vs-raw benchmarks alternate xepl and the raw client
// round by round and report the median of each and their ratio, which
// holds on a busy machine when the times do not; they never fail on a
// time. Run with
//
//	go test ./internal/session -run '^$' -bench . -benchtime 200x
func eachServerB(b *testing.B, f func(b *testing.B, srv *localserver.Server)) {
	for _, kind := range localserver.Kinds {
		b.Run(string(kind), func(b *testing.B) { f(b, servertest.Shared(b, kind)) })
	}
}

// versus runs one round of xepl and one of the baseline per iteration,
// alternating which goes first, and reports the median time of a round of
// each (in ms, scaled by per: a round of 100 pings reports ms per ping
// with per 100) and xepl's median over the baseline's. Each function
// returns the time its round took, leaving out its own set-up.
func versus(b *testing.B, base string, per int, baseline, xepl func(b *testing.B) time.Duration) {
	var xs, bs []time.Duration
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			xs = append(xs, xepl(b))
			bs = append(bs, baseline(b))
		} else {
			bs = append(bs, baseline(b))
			xs = append(xs, xepl(b))
		}
	}
	x, y := median(xs), median(bs)
	b.ReportMetric(x.Seconds()*1e3/float64(per), "xepl-ms")
	b.ReportMetric(y.Seconds()*1e3/float64(per), base+"-ms")
	b.ReportMetric(float64(x)/float64(y), "xepl/"+base)
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// melliumConnect is the baseline: mellium's bare dial and negotiation.
func melliumConnect(ctx context.Context, srv *localserver.Server) (*xmpp.Session, net.Conn, error) {
	conn, err := net.Dial("tcp", srv.Addr())
	if err != nil {
		return nil, nil, err
	}
	s, err := xmpp.NewClientSession(ctx, jid.MustParse(srv.AdminJID), conn,
		xmpp.StartTLS(&tls.Config{ServerName: srv.Domain, RootCAs: srv.CertPool}),
		xmpp.SASL("", srv.AdminPassword, sasl.ScramSha1),
		xmpp.BindResource(),
	)
	if err != nil {
		conn.Close()
	}
	return s, conn, err
}

// xeplConfig is config with SCRAM-SHA-1, the raw client's mechanism
// (ejabberd would otherwise choose SCRAM-SHA-512).
func xeplConfig(srv *localserver.Server) session.Config {
	cfg := config(srv, nil)
	cfg.Mechanism = "SCRAM-SHA-1"
	return cfg
}

// BenchmarkConnect: TCP connect to bound (STARTTLS, SCRAM-SHA-1, bind).
func BenchmarkConnect(b *testing.B) {
	eachServerB(b, func(b *testing.B, srv *localserver.Server) {
		ctx := context.Background()
		b.Run("mellium", func(b *testing.B) {
			for b.Loop() {
				s, conn, err := melliumConnect(ctx, srv)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
				conn.Close()
			}
		})
		b.Run("xepl", func(b *testing.B) {
			cfg := xeplConfig(srv)
			for b.Loop() {
				s, err := session.Connect(ctx, cfg)
				if err != nil {
					b.Fatal(err)
				}
				s.Abort()
			}
		})
		b.Run("xepl-vs-raw", func(b *testing.B) {
			cfg := xeplConfig(srv)
			versus(b, "raw", 1, func(b *testing.B) time.Duration {
				begin := time.Now()
				r, err := rawConnect(srv)
				d := time.Since(begin)
				if err != nil {
					b.Fatal(err)
				}
				r.Close()
				return d
			}, func(b *testing.B) time.Duration {
				begin := time.Now()
				s, err := session.Connect(ctx, cfg)
				d := time.Since(begin)
				if err != nil {
					b.Fatal(err)
				}
				s.Abort()
				return d
			})
		})
	})
}

// pingRound is how many sequential pings make one round of
// BenchmarkPing/xepl-vs-raw.
const pingRound = 100

// BenchmarkPing: iq ping round trips on a bound stream, one after the
// other.
func BenchmarkPing(b *testing.B) {
	eachServerB(b, func(b *testing.B, srv *localserver.Server) {
		ctx := context.Background()
		domain := jid.MustParse(srv.Domain)
		b.Run("mellium", func(b *testing.B) {
			s, conn, err := melliumConnect(ctx, srv)
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close()
			go s.Serve(nil)
			for b.Loop() {
				if err := ping.Send(ctx, s, domain); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("xepl", func(b *testing.B) {
			s, err := session.Connect(ctx, config(srv, nil))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Abort()
			p := pinger{s: s, domain: srv.Domain}
			for b.Loop() {
				if err := p.ping(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("xepl-vs-raw", func(b *testing.B) {
			r, err := rawConnect(srv)
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			s, err := session.Connect(ctx, config(srv, nil))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Abort()
			p := pinger{s: s, domain: srv.Domain}
			versus(b, "raw", pingRound, func(b *testing.B) time.Duration {
				begin := time.Now()
				for range pingRound {
					if err := r.ping(srv.Domain); err != nil {
						b.Fatal(err)
					}
				}
				return time.Since(begin)
			}, func(b *testing.B) time.Duration {
				begin := time.Now()
				for range pingRound {
					if err := p.ping(ctx); err != nil {
						b.Fatal(err)
					}
				}
				return time.Since(begin)
			})
		})
	})
}

// pinger sends iq pings through Session.Request, as the shell does.
type pinger struct {
	s      *session.Session
	domain string
	n      int
}

func (p *pinger) ping(ctx context.Context) error {
	p.n++
	id := fmt.Sprintf("b%d", p.n)
	raw := []byte(`<iq type='get' id='` + id + `' to='` + p.domain + `'><ping xmlns='urn:xmpp:ping'/></iq>`)
	_, err := p.s.Request(ctx, raw, id)
	return err
}

// BenchmarkClose: ending a bound stream, from the call to the connection
// closed. The baseline is the raw client sending </stream:stream> and
// reading until the server's, as Close did before it stopped waiting for
// ejabberd's, which comes after a 100 ms timer (see Session.Close).
func BenchmarkClose(b *testing.B) {
	eachServerB(b, func(b *testing.B, srv *localserver.Server) {
		ctx := context.Background()
		cfg := xeplConfig(srv)
		versus(b, "wait-for-tag", 1, func(b *testing.B) time.Duration {
			r, err := rawConnect(srv)
			if err != nil {
				b.Fatal(err)
			}
			begin := time.Now()
			if err := r.closeStream(); err != nil {
				b.Fatal(err)
			}
			return time.Since(begin)
		}, func(b *testing.B) time.Duration {
			s, err := session.Connect(ctx, cfg)
			if err != nil {
				b.Fatal(err)
			}
			begin := time.Now()
			s.Close()
			return time.Since(begin)
		})
	})
}
