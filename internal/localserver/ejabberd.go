package localserver

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"time"

	"xepl/internal/selfsigned"
)

// ejabberdConfig is the configuration of a throwaway ejabberd 23.01
// (Mnesia in the server's directory, every listener on 127.0.0.1).
//
// Modules:
//   - mod_register (IBR, XEP-0077, with registration_timeout: infinity and
//     ip_access allowing loopback; password change and <remove/> open),
//     mod_roster, mod_disco (with XEP-0157 contact addresses), mod_caps
//   - mod_adhoc (XEP-0050), mod_configure (XEP-0133 for the admin),
//     mod_announce (announcements and MOTD), mod_admin_extra
//     (ejabberdctl change_password, used by Register)
//   - mod_ping (0199), mod_version (0092), mod_time (0202), mod_last
//     (0012, server uptime too), mod_private (0049), mod_vcard (0054,
//     no search), mod_vcard_xupdate (0153), mod_avatar (0398),
//     mod_privacy (0016) + mod_blocking (0191), mod_carboncopy (0280),
//     mod_mam (0313, archiving always on), mod_client_state (0352),
//     mod_stream_mgmt (0198), mod_push + mod_push_keepalive (0357),
//     mod_offline (0160), mod_sic (0279), mod_stun_disco (0215, a STUN
//     and a restricted TURN entry; nothing listens there)
//   - services: mod_muc at conference.localhost with MAM for rooms
//     (0045, 0313) + mod_muc_admin, mod_pubsub at pubsub.localhost with
//     the pep plugin (0060, 0163), mod_http_upload at upload.localhost
//     (0363, over HTTPS on HTTPPort), mod_proxy65 at proxy.localhost
//     (0065)
//
// Left off: s2s listener, BOSH/websocket, web admin and HTTP API, MQTT,
// SIP, STUN/TURN listener, MIX (0369), multicast (0033), vCard search
// (0055), shared rosters, fail2ban (would ban the tests' failed logins),
// mod_pres_counter (rate limiting).
var ejabberdConfig = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("ejabberd").Funcs(template.FuncMap{"q": strconv.Quote}).Parse(`# Throwaway ejabberd for xepl tests; generated, do not edit.
hosts:
  - {{q .Domain}}
loglevel: info
log_rotate_count: 0
certfiles:
  - {{q .PEMFile}}
ca_file: {{q .CertFile}}
language: en

listen:
  - port: {{.Port}}
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls_required: true
    access: c2s
    max_stanza_size: 262144
  - port: {{.DirectTLSPort}}
    ip: "127.0.0.1"
    module: ejabberd_c2s
    tls: true
    access: c2s
    max_stanza_size: 262144
  - port: {{.HTTPPort}}
    ip: "127.0.0.1"
    module: ejabberd_http
    tls: true
    request_handlers:
      /upload: mod_http_upload

auth_method: internal
registration_timeout: infinity

acl:
  admin:
    user:
      - {{q .AdminJID}}
  local:
    user_regexp: ""
  loopback:
    ip:
      - 127.0.0.0/8
      - ::1/128

access_rules:
  local:
    allow: local
  c2s:
    deny: blocked
    allow: all
  announce:
    allow: admin
  configure:
    allow: admin
  muc_create:
    allow: local
  pubsub_createnode:
    allow: local
  register:
    allow: all
  trusted_network:
    allow: loopback

api_permissions:
  "console commands":
    from:
      - ejabberd_ctl
    who: all
    what: "*"

shaper_rules:
  max_user_sessions: 1000
  max_user_offline_messages: 5000

modules:
  mod_adhoc: {}
  mod_admin_extra: {}
  mod_announce:
    access: announce
  mod_avatar: {}
  mod_blocking: {}
  mod_caps: {}
  mod_carboncopy: {}
  mod_client_state: {}
  mod_configure: {}
  mod_disco:
    server_info:
      - modules: all
        name: admin-addresses
        urls:
          - "xmpp:{{.AdminJID}}"
  mod_http_upload:
    host: {{q .UploadDomain}}
    put_url: "https://127.0.0.1:{{.HTTPPort}}/upload"
    docroot: {{q .UploadDir}}
  mod_last: {}
  mod_mam:
    default: always
  mod_muc:
    host: {{q .MUCDomain}}
    access: all
    access_admin: admin
    access_create: muc_create
    access_persistent: muc_create
    access_mam: all
    default_room_options:
      mam: true
  mod_muc_admin: {}
  mod_offline:
    access_max_user_messages: max_user_offline_messages
  mod_ping: {}
  mod_privacy: {}
  mod_private: {}
  mod_proxy65:
    host: {{q .ProxyDomain}}
    ip: 127.0.0.1
    hostname: 127.0.0.1
    port: {{.Proxy65Port}}
  mod_pubsub:
    host: {{q .PubSubDomain}}
    access_createnode: pubsub_createnode
    plugins:
      - flat
      - pep
    force_node_config:
      storage:bookmarks:
        access_model: whitelist
  mod_push: {}
  mod_push_keepalive: {}
  mod_register:
    ip_access: trusted_network
    access: register
    access_remove: all
  mod_roster:
    versioning: true
  mod_sic: {}
  mod_stream_mgmt: {}
  mod_stun_disco:
    secret: "xepl-turn-secret"
    services:
      - host: 127.0.0.1
        port: 3478
        type: stun
        transport: udp
        restricted: false
      - host: 127.0.0.1
        port: 3478
        type: turn
        transport: udp
        restricted: true
  mod_time: {}
  mod_vcard:
    search: false
  mod_vcard_xupdate: {}
  mod_version: {}
`))
})

// ejabberdctlConfig is sourced by ejabberdctl. ERL_DIST_PORT makes the
// node listen for distribution on that port (on 127.0.0.1 only) and talk
// to no epmd; EJABBERD_PID_PATH tells us beam.smp's pid.
var ejabberdctlConfig = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("ejabberdctl").Parse(`# Throwaway ejabberd for xepl tests; generated, do not edit.
ERL_DIST_PORT={{.DistPort}}
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0 -kernel inet_dist_use_interface {127,0,0,1}"
EJABBERD_PID_PATH="{{.Dir}}/ejabberd.pid"
CONTRIB_MODULES_PATH="{{.Dir}}/contrib"
CONTRIB_MODULES_CONF_DIR="{{.Dir}}/contrib/conf"
EJABBERD_BYPASS_WARNINGS=true
`))
})

// ejabberdVMArgs is the node's vm.args (ejabberdctl passes it to every
// erl it starts). In the server, where XEPL_WATCHDOG is set, it watches
// fd 3, a pipe whose other end only our process holds: when we die,
// however we die, it reads end of file and halts the node. Pdeathsig
// cannot do that: beam.smp is ejabberdctl's child, not ours.
const ejabberdVMArgs = `-eval 'case os:getenv("XEPL_WATCHDOG") of false -> ok; _ -> spawn(fun() -> P = open_port({fd, 3, 3}, [in, eof]), receive {P, eof} -> erlang:halt(1) end end) end'
`

// ejabberdInetrc makes the node resolve localhost without DNS.
const ejabberdInetrc = `{lookup, ["file", "native"]}.
{host, {127,0,0,1}, ["localhost"]}.
`

type ejabberdImpl struct{}

func (ejabberdImpl) user() string                { return "ejabberd" }
func (ejabberdImpl) ports() int                  { return 5 }
func (ejabberdImpl) stopTimeout() time.Duration  { return 10 * time.Second }
func (ejabberdImpl) startTimeout() time.Duration { return 90 * time.Second }

// ejabberdNode is the Erlang node name of the server in dir.
func ejabberdNode(dir string) string {
	return "xepl" + strings.TrimPrefix(filepath.Base(dir), "xepl-ejabberd-") + "@localhost"
}

func (ejabberdImpl) configure(s *Server, ports []int, cert *selfsigned.Cert) error {
	s.Port, s.DirectTLSPort, s.HTTPPort, s.Proxy65Port = ports[0], ports[1], ports[2], ports[3]
	s.ConfigFile = filepath.Join(s.Dir, "ejabberd.yml")
	pemFile := filepath.Join(s.Dir, "server.pem")
	if err := os.WriteFile(pemFile, append(append([]byte{}, cert.PEM...), cert.KeyPEM...), 0o600); err != nil {
		return err
	}
	for _, d := range []string{"logs", "spool", "upload", "contrib"} {
		if err := os.Mkdir(filepath.Join(s.Dir, d), 0o750); err != nil {
			return err
		}
	}
	data := struct {
		*Server
		PEMFile, UploadDir string
		DistPort           int
	}{s, pemFile, filepath.Join(s.Dir, "upload"), ports[4]}
	files := []struct {
		name string
		t    *template.Template
		text string
	}{
		{"ejabberd.yml", ejabberdConfig(), ""},
		{"ejabberdctl.cfg", ejabberdctlConfig(), ""},
		{"vm.args", nil, ejabberdVMArgs},
		{"inetrc", nil, ejabberdInetrc},
	}
	for _, f := range files {
		b := []byte(f.text)
		if f.t != nil {
			var buf bytes.Buffer
			if err := f.t.Execute(&buf, data); err != nil {
				return err
			}
			b = buf.Bytes()
		}
		if err := os.WriteFile(filepath.Join(s.Dir, f.name), b, 0o640); err != nil {
			return err
		}
	}
	return nil
}

// ejabberdctlArgs are the options that point ejabberdctl at s.
func ejabberdctlArgs(s *Server, args ...string) []string {
	return append([]string{
		"--config-dir", s.Dir,
		"--config", s.ConfigFile,
		"--ctl-config", filepath.Join(s.Dir, "ejabberdctl.cfg"),
		"--logs", filepath.Join(s.Dir, "logs"),
		"--spool", filepath.Join(s.Dir, "spool"),
		"--node", ejabberdNode(s.Dir),
	}, args...)
}

func (ejabberdImpl) start(s *Server) (*process, []*os.File, error) {
	bin, out, err := s.binAndLog("ejabberdctl")
	if err != nil {
		return nil, nil, err
	}
	defer out.Close() // the child has its own copy
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	cmd := s.acct.command(s.Dir, bin, ejabberdctlArgs(s, "foreground"), "XEPL_WATCHDOG=1")
	cmd.Stdout, cmd.Stderr = out, out
	cmd.ExtraFiles = []*os.File{r} // fd 3, see ejabberdVMArgs
	p, err := startProcess(cmd)
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	pidFile := filepath.Join(s.Dir, "ejabberd.pid")
	var pid atomic.Int64
	s.pid = func() int {
		if pid.Load() == 0 {
			if b, err := os.ReadFile(pidFile); err == nil {
				n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
				pid.Store(int64(n))
			}
		}
		return int(pid.Load())
	}
	return p, []*os.File{w}, nil
}

func (ejabberdImpl) listening(s *Server) string {
	return fmt.Sprintf("Start accepting TCP connections at %s:%d for ejabberd_c2s", s.Host, s.Port)
}

var ejabberdVersionRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`ejabberd (\S+) is started`) })

func (im ejabberdImpl) started(ctx context.Context, s *Server) error {
	if s.Pid() == 0 {
		return fmt.Errorf("no pid in %s", filepath.Join(s.Dir, "ejabberd.pid"))
	}
	if m := ejabberdVersionRE().FindStringSubmatch(s.LogTail(-1)); m != nil {
		s.Version = m[1]
	}
	return im.register(ctx, s, "admin", s.AdminPassword)
}

func (ejabberdImpl) register(ctx context.Context, s *Server, user, password string) error {
	out, err := runCtl(ctx, s, "register "+user, "ejabberdctl", ejabberdctlArgs(s, "register", user, s.Domain, password)...)
	if err != nil && strings.Contains(out, "already registered") {
		_, err = runCtl(ctx, s, "change_password "+user, "ejabberdctl", ejabberdctlArgs(s, "change_password", user, s.Domain, password)...)
	}
	return err
}
