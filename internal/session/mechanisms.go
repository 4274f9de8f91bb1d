package session

import (
	"fmt"
	"sort"
	"strings"

	"mellium.im/sasl"
)

// Mechanisms lists the SASL mechanisms xepl can use, most preferred first.
// The -PLUS variants (channel binding) are used only when asked for by name.
var Mechanisms = []string{"SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"}

var mechanismsByName = map[string]sasl.Mechanism{
	"SCRAM-SHA-512":      scramSHA512,
	"SCRAM-SHA-256":      sasl.ScramSha256,
	"SCRAM-SHA-256-PLUS": sasl.ScramSha256Plus,
	"SCRAM-SHA-1":        sasl.ScramSha1,
	"SCRAM-SHA-1-PLUS":   sasl.ScramSha1Plus,
	"PLAIN":              sasl.Plain,
}

// KnownMechanisms returns every mechanism name --sasl accepts, sorted.
func KnownMechanisms() []string {
	names := make([]string, 0, len(mechanismsByName))
	for name := range mechanismsByName {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// chooseMechanisms returns the mechanisms to offer mellium, in order, each
// wrapped so that the one the negotiation picks is recorded in *chosen.
// PLAIN is safe to offer: mellium negotiates SASL only on a TLS stream.
func chooseMechanisms(forced string, chosen *string) ([]sasl.Mechanism, error) {
	names := Mechanisms
	if forced != "" {
		forced = strings.ToUpper(forced)
		if _, ok := mechanismsByName[forced]; !ok {
			return nil, fmt.Errorf("unknown SASL mechanism %q; xepl knows %s", forced, strings.Join(KnownMechanisms(), ", "))
		}
		names = []string{forced}
	}
	out := make([]sasl.Mechanism, 0, len(names))
	for _, name := range names {
		m := mechanismsByName[name]
		start := m.Start
		m.Start = func(n *sasl.Negotiator) (bool, []byte, interface{}, error) {
			*chosen = m.Name
			return start(n)
		}
		out = append(out, m)
	}
	return out, nil
}
