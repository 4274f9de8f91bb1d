package session

import (
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

// TestSCRAMFinal checks the SCRAM arithmetic that SCRAM-SHA-512 uses
// against the SCRAM-SHA-256 example of RFC 7677 §3 (same code, another
// hash); SCRAM-SHA-512 itself is proven against ejabberd.
func TestSCRAMFinal(t *testing.T) {
	const (
		clientNonce = "rOprNGfwEbeRWgbNEkqO"
		first       = "n=user,r=" + clientNonce
		serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
		wantFinal   = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
		wantVerify  = "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
	)
	final, sig, err := scramFinal(sha256.New, "pencil", clientNonce, first, serverFirst)
	if err != nil {
		t.Fatal(err)
	}
	if final != wantFinal {
		t.Errorf("client-final = %s\nwant %s", final, wantFinal)
	}
	if got := base64.StdEncoding.EncodeToString(sig); got != wantVerify {
		t.Errorf("server signature = %s, want %s", got, wantVerify)
	}
	bad := []string{
		"r=someoneelse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",             // nonce not ours
		"r=" + clientNonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",     // nonce not extended
		"r=" + clientNonce + "x,s=!!,i=4096",                          // bad salt
		"r=" + clientNonce + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=zero",    // bad count
		"m=ext,r=" + clientNonce + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1", // reserved attribute
	}
	for _, sf := range bad {
		if _, _, err := scramFinal(sha256.New, "pencil", clientNonce, first, sf); err == nil {
			t.Errorf("server-first %q was accepted", sf)
		}
	}
	if got := escapeSASLName("a=b,c"); got != "a=3Db=2Cc" {
		t.Errorf("escapeSASLName = %s", got)
	}
}
