package rawxml_test

import (
	"testing"

	"xepl/internal/rawxml"
)

func TestSecretSpans(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want []string
	}{
		{`<query><username>bob</username><password>hunter2</password></query>`, []string{"hunter2"}},
		{`hunter2</password></query>`, []string{"hunter2"}},
		{`<iq><query><password>hunt`, []string{"hunt"}},
		{`<message><body>hi</body></message>`, nil},
	} {
		var got []string
		for _, sp := range rawxml.SecretSpans([]byte(tt.raw)) {
			got = append(got, tt.raw[sp[0]:sp[1]])
		}
		if len(got) != len(tt.want) || len(got) > 0 && got[0] != tt.want[0] {
			t.Errorf("%s: spans %q, want %q", tt.raw, got, tt.want)
		}
	}
}
