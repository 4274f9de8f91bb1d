package session

import (
	"bytes"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"hash"
	"strconv"
	"strings"

	"mellium.im/sasl"
)

// scramSHA512 is SCRAM-SHA-512 (RFC 5802 with SHA-512), which mellium.im/sasl
// does not export. Client side only, without channel binding.
var scramSHA512 = sasl.Mechanism{
	Name:  "SCRAM-SHA-512",
	Start: scramStart,
	Next: func(n *sasl.Negotiator, challenge []byte, data interface{}) (bool, []byte, interface{}, error) {
		return scramNext(sha512.New, n, challenge, data)
	},
}

// scramState carries what the later steps of a SCRAM exchange need.
type scramState struct {
	clientFirstBare []byte
	serverSignature []byte
}

// gs2Header is "n,,": no channel binding and no authorization identity.
const gs2Header = "n,,"

func scramStart(n *sasl.Negotiator) (bool, []byte, interface{}, error) {
	user, _, _ := n.Credentials()
	bare := []byte("n=" + escapeSASLName(string(user)) + ",r=" + string(n.Nonce()))
	return true, append([]byte(gs2Header), bare...), &scramState{clientFirstBare: bare}, nil
}

func scramNext(h func() hash.Hash, n *sasl.Negotiator, challenge []byte, data interface{}) (bool, []byte, interface{}, error) {
	st, ok := data.(*scramState)
	if !ok {
		return false, nil, nil, sasl.ErrInvalidState
	}
	if st.serverSignature == nil {
		return scramProve(h, n, challenge, st)
	}
	want := "v=" + base64.StdEncoding.EncodeToString(st.serverSignature)
	if subtle.ConstantTimeCompare([]byte(want), bytes.TrimSpace(challenge)) != 1 {
		return false, nil, nil, errors.New("the server's SCRAM signature does not match: it may not know the password")
	}
	return false, nil, st, nil
}

// scramProve answers the server-first message with the client proof.
func scramProve(h func() hash.Hash, n *sasl.Negotiator, serverFirst []byte, st *scramState) (bool, []byte, interface{}, error) {
	_, password, _ := n.Credentials()
	final, signature, err := scramFinal(h, string(password), string(n.Nonce()), string(st.clientFirstBare), string(serverFirst))
	if err != nil {
		return false, nil, nil, err
	}
	st.serverSignature = signature
	return true, []byte(final), st, nil
}

// scramFinal computes the client-final message and the server signature
// to expect (RFC 5802 §3), given the client nonce and both first messages.
func scramFinal(h func() hash.Hash, password, clientNonce, clientFirstBare, serverFirst string) (string, []byte, error) {
	attrs := scramAttrs(serverFirst)
	nonce, salt64, iterText := attrs["r"], attrs["s"], attrs["i"]
	if _, reserved := attrs["m"]; reserved {
		return "", nil, errors.New("the server sent the reserved SCRAM attribute m")
	}
	if !strings.HasPrefix(nonce, clientNonce) || len(nonce) == len(clientNonce) {
		return "", nil, errors.New("the server's SCRAM nonce does not extend ours")
	}
	salt, err := base64.StdEncoding.DecodeString(salt64)
	if err != nil || len(salt) == 0 {
		return "", nil, errors.New("the server sent a bad SCRAM salt")
	}
	iter, err := strconv.Atoi(iterText)
	if err != nil || iter < 1 {
		return "", nil, errors.New("the server sent a bad SCRAM iteration count")
	}
	salted, err := pbkdf2.Key(h, password, salt, iter, h().Size())
	if err != nil {
		return "", nil, err
	}
	withoutProof := "c=" + base64.StdEncoding.EncodeToString([]byte(gs2Header)) + ",r=" + nonce
	authMessage := clientFirstBare + "," + serverFirst + "," + withoutProof

	clientKey := hmacSum(h, salted, "Client Key")
	storedKey := h()
	storedKey.Write(clientKey)
	clientSignature := hmacSum(h, storedKey.Sum(nil), authMessage)
	proof := make([]byte, len(clientKey))
	subtle.XORBytes(proof, clientKey, clientSignature)

	signature := hmacSum(h, hmacSum(h, salted, "Server Key"), authMessage)
	return withoutProof + ",p=" + base64.StdEncoding.EncodeToString(proof), signature, nil
}

func hmacSum(h func() hash.Hash, key []byte, msg string) []byte {
	m := hmac.New(h, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// scramAttrs splits "a=1,b=2" into a map; values may contain '='.
func scramAttrs(s string) map[string]string {
	out := make(map[string]string)
	for _, field := range strings.Split(s, ",") {
		if len(field) >= 2 && field[1] == '=' {
			out[field[:1]] = field[2:]
		}
	}
	return out
}

// escapeSASLName escapes ',' and '=' in a SCRAM username (RFC 5802 §5.1).
func escapeSASLName(s string) string {
	return strings.NewReplacer("=", "=3D", ",", "=2C").Replace(s)
}
