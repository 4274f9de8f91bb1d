package localserver

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"text/template"
	"time"

	"xepl/internal/selfsigned"
)

// prosodyConfig is the configuration of a throwaway Prosody 0.12. Every
// path is inside the server's directory and every port is on 127.0.0.1,
// so nothing touches /etc/prosody or /var/lib/prosody.
//
// Modules (Prosody 0.12 core; what is not listed is not in the package):
//   - register (IBR, XEP-0077: registration, password change, <remove/>;
//     loopback is on the registration allowlist, so never throttled),
//     saslauth + internal_hashed (SCRAM-SHA-1, PLAIN over TLS), tls
//     (STARTTLS required), roster, disco
//   - adhoc + admin_adhoc (XEP-0050, XEP-0133 for admins), announce, motd
//   - ping (0199), version (0092), time (0202), uptime + lastactivity
//     (0012), private (0049), vcard4 + vcard_legacy (0292, vcard-temp
//     0054 and avatars 0153/0084 over PEP), pep (0163), bookmarks (0402,
//     0048 compat), blocklist (0191), carbons (0280), mam (0313),
//     csi_simple (0352), smacks (0198), offline (0160, auto-loaded),
//     server_contact_info (0157), external_services (0215, a STUN and a
//     TURN entry with a shared secret; nothing listens there)
//   - components: conference.localhost muc + muc_mam (0045, 0313 for
//     rooms), pubsub.localhost pubsub (0060), upload.localhost
//     http_file_share (0363, over HTTPS on HTTPPort), proxy.localhost
//     proxy65 (0065)
//   - posix (pidfile)
//
// Not available in Prosody 0.12 core: privacy lists (XEP-0016, removed in
// 0.10; community mod_privacy_lists), push (XEP-0357, community
// mod_cloud_notify). Left off: s2s ports (only c2s is tested; outgoing
// s2s still tries), bosh/websocket, legacyauth (XEP-0078; on in the
// minimal server, which stands for an older one), limits (rate
// limiting would slow tests), tombstones (would refuse re-registering a
// deleted name), invites.
var prosodyConfig = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("prosody").Funcs(template.FuncMap{"lua": luaString}).Parse(`-- Throwaway Prosody for xepl tests; generated, do not edit.
pidfile = {{lua .PidFile}}
data_path = {{lua .DataDir}}
plugin_paths = { }
log = { { levels = { min = "info" }, to = "console", timestamps = true } }

interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { {{.Port}} }
c2s_direct_tls_ports = { {{.DirectTLSPort}} }
legacy_ssl_ports = { }
s2s_ports = { }
s2s_direct_tls_ports = { }
component_ports = { }
http_ports = { }
https_ports = { {{.HTTPPort}} }
http_interfaces = { "127.0.0.1" }
https_interfaces = { "127.0.0.1" }
http_default_host = {{lua .UploadDomain}}
http_external_url = "https://127.0.0.1:{{.HTTPPort}}/"
proxy65_ports = { {{.Proxy65Port}} }
proxy65_interfaces = { "127.0.0.1" }
proxy65_address = "127.0.0.1"

ssl = { certificate = {{lua .CertFile}}; key = {{lua .KeyFile}} }
certificates = {{lua .Dir}}

admins = { {{lua .AdminJID}} }
authentication = "internal_hashed"
storage = "internal"
c2s_require_encryption = true
allow_registration = true
registration_allowlist = { "127.0.0.1", "::1" }
default_archive_policy = true

{{if .Minimal}}
-- A minimal server: the core protocol, registration, ping and version,
-- and the obsolete non-SASL login some old servers still offer.
modules_enabled = {
	"roster"; "saslauth"; "tls"; "disco"; "register";
	"ping"; "version"; "posix"; "legacyauth";
}
modules_disabled = { "offline" }
{{else}}
modules_enabled = {
	"roster"; "saslauth"; "tls"; "disco"; "register";
	"adhoc"; "admin_adhoc"; "announce"; "motd";
	"ping"; "version"; "time"; "uptime"; "lastactivity";
	"private"; "vcard4"; "vcard_legacy"; "pep"; "bookmarks";
	"blocklist"; "carbons"; "mam"; "csi_simple"; "smacks";
	"server_contact_info"; "external_services"; "posix";
}
{{end}}
motd_text = "Welcome to xepl's throwaway Prosody."
contact_info = { admin = { "xmpp:{{.AdminJID}}" } }
external_services = {
	{ type = "stun", transport = "udp", host = "127.0.0.1", port = 3478 };
	{ type = "turn", transport = "udp", host = "127.0.0.1", port = 3478, secret = "xepl-turn-secret" };
}

VirtualHost {{lua .Domain}}
{{if not .Minimal}}
Component {{lua .MUCDomain}} "muc"
	modules_enabled = { "muc_mam" }

Component {{lua .PubSubDomain}} "pubsub"

Component {{lua .UploadDomain}} "http_file_share"

Component {{lua .ProxyDomain}} "proxy65"
{{end}}`))
})

// luaString quotes s as a Lua string literal.
func luaString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// prosodyImpl starts Prosody; minimal leaves out all but the core (see
// ProsodyMinimal).
type prosodyImpl struct{ minimal bool }

func (prosodyImpl) user() string                { return "prosody" }
func (prosodyImpl) ports() int                  { return 4 }
func (prosodyImpl) stopTimeout() time.Duration  { return 5 * time.Second }
func (prosodyImpl) startTimeout() time.Duration { return 30 * time.Second }

func (im prosodyImpl) configure(s *Server, ports []int, cert *selfsigned.Cert) error {
	s.Port, s.DirectTLSPort, s.HTTPPort, s.Proxy65Port = ports[0], ports[1], ports[2], ports[3]
	s.ConfigFile = filepath.Join(s.Dir, "prosody.cfg.lua")
	keyFile := filepath.Join(s.Dir, "key.pem")
	if err := os.WriteFile(keyFile, cert.KeyPEM, 0o600); err != nil {
		return err
	}
	dataDir := filepath.Join(s.Dir, "data")
	if err := os.Mkdir(dataDir, 0o750); err != nil {
		return err
	}
	var buf bytes.Buffer
	err := prosodyConfig().Execute(&buf, struct {
		*Server
		KeyFile, PidFile, DataDir string
		Minimal                   bool
	}{s, keyFile, filepath.Join(s.Dir, "prosody.pid"), dataDir, im.minimal})
	if err != nil {
		return err
	}
	return os.WriteFile(s.ConfigFile, buf.Bytes(), 0o640)
}

func (prosodyImpl) start(s *Server) (*process, []*os.File, error) {
	bin, out, err := s.binAndLog("prosody")
	if err != nil {
		return nil, nil, err
	}
	defer out.Close() // the child has its own copy
	cmd := s.acct.command(s.Dir, bin, []string{"-F", "--config", s.ConfigFile})
	cmd.Stdout, cmd.Stderr = out, out
	p, err := startProcess(cmd)
	if err != nil {
		return nil, nil, err
	}
	s.pid = func() int { return p.cmd.Process.Pid }
	return p, nil, nil
}

func (prosodyImpl) listening(s *Server) string {
	return fmt.Sprintf("Activated service 'c2s' on [%s]:%d", s.Host, s.Port)
}

var prosodyVersionRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`Prosody version (\S+)`) })

func (im prosodyImpl) started(ctx context.Context, s *Server) error {
	if m := prosodyVersionRE().FindStringSubmatch(s.LogTail(-1)); m != nil {
		s.Version = m[1]
	}
	return im.register(ctx, s, "admin", s.AdminPassword)
}

func (prosodyImpl) register(ctx context.Context, s *Server, user, password string) error {
	_, err := runCtl(ctx, s, "register "+user, "prosodyctl", "--config", s.ConfigFile, "register", user, s.Domain, password)
	return err
}
