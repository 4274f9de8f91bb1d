package repl

import (
	"strings"
	"testing"
)

func TestSecretPainter(t *testing.T) {
	sh, err := newShell(Config{Stdout: &strings.Builder{}, Input: strings.NewReader(""), Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	sh.secretNames.add("pin") // a private field a form has shown
	p := secretPainter{sh: sh}
	tests := []struct{ line, want string }{
		{"admin.add-user jid=a@b password=hunter2", "admin.add-user jid=a@b password=*******"},
		{"register.change-password password='two words'", "register.change-password password=***********"},
		{"muc.config-set room=r@c password=pw", "muc.config-set room=r@c password=**"},
		{"configure r@c muc#roomconfig_roomsecret=s3", "configure r@c muc#roomconfig_roomsecret=**"},
		{"run cmd pin=1234 name=x", "run cmd pin=**** name=x"},
		{"<iq><query><password>héllo</password></query></iq>", "<iq><query><password>*****</password></query></iq>"},
		{"send <iq><query><password>x</password></query></iq>", "send <iq><query><password>*</password></query></iq>"},
		{"search password reset", "search password reset"},
		{"<message><body>password=x</body></message>", "<message><body>password=x</body></message>"},
	}
	for _, tt := range tests {
		if got := string(p.Paint([]rune(tt.line), 0)); got != tt.want {
			t.Errorf("%s\n painted %s\n    want %s", tt.line, got, tt.want)
		}
	}
	// A continuation line of an element being typed.
	sh.pendingXML = []string{"<iq><query><password>"}
	if got := string(p.Paint([]rune("hunter2</password></query></iq>"), 0)); got != "*******</password></query></iq>" {
		t.Errorf("continuation painted %s", got)
	}
}
