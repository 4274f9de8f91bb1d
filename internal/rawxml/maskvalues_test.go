package rawxml_test

import (
	"testing"

	"xepl/internal/rawxml"
)

func TestMaskValues(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		secrets []string
		want    string
	}{
		{"in an error's text", `<iq type='error'><error><text>password Zq7x is too weak</text></error></iq>`, []string{"Zq7x"},
			`<iq type='error'><error><text>password ******** is too weak</text></error></iq>`},
		{"protocol attributes keep their words", `<iq type="result" to="localhost" id="result"/>`, []string{"result", "localhost"},
			`<iq type="result" to="localhost" id="result"/>`},
		{"names are never masked", `<result xmlns='urn:x'><wrong/></result>`, []string{"result", "wrong"},
			`<result xmlns='urn:x'><wrong/></result>`},
		{"only whole words", `<text>wrongly, but wrong</text>`, []string{"wrong"},
			`<text>wrongly, but ********</text>`},
		{"an echo in another attribute", `<x label='pw hunter2'/>`, []string{"hunter2"}, `<x label='pw ********'/>`},
		{"escaped in text", `<t>a&lt;b&amp;c!</t>`, []string{"a<b&c"}, `<t>********!</t>`},
		{"escaped in an attribute", `<x note='it&apos;s'/>`, []string{"it's"}, `<x note='********'/>`},
		{"any length", `<t>a b ab</t>`, []string{"a"}, `<t>******** b ab</t>`},
		{"cdata", `<t><![CDATA[s3cr3t]]></t>`, []string{"s3cr3t"}, `<t><![CDATA[********]]></t>`},
		{"the longer secret first", `<t>abc abcdef</t>`, []string{"abc", "abcdef"}, `<t>******** ********</t>`},
		{"nothing to do", `<t>plain</t>`, []string{"x"}, `<t>plain</t>`},
		{"no secrets", `<t>plain</t>`, nil, `<t>plain</t>`},
		{"a fragment", `text hunter2 <a b='hunter2`, []string{"hunter2"}, `text ******** <a b='********`},
	}
	for _, tt := range tests {
		if got := string(rawxml.MaskValues([]byte(tt.raw), tt.secrets)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestMaskWords(t *testing.T) {
	got := string(rawxml.MaskWords([]byte("error: the password <Zq7> is weak, not Zq7x"), []string{"<Zq7>"}))
	if want := "error: the password ******** is weak, not Zq7x"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
