package catalog

import (
	"fmt"
	"strings"
)

// Requirement is something the target must offer for a template to apply,
// from a "requires:" header line.
type Requirement struct {
	// Kind is RequireFeature or RequireRegisterForm.
	Kind string
	// Feature is the disco#info feature that must be advertised, for
	// RequireFeature.
	Feature string
}

// The kinds of requirement.
const (
	// RequireFeature: the target advertises a disco#info feature
	// ("requires: feature NS").
	RequireFeature = "feature"
	// RequireRegisterForm: the server's registration form (XEP-0077)
	// carries a data form ("requires: register-form").
	RequireRegisterForm = "register-form"
)

func (r Requirement) String() string {
	if r.Kind == RequireFeature {
		return "feature " + r.Feature
	}
	return r.Kind
}

func parseRequirement(v string) (Requirement, error) {
	fields := strings.Fields(v)
	switch {
	case len(fields) == 2 && fields[0] == RequireFeature:
		return Requirement{Kind: RequireFeature, Feature: fields[1]}, nil
	case len(fields) == 1 && fields[0] == RequireRegisterForm:
		return Requirement{Kind: RequireRegisterForm}, nil
	}
	return Requirement{}, fmt.Errorf("requires: want \"feature NS\" or \"register-form\", not %q", v)
}
