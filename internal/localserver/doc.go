// Package localserver starts throwaway Prosody and ejabberd servers on
// loopback, each in its own temporary directory with a self-signed
// certificate, open in-band registration, ad-hoc and XEP-0133 commands and
// an admin account. The tests use it, and so does xepl's --local flag.
//
// Start returns a running Server; Stop stops it and removes its directory:
//
//	s, err := localserver.Start(ctx, localserver.Prosody)
//	...
//	defer s.Stop()
//	cfg := tls.Config{ServerName: s.Domain, RootCAs: s.CertPool}
//	// STARTTLS on s.Addr(), direct TLS on s.DirectTLSAddr(),
//	// log in as s.AdminJID with s.AdminPassword, or s.Register more.
//
// Tests take their servers from xepl/internal/servertest, which shares
// one per kind and test binary, or gives a test one of its own.
//
// Each server gets the domain localhost with the components
// conference.localhost (MUC), pubsub.localhost, upload.localhost (HTTP
// upload over HTTPS) and proxy.localhost (SOCKS5 bytestreams), all named
// in the certificate, and a rich set of modules so that most XEPs a
// client exercises are there on both servers: see prosodyConfig and
// ejabberdConfig for the list and what is missing.
//
// Every port is free when picked and bound to 127.0.0.1 only, ejabberd's
// Erlang distribution included (no epmd), so many servers of both kinds
// can run at once, from parallel test binaries too. When run as root the
// servers run as their packaged system users (prosody, ejabberd), started
// with that identity directly so that the pid is the server's own; nothing
// is read from or written to /etc/prosody, /etc/ejabberd, /var/lib/... .
// A server dies with the program that started it (Pdeathsig for Prosody;
// for ejabberd, whose beam.smp is ejabberdctl's child, a watchdog in the
// Erlang node that halts it when a pipe from us closes).
package localserver
