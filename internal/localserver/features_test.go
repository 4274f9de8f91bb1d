package localserver_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"xepl/internal/localserver"
	"xepl/internal/servertest"
)

// The features each server must advertise: proof that the modules the
// configuration enables are loaded and reachable.
var (
	// Stream features after authentication.
	wantStreamFeatures = map[localserver.Kind][]string{
		localserver.Prosody:  {"urn:xmpp:sm:3", "urn:xmpp:csi:0"},
		localserver.Ejabberd: {"urn:xmpp:sm:3", "urn:xmpp:csi:0"},
	}
	// disco#info of the server.
	wantServerFeatures = map[localserver.Kind][]string{
		localserver.Prosody: {
			"jabber:iq:version", "urn:xmpp:ping", "urn:xmpp:time", "jabber:iq:last",
			"jabber:iq:private", "vcard-temp", "urn:xmpp:blocking", "urn:xmpp:carbons:2",
			"http://jabber.org/protocol/commands", "jabber:iq:register", "urn:xmpp:extdisco:2",
			"jabber:iq:roster",
		},
		localserver.Ejabberd: {
			"jabber:iq:version", "urn:xmpp:ping", "urn:xmpp:time", "jabber:iq:last",
			"vcard-temp", "urn:xmpp:blocking", "urn:xmpp:carbons:2",
			"http://jabber.org/protocol/commands", "jabber:iq:register", "urn:xmpp:extdisco:2",
			"jabber:iq:privacy", "urn:xmpp:sic:1", "http://jabber.org/protocol/offline",
		},
	}
	// disco#info of the user's own bare JID.
	wantAccountFeatures = map[localserver.Kind][]string{
		localserver.Prosody:  {"urn:xmpp:mam:2", "http://jabber.org/protocol/pubsub#publish"},
		localserver.Ejabberd: {"urn:xmpp:mam:2", "http://jabber.org/protocol/pubsub#publish", "urn:xmpp:push:0"},
	}
	// disco#info of each component, by its field in Server.
	wantComponentFeatures = map[string]string{
		"conference": "http://jabber.org/protocol/muc",
		"pubsub":     "http://jabber.org/protocol/pubsub",
		"upload":     "urn:xmpp:http:upload:0",
		"proxy":      "http://jabber.org/protocol/bytestreams",
	}
	// XEP-0133 commands the admin must see (and others must not).
	wantAdminCommands = []string{
		"http://jabber.org/protocol/admin#add-user",
		"http://jabber.org/protocol/admin#delete-user",
		"http://jabber.org/protocol/admin#announce",
	}
)

func TestFeatures(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, kind localserver.Kind) {
		s := servertest.Shared(t, kind)
		c, err := loginBind(s, "admin", s.AdminPassword)
		if err != nil {
			t.Fatal(err)
		}
		defer c.close()

		for _, f := range wantStreamFeatures[kind] {
			if !strings.Contains(c.features.Inner, f) {
				t.Errorf("stream features lack %s: %s", f, c.features.Inner)
			}
		}
		check := func(what, to string, want []string) {
			t.Helper()
			res, err := c.iq("get", to, "<query xmlns='http://jabber.org/protocol/disco#info'/>")
			if err != nil {
				t.Errorf("disco#info %s: %v", to, err)
				return
			}
			for _, f := range want {
				if !strings.Contains(res.Inner, "var='"+f+"'") && !strings.Contains(res.Inner, `var="`+f+`"`) {
					t.Errorf("%s (%s) lacks feature %s", what, to, f)
				}
			}
			if t.Failed() {
				t.Logf("disco#info %s: %s", to, res.Inner)
			}
		}
		check("server", s.Domain, wantServerFeatures[kind])
		check("account", s.AdminJID, wantAccountFeatures[kind])
		for name, domain := range map[string]string{
			"conference": s.MUCDomain, "pubsub": s.PubSubDomain, "upload": s.UploadDomain, "proxy": s.ProxyDomain,
		} {
			check(name, domain, []string{wantComponentFeatures[name]})
		}

		items, err := c.iq("get", s.Domain, "<query xmlns='http://jabber.org/protocol/disco#items'/>")
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{s.MUCDomain, s.PubSubDomain, s.UploadDomain, s.ProxyDomain} {
			if !strings.Contains(items.Inner, d) {
				t.Errorf("disco#items of the server lacks %s: %s", d, items.Inner)
			}
		}

		commands := func(c *client) string {
			t.Helper()
			res, err := c.iq("get", s.Domain, "<query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'/>")
			if err != nil {
				t.Fatal(err)
			}
			return res.Inner
		}
		admin := commands(c)
		for _, node := range wantAdminCommands {
			if !strings.Contains(admin, node) {
				t.Errorf("admin does not see command %s: %s", node, admin)
			}
		}
		if err := s.Register(context.Background(), "commoner", "pw"); err != nil {
			t.Fatal(err)
		}
		u, err := loginBind(s, "commoner", "pw")
		if err != nil {
			t.Fatal(err)
		}
		defer u.close()
		if user := commands(u); strings.Contains(user, "admin#add-user") {
			t.Errorf("a normal user sees admin commands: %s", user)
		}

		// XEP-0215: the STUN and TURN entries, the TURN one with credentials.
		res, err := c.iq("get", s.Domain, "<services xmlns='urn:xmpp:extdisco:2'/>")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.Inner, "stun") || !strings.Contains(res.Inner, "turn") {
			t.Errorf("external services: %s", res.Inner)
		}
	})
}

// TestRegistration checks in-band registration (XEP-0077) from loopback:
// open, not throttled, and a user can change the password and cancel.
func TestRegistration(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, kind localserver.Kind) {
		s := servertest.Shared(t, kind)
		register := func(user, password string) error {
			c, err := connectTLS(s)
			if err != nil {
				return err
			}
			defer c.close()
			if !strings.Contains(c.features.Inner, "http://jabber.org/features/iq-register") {
				t.Errorf("no register stream feature: %s", c.features.Inner)
			}
			if _, err := c.iq("get", "", "<query xmlns='jabber:iq:register'/>"); err != nil {
				return err
			}
			_, err = c.iq("set", "", "<query xmlns='jabber:iq:register'><username>"+user+"</username><password>"+password+"</password></query>")
			return err
		}
		// Several in a row: no throttling from loopback.
		for _, u := range []string{"ibr1", "ibr2", "ibr3"} {
			if err := register(u, "first"); err != nil {
				t.Fatalf("register %s: %v", u, err)
			}
		}
		if err := register("ibr1", "again"); !isIQError(err) || !strings.Contains(err.Error(), "conflict") {
			t.Errorf("registering an existing name: %v, want conflict", err)
		}

		c, err := loginBind(s, "ibr1", "first")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.iq("set", "", "<query xmlns='jabber:iq:register'><username>ibr1</username><password>second</password></query>"); err != nil {
			t.Fatalf("change password: %v", err)
		}
		c.close()
		c, err = loginBind(s, "ibr1", "second")
		if err != nil {
			t.Fatalf("login with the changed password: %v", err)
		}
		if _, err := c.iq("set", "", "<query xmlns='jabber:iq:register'><remove/></query>"); err != nil {
			t.Fatalf("cancel registration: %v", err)
		}
		c.close()
		if c, err := loginBind(s, "ibr1", "second"); err == nil {
			c.close()
			t.Error("logged in to a cancelled account")
		}
	})
}

// TestHTTPUpload gets an upload slot (XEP-0363), PUTs a file to it and
// GETs it back, over HTTPS verified against s.CertPool.
func TestHTTPUpload(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, kind localserver.Kind) {
		s := servertest.Shared(t, kind)
		c, err := loginBind(s, "admin", s.AdminPassword)
		if err != nil {
			t.Fatal(err)
		}
		defer c.close()
		const body = "hello from xepl\n"
		slot, err := c.iq("get", s.UploadDomain, fmt.Sprintf(
			"<request xmlns='urn:xmpp:http:upload:0' filename='hello.txt' size='%d' content-type='text/plain'/>", len(body)))
		if err != nil {
			t.Fatal(err)
		}
		urls := map[string]string{}
		for _, m := range regexp.MustCompile(`<(put|get) url=["']([^"']+)["']`).FindAllStringSubmatch(slot.Inner, -1) {
			urls[m[1]] = html.UnescapeString(m[2])
		}
		if urls["put"] == "" || urls["get"] == "" {
			t.Fatalf("slot without put and get URLs: %s", slot.Inner)
		}
		hc := &http.Client{
			Timeout:   10 * time.Second,
			Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.CertPool}},
		}
		req, _ := http.NewRequest("PUT", urls["put"], strings.NewReader(body))
		req.Header.Set("Content-Type", "text/plain")
		// Headers the slot asks for (Prosody: Authorization).
		for _, m := range regexp.MustCompile(`<header name=["']([^"']+)["']>([^<]*)</header>`).FindAllStringSubmatch(slot.Inner, -1) {
			req.Header.Set(m[1], html.UnescapeString(m[2]))
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			t.Fatalf("PUT %s: %s", urls["put"], resp.Status)
		}
		resp, err = hc.Get(urls["get"])
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(got) != body {
			t.Errorf("GET %s: %s %q", urls["get"], resp.Status, got)
		}
	})
}
