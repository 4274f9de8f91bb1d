package session

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// Default ports when neither SRV records nor the user name one.
const (
	portStartTLS  = 5222
	portDirectTLS = 5223
)

// target is one address to try.
type target struct {
	host string
	port uint16
}

func (t target) String() string {
	return net.JoinHostPort(t.host, strconv.Itoa(int(t.port)))
}

// resolver is the part of net.Resolver the dialer needs; tests replace it.
type resolver interface {
	LookupSRV(ctx context.Context, service, proto, name string) (string, []*net.SRV, error)
}

// targets lists where to connect, best first: the server the user named, or
// the SRV records of the domain (_xmpp-client for STARTTLS, _xmpps-client for
// direct TLS), then the domain itself on the standard port.
func targets(ctx context.Context, r resolver, cfg Config) ([]target, error) {
	port := uint16(portStartTLS)
	service := "xmpp-client"
	if cfg.DirectTLS {
		port, service = portDirectTLS, "xmpps-client"
	}
	if cfg.Server != "" {
		return serverTarget(cfg.Server, port)
	}
	domain := cfg.JID.Domainpart()
	if domain == "" {
		return nil, errors.New("no domain to connect to")
	}
	var out []target
	_, srvs, err := r.LookupSRV(ctx, service, "tcp", domain)
	if err == nil {
		for _, s := range srvs {
			host := strings.TrimSuffix(s.Target, ".")
			if host == "" {
				// RFC 2782: a target of "." means the service is not offered.
				return nil, fmt.Errorf("%s says it offers no _%s._tcp service", domain, service)
			}
			out = append(out, target{host: host, port: s.Port})
		}
	}
	return append(out, target{host: domain, port: port}), nil
}

// serverTarget parses HOST or HOST:PORT (IPv6 literals in brackets).
func serverTarget(server string, defaultPort uint16) ([]target, error) {
	host, portText, err := net.SplitHostPort(server)
	if err != nil {
		// No port given.
		host = strings.Trim(server, "[]")
		return []target{{host: host, port: defaultPort}}, nil
	}
	port, err := strconv.ParseUint(portText, 10, 16)
	if err != nil || port == 0 {
		return nil, fmt.Errorf("bad port in server address %q", server)
	}
	return []target{{host: host, port: uint16(port)}}, nil
}

// dial connects to the first target that answers. With direct TLS the
// handshake is done here, so that a certificate problem is reported as
// such; tc is then the TLS connection over raw. A wait cut short by ctx is
// a *StalledError.
func dial(ctx context.Context, cfg Config, tlsCfg *tls.Config, timeout time.Duration) (raw net.Conn, tc *tls.Conn, _ target, _ error) {
	list, err := targets(ctx, net.DefaultResolver, cfg)
	if err != nil {
		return nil, nil, target{}, err
	}
	var d net.Dialer
	var errs []error
	for _, t := range list {
		c, err := d.DialContext(ctx, "tcp", t.String())
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, t, &StalledError{Waiting: "TCP connection to " + t.String(), Timeout: timeout, Err: ctx.Err()}
			}
			errs = append(errs, err)
			continue
		}
		raw = withQuickAck(c)
		if !cfg.DirectTLS {
			return raw, nil, t, nil
		}
		tc = tls.Client(raw, tlsCfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			if ctx.Err() != nil {
				return nil, nil, t, handshakeStalled(ctx, timeout)
			}
			return nil, nil, t, tlsError(err, cfg)
		}
		return raw, tc, t, nil
	}
	return nil, nil, target{}, fmt.Errorf("cannot connect: %w", errors.Join(errs...))
}

// tlsConfig builds the TLS settings: the certificate must name the XMPP
// domain (not the host dialled), unless the user chose Insecure.
func tlsConfig(cfg Config) *tls.Config {
	c := &tls.Config{
		ServerName:         cfg.JID.Domainpart(),
		MinVersion:         tls.VersionTLS12,
		RootCAs:            cfg.RootCAs,
		InsecureSkipVerify: cfg.Insecure,
	}
	if cfg.DirectTLS {
		c.NextProtos = []string{"xmpp-client"}
	}
	return c
}

// Reach dials the server cfg names, as Connect would (with direct TLS,
// through the TLS handshake and the certificate check), and hangs up: a
// shell asks for a password only once it knows the server is there, so
// that a wrong address fails before the user types a secret for it.
func Reach(ctx context.Context, cfg Config) error {
	if err := checkConfig(cfg); err != nil {
		return err
	}
	timeout := cfg.timeout()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	raw, _, _, err := dial(ctx, cfg, tlsConfig(cfg), timeout)
	if err != nil {
		return err
	}
	return raw.Close()
}
