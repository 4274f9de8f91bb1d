package rawxml_test

import (
	"strings"
	"testing"

	"xepl/internal/rawxml"
)

// m stands for the mask in expected outputs.
const m = rawxml.Mask

func TestRedact(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// password and old_password, in any namespace.
		{"in-band registration",
			"<iq type='set' id='r1'><query xmlns='jabber:iq:register'><username>bill</username><password>Calliope</password></query></iq>",
			"<iq type='set' id='r1'><query xmlns='jabber:iq:register'><username>bill</username><password>" + m + "</password></query></iq>"},
		{"password change with old password",
			"<query xmlns='jabber:iq:register'><username>bill</username><old_password>a</old_password><password>b c</password></query>",
			"<query xmlns='jabber:iq:register'><username>bill</username><old_password>" + m + "</old_password><password>" + m + "</password></query>"},
		{"MUC join",
			"<presence to='coven@chat.shakespeare.lit/thirdwitch'><x xmlns='http://jabber.org/protocol/muc'><password>cauldronburn</password></x></presence>",
			"<presence to='coven@chat.shakespeare.lit/thirdwitch'><x xmlns='http://jabber.org/protocol/muc'><password>" + m + "</password></x></presence>"},
		{"password without any declaration", "<password>x</password>", "<password>" + m + "</password>"},
		{"prefixed password in another namespace",
			"<r:password xmlns:r='urn:example'>x</r:password>", "<r:password xmlns:r='urn:example'>" + m + "</r:password>"},
		{"empty password element kept", "<query xmlns='jabber:iq:register'><password/></query>", ""},
		{"password with empty content kept", "<query xmlns='jabber:iq:register'><password></password></query>", ""},
		{"password inside CDATA", "<password><![CDATA[p<a>ss]]]]></password>", "<password>" + m + "</password>"},
		{"CDATA that only looks like a password", "<body><![CDATA[<password>x</password>]]></body>", ""},
		{"comment that only looks like a password", "<a><!-- <password>x</password> --></a>", ""},
		{"tag with a greater-than in a value", "<password a='>'>x</password>", "<password a='>'>" + m + "</password>"},
		{"password holding elements", "<password>a<b>c</b><password>d</password>e</password>", "<password>" + m + "</password>"},
		{"white space is masked too", "<password> </password>", "<password>" + m + "</password>"},

		// jabber:iq:auth.
		{"non-SASL digest",
			"<query xmlns='jabber:iq:auth'><username>bill</username><digest>48fc78be9ec8f86d8ce1c39c320c97c21d62334d</digest><resource>globe</resource></query>",
			"<query xmlns='jabber:iq:auth'><username>bill</username><digest>" + m + "</digest><resource>globe</resource></query>"},
		{"digest in another namespace kept", "<digest xmlns='urn:example'>abc</digest>", ""},

		// SASL.
		{"SASL auth",
			"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG0zMG15cjBtMzA=</auth>",
			"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + m + "</auth>"},
		{"prefixed SASL auth",
			"<sasl:auth xmlns:sasl='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG0zMG15cjBtMzA=</sasl:auth>",
			"<sasl:auth xmlns:sasl='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + m + "</sasl:auth>"},
		{"SASL challenge", "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>cj1meWtv</challenge>",
			"<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + m + "</challenge>"},
		{"SASL response", "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>Yz1iaXdz</response>",
			"<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + m + "</response>"},
		{"SASL success", "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>dj1ybUY5</success>",
			"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + m + "</success>"},
		{"SASL success without data kept", "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", ""},
		{"SASL failure kept", "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/><text>bad password</text></failure>", ""},
		{"auth in jabber:client kept", "<auth>AGp1</auth>", ""},
		{"response in another namespace kept", "<response xmlns='urn:example'>42</response>", ""},
		{"SASL auth inside a stream fragment",
			"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" +
				"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1</auth><presence/>",
			"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" +
				"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + m + "</auth><presence/>"},
		{"SASL namespace as the stream's default",
			"<s:stream xmlns:s='http://etherx.jabber.org/streams' xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><auth>AGp1</auth>",
			"<s:stream xmlns:s='http://etherx.jabber.org/streams' xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><auth>" + m + "</auth>"},
		{"declaration out of scope after its element",
			"<a><x xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/><auth>AGp1</auth></a>", ""},

		// SASL2.
		{"SASL2 authenticate",
			"<authenticate xmlns='urn:xmpp:sasl:2' mechanism='SCRAM-SHA-1'><initial-response>biwsbj11c2VyLHI9</initial-response>" +
				"<user-agent id='d4565fa7'><software>xepl</software></user-agent></authenticate>",
			"<authenticate xmlns='urn:xmpp:sasl:2' mechanism='SCRAM-SHA-1'><initial-response>" + m + "</initial-response>" +
				"<user-agent id='d4565fa7'><software>xepl</software></user-agent></authenticate>"},
		{"SASL2 success keeps the authorization identifier",
			"<success xmlns='urn:xmpp:sasl:2'><additional-data>dj1tc1ZI</additional-data>" +
				"<authorization-identifier>juliet@example.org/balcony</authorization-identifier></success>",
			"<success xmlns='urn:xmpp:sasl:2'><additional-data>" + m + "</additional-data>" +
				"<authorization-identifier>juliet@example.org/balcony</authorization-identifier></success>"},
		{"SASL2 challenge and response",
			"<challenge xmlns='urn:xmpp:sasl:2'>cj1j</challenge><response xmlns='urn:xmpp:sasl:2'>Yz1i</response>",
			"<challenge xmlns='urn:xmpp:sasl:2'>" + m + "</challenge><response xmlns='urn:xmpp:sasl:2'>" + m + "</response>"},

		// Data forms.
		{"text-private field",
			"<x xmlns='jabber:x:data' type='form'><field var='pin' type='text-private'><value>1234</value></field>" +
				"<field var='name' type='text-single'><value>bob</value></field></x>",
			"<x xmlns='jabber:x:data' type='form'><field var='pin' type='text-private'><value>" + m + "</value></field>" +
				"<field var='name' type='text-single'><value>bob</value></field></x>"},
		{"submitted form without types (XEP-0133 add user)",
			"<command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#add-user'>" +
				"<x xmlns='jabber:x:data' type='submit'>" +
				"<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>" +
				"<field var='accountjid'><value>juliet@example.org</value></field>" +
				"<field var='password'><value>s3cr3t</value></field>" +
				"<field var='password-verify'><value>s3cr3t</value></field></x></command>",
			"<command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#add-user'>" +
				"<x xmlns='jabber:x:data' type='submit'>" +
				"<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>" +
				"<field var='accountjid'><value>juliet@example.org</value></field>" +
				"<field var='password'><value>" + m + "</value></field>" +
				"<field var='password-verify'><value>" + m + "</value></field></x></command>"},
		{"MUC room secret",
			"<x xmlns='jabber:x:data' type='submit'><field var='muc#roomconfig_roomsecret'><value>cauldronburn</value></field></x>",
			"<x xmlns='jabber:x:data' type='submit'><field var='muc#roomconfig_roomsecret'><value>" + m + "</value></field></x>"},
		{"MUC password-protected switch is not a secret",
			"<x xmlns='jabber:x:data' type='submit'><field var='muc#roomconfig_passwordprotectedroom'><value>1</value></field></x>",
			"<x xmlns='jabber:x:data' type='submit'><field var='muc#roomconfig_passwordprotectedroom'><value>1</value></field></x>"},
		{"var matched in any case, passwd too",
			"<x xmlns='jabber:x:data'><field var='User_PassWord'><value>a</value></field><field var='PASSWD'><value>b</value></field></x>",
			"<x xmlns='jabber:x:data'><field var='User_PassWord'><value>" + m + "</value></field><field var='PASSWD'><value>" + m + "</value></field></x>"},
		{"every value of a secret field",
			"<x xmlns='jabber:x:data'><field var='secrets' type='text-multi'><value>a</value><value>b</value></field></x>",
			"<x xmlns='jabber:x:data'><field var='secrets' type='text-multi'><value>" + m + "</value><value>" + m + "</value></field></x>"},
		{"empty value in a form that asks for a password kept",
			"<x xmlns='jabber:x:data' type='form'><field var='password' type='text-private' label='Password'><value/></field>" +
				"<field var='password2' type='text-private'><value></value></field></x>", ""},
		{"field description and options are not values",
			"<x xmlns='jabber:x:data'><field var='password' type='text-private'><desc>Your password</desc><required/><value>x</value></field></x>",
			"<x xmlns='jabber:x:data'><field var='password' type='text-private'><desc>Your password</desc><required/><value>" + m + "</value></field></x>"},
		{"report items",
			"<x xmlns='jabber:x:data' type='result'><reported><field var='password'/><field var='jid'/></reported>" +
				"<item><field var='jid'><value>a@b</value></field><field var='password'><value>p</value></field></item></x>",
			"<x xmlns='jabber:x:data' type='result'><reported><field var='password'/><field var='jid'/></reported>" +
				"<item><field var='jid'><value>a@b</value></field><field var='password'><value>" + m + "</value></field></item></x>"},
		{"nested forms",
			"<x xmlns='jabber:x:data'><field var='outer'><value>1</value></field>" +
				"<x xmlns='jabber:x:data'><field var='passwd'><value>2</value></field><field var='n'><value>3</value></field></x>" +
				"<field var='after'><value>4</value></field></x>",
			"<x xmlns='jabber:x:data'><field var='outer'><value>1</value></field>" +
				"<x xmlns='jabber:x:data'><field var='passwd'><value>" + m + "</value></field><field var='n'><value>3</value></field></x>" +
				"<field var='after'><value>4</value></field></x>"},
		{"prefixed data form",
			"<d:x xmlns:d='jabber:x:data'><d:field var='password'><d:value>s</d:value></d:field></d:x>",
			"<d:x xmlns:d='jabber:x:data'><d:field var='password'><d:value>" + m + "</d:value></d:field></d:x>"},
		{"field outside jabber:x:data kept",
			"<field xmlns='urn:example' var='password'><value>x</value></field>", ""},
		{"value of another namespace in a secret field kept",
			"<x xmlns='jabber:x:data'><field var='password'><value xmlns='urn:example'>x</value></field></x>", ""},
		{"value outside any field kept", "<x xmlns='jabber:x:data'><value>x</value></x>", ""},
		{"escaped var", "<x xmlns='jabber:x:data'><field var='pass&#119;ord'><value>x</value></field></x>",
			"<x xmlns='jabber:x:data'><field var='pass&#119;ord'><value>" + m + "</value></field></x>"},

		// Fragments that are not well-formed.
		{"cut inside a secret", "<iq><query xmlns='jabber:iq:register'><password>sec",
			"<iq><query xmlns='jabber:iq:register'><password>" + m},
		{"cut inside the secret's end tag", "<password>sec</passw", "<password>" + m + "</passw"},
		{"cut inside a secret's CDATA", "<password><![CDATA[sec", "<password>" + m},
		{"cut inside a secret start tag", "<password a='", ""},
		{"starts inside a secret", "cret</password></query></iq>", m + "</password></query></iq>"},
		{"starts inside a SASL payload", "Gp1bGll</auth>", m + "</auth>"},
		{"starts inside a tag before a secret's end", "='x'>secret</password>", m + "</password>"},
		{"starts inside ordinary text", "lo</body></message>", ""},
		{"wrong end tag", "<password>abc</pass>rest<b/>", "<password>" + m + "</pass>rest<b/>"},
		{"several secrets", "<password>a</password><x/><password>b</password>",
			"<password>" + m + "</password><x/><password>" + m + "</password>"},
		{"no markup at all", "just some text", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			got := rawxml.Redact(in)
			if tt.want == "" {
				if string(got) != tt.in {
					t.Fatalf("Redact(%q) =\n %q\nwant it unchanged", tt.in, got)
				}
				if len(in) > 0 && &got[0] != &in[0] {
					t.Errorf("Redact returned a copy when nothing was secret")
				}
				return
			}
			if string(got) != tt.want {
				t.Errorf("Redact(%q) =\n %q\nwant\n %q", tt.in, got, tt.want)
			}
			if string(in) != tt.in {
				t.Errorf("Redact changed its input")
			}
		})
	}
}

// TestRedactSplitterUnits masks the units of a client session, as the
// wire log does.
func TestRedactSplitterUnits(t *testing.T) {
	var shown []string
	s := rawxml.NewSplitter(func(u rawxml.Unit) { shown = append(shown, string(rawxml.Redact(u.Raw))) })
	s.Write(concat(clientSession))
	s.Flush()
	all := strings.Join(shown, "")
	if strings.Contains(all, "AGp1bGlldAByMG0zMG15cjBtMzA=") {
		t.Errorf("SASL payload shown: %s", all)
	}
	if !strings.Contains(all, "mechanism='PLAIN'>"+m+"</auth>") || !strings.Contains(all, "Wherefore art thou, Romeo?") {
		t.Errorf("unexpected log: %s", all)
	}
}

func TestSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"password": true, "password-verify": true, "User_PassWord": true, "PASSWD": true,
		"muc#roomconfig_roomsecret": true, "muc#roomconfig_passwordprotectedroom": false,
		"accountjid": false, "pass": false, "": false,
	} {
		if got := rawxml.SecretName(name); got != want {
			t.Errorf("SecretName(%q) = %v, want %v", name, got, want)
		}
	}
}
