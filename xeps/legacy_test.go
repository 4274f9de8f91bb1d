package xeps_test

import (
	"testing"

	"xepl/xeps"
)

func TestLegacyCode(t *testing.T) {
	for code, want := range map[int]string{401: "not-authorized", 404: "item-not-found", 503: "service-unavailable", 302: "redirect"} {
		cond, _, ok := xeps.LegacyCode(code)
		if !ok || cond != want {
			t.Errorf("code %d: %q, want %q", code, cond, want)
		}
		if _, ok := xeps.StanzaCondition(cond); !ok {
			t.Errorf("code %d maps to %s, which xeps does not explain", code, cond)
		}
	}
	if _, _, ok := xeps.LegacyCode(299); ok {
		t.Error("299 is not a legacy code")
	}
}
