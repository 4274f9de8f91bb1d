package repl

import (
	"context"
	"slices"
	"strings"

	"xepl/catalog"
	"xepl/internal/forms"
	"xepl/xeps"
)

// role is the kind of entity a template's stanza goes to, read from the
// address its template gives by default (see targetRole).
type role int

const (
	roleOwn         role = iota // no to: the account's own server answers for it
	roleServer                  // the domain
	roleAccount                 // the account's bare JID
	roleComponent               // a service of the server, found by its identity
	roleInComponent             // an entity on such a service: a room, an occupant
	roleOther                   // someone else: a contact, another server
)

// componentKinds name the services a template may address by the
// address it gives by default, with the disco identity category that
// finds them on any server (XEP-0030 §3.1: the category, whatever the
// component is called).
var componentKinds = []struct{ prefix, category string }{
	{"conference.", "conference"},
	{"pubsub.", "pubsub"},
	{"upload.", "store"},
	{"proxy.", "proxy"},
}

// targetRole says where a template's stanza goes, and for a component the
// identity category that finds it.
func targetRole(t *catalog.Template) (role, string) {
	p, fixed := t.Target()
	v := fixed
	if p.Name != "" {
		v = p.Default
		if v == "" {
			v = p.Test
		}
	}
	switch {
	case p.Name == "" && fixed == "", v == "":
		return roleOwn, ""
	case v == "{domain}":
		return roleServer, ""
	case v == "{bare}" || v == "{jid}":
		return roleAccount, ""
	}
	for _, k := range componentKinds {
		if strings.HasPrefix(v, k.prefix+"{domain}") {
			return roleComponent, k.category
		}
		if strings.Contains(v, "@"+k.prefix+"{domain}") {
			return roleInComponent, k.category
		}
	}
	return roleOther, ""
}

// entity is what one entity advertises (XEP-0030 §3).
type entity struct {
	jid      string
	features []string
}

func (e *entity) has(feature string) bool { return e != nil && slices.Contains(e.features, feature) }

// offerFacts is what an entity and its server advertise: the facts a
// template is judged by, gathered once for survey or the live test.
type offerFacts struct {
	server, account *entity
	components      []componentInfo
	stream          []string // the stream features of this session
	commands        map[string]bool
	registerForm    *bool // whether the registration form is a data form; nil when unknown
}

type componentInfo struct {
	entity
	categories []string
	commands   map[string]bool // its XEP-0050 commands, when it lists any
}

// component finds the service with an identity of category.
func (f *offerFacts) component(category string) *entity {
	for i := range f.components {
		if slices.Contains(f.components[i].categories, category) {
			return &f.components[i].entity
		}
	}
	return nil
}

// featuresFor returns the entities whose features count for a stanza of
// role r: for a stanza to no one or to the account, the server answers
// on the account's behalf, so what either advertises counts. nil means
// xepl cannot know whom it is for.
func (f *offerFacts) featuresFor(r role, category string) []*entity {
	switch r {
	case roleOwn, roleAccount:
		return []*entity{f.account, f.server}
	case roleServer:
		return []*entity{f.server}
	case roleComponent, roleInComponent:
		if c := f.component(category); c != nil {
			return []*entity{c}
		}
		return []*entity{} // known to be absent: nothing is advertised
	}
	return nil
}

// judge sorts one template: a command by the command list; a nonza by
// the stream features; anything else by what the entity it goes to
// advertises: its requires: must all hold, or else its payload's
// specification must be advertised there. What goes to someone else, and
// core protocol no one advertises (RFC 6121's roster, presence), cannot
// be told from disco.
func (f *offerFacts) judge(t *catalog.Template) verdict {
	if t.Kind == catalog.KindCommand {
		// A command is offered by the entity it is sent to: the server,
		// or a service (pubsub's get-pending lives on the pubsub service).
		commands := f.commands
		if r, category := targetRole(t); r == roleComponent {
			commands = nil
			for i := range f.components {
				if slices.Contains(f.components[i].categories, category) {
					commands = f.components[i].commands
				}
			}
		}
		if commands[t.Node] {
			return offered
		}
		return verdictNotOffered
	}
	if t.IsNonza() {
		for _, ns := range t.Payload() {
			if slices.Contains(f.stream, ns) {
				return offered
			}
		}
		return verdictNotOffered
	}
	r, category := targetRole(t)
	targets := f.featuresFor(r, category)
	if targets == nil {
		return cannotTell
	}
	has := func(feature string) bool {
		return slices.ContainsFunc(targets, func(e *entity) bool { return e.has(feature) })
	}
	if len(t.Requires) > 0 {
		for _, req := range t.Requires {
			switch req.Kind {
			case catalog.RequireFeature:
				if !has(req.Feature) {
					return verdictNotOffered
				}
			case catalog.RequireRegisterForm:
				if f.registerForm == nil {
					return cannotTell
				}
				if !*f.registerForm {
					return verdictNotOffered
				}
			}
		}
		return offered
	}
	// The stanza's own children (<body/>, <status/>) are core protocol:
	// only the namespaces of extensions count.
	payload := slices.DeleteFunc(t.Payload(), func(ns string) bool { return ns == "" || ns == "jabber:client" })
	if r == roleInComponent {
		return judgeInComponent(t, payload, targets)
	}
	for _, ns := range payload {
		sp, ok := xeps.ForNamespace(ns)
		switch {
		case has(ns):
			return offered
		case ok && sp.XEP != 0 && slices.ContainsFunc(targets, func(e *entity) bool { return advertisesXEP(e, sp.XEP, ns) }):
			return offered
		}
	}
	if len(payload) == 0 && t.Specs[0].Kind == catalog.RefXEP && slices.ContainsFunc(targets, func(e *entity) bool { return advertisesXEP(e, t.Specs[0].Number, "") }) {
		// A stanza with nothing but its XEP's words (a groupchat message,
		// leaving a room): the XEP advertised is what counts.
		return offered
	}
	if t.Specs[0].Kind != catalog.RefXEP {
		return cannotTell
	}
	return verdictNotOffered
}

// judgeInComponent judges a stanza to an entity on a service (a room, an
// occupant), which advertises for itself and may not exist yet: what the
// service advertises vouches only for its own XEP (XEP-0045 on a MUC
// service: a room's configuration, affiliations, roles, messages). What
// is optional there (registering with a room, pinging an occupant) cannot
// be told.
func judgeInComponent(t *catalog.Template, payload []string, service []*entity) verdict {
	if len(service) == 0 {
		return verdictNotOffered // no such service
	}
	main := t.Specs[0]
	if main.Kind != catalog.RefXEP {
		return cannotTell
	}
	vouches := func(ns string) bool {
		return slices.ContainsFunc(service, func(e *entity) bool { return advertisesXEP(e, main.Number, ns) })
	}
	if len(payload) == 0 && vouches("") {
		return offered
	}
	for _, ns := range payload {
		if sp, ok := xeps.ForNamespace(ns); ok && sp.XEP == main.Number && vouches(ns) {
			return offered
		}
	}
	return cannotTell
}

// advertisesXEP reports whether e advertises a feature of the XEP that
// vouches for payload: any of its features, but not another version of
// payload's own namespace (urn:xmpp:mam:2 says nothing of
// urn:xmpp:mam:0, which a server may have dropped).
func advertisesXEP(e *entity, number int, payload string) bool {
	if e == nil {
		return false
	}
	for _, f := range e.features {
		if sp, ok := xeps.ForNamespace(f); ok && sp.XEP == number && !otherVersion(f, payload) {
			return true
		}
	}
	return false
}

// otherVersion reports whether feature is another version of the
// versioned namespace ns, or a feature of one: the two differ in the
// last ":" part of the name (urn:xmpp:mam:0, urn:xmpp:mam:2#extended,
// urn:xmpp:mam:tmp). Names whose last ":" part holds a "/" (http URLs)
// carry no version there.
func otherVersion(feature, ns string) bool {
	base, _, _ := strings.Cut(feature, "#")
	i, j := strings.LastIndexByte(base, ':'), strings.LastIndexByte(ns, ':')
	if i < 0 || j < 0 || strings.Contains(base[i:], "/") || strings.Contains(ns[j:], "/") {
		return false
	}
	return base[:i] == ns[:j] && base != ns
}

// gatherFacts asks the server (or the entity to, when it is not the
// server) what it and its services advertise, and lists its commands.
func (sh *Shell) gatherFacts(ctx context.Context, c *conn, to string) (*offerFacts, error) {
	f := &offerFacts{commands: map[string]bool{}}
	if c.stream.Info().Register {
		// Before login a server answers little but registration, and
		// ejabberd ends the stream for a disco query: ask only the form.
		f.server = &entity{jid: to}
		f.registerForm = sh.registerFormIsData(ctx, c)
		return f, nil
	}
	d, err := sh.fetchInfo(ctx, c, discoTarget{JID: to})
	if err != nil {
		return nil, err
	}
	f.server = &entity{jid: to, features: featureVars(d)}
	if to == c.server() {
		if !c.stream.Info().Register {
			if own, err := sh.fetchInfo(ctx, c, discoTarget{JID: c.bare()}); err == nil {
				f.account = &entity{jid: c.bare(), features: featureVars(own)}
			}
		}
		if list, err := sh.fetchItems(ctx, c, discoTarget{JID: to}); err == nil {
			for _, it := range list {
				if it.Node != "" {
					continue
				}
				if d, err := sh.fetchInfo(ctx, c, discoTarget{JID: it.JID.String()}); err == nil {
					ci := componentInfo{entity: entity{jid: it.JID.String(), features: featureVars(d)}}
					for _, id := range d.Identities {
						ci.categories = append(ci.categories, id.Category)
					}
					if slices.Contains(ci.features, xeps.NSCommands) {
						ci.commands = map[string]bool{}
						if items, err := sh.commandList(ctx, c, ci.jid); err == nil {
							for _, it := range items {
								ci.commands[it.Node] = true
							}
						}
					}
					f.components = append(f.components, ci)
				}
			}
		}
		for _, stage := range c.stream.Info().Offered {
			for _, feat := range stage.Features {
				f.stream = append(f.stream, feat.Namespace)
			}
		}
		// The registration form is what a server offers before login;
		// logged in, it answers the same query with the account's own
		// registration, which tells nothing about it (registerForm nil).
	}
	if items, err := sh.commandList(ctx, c, to); err == nil {
		for _, it := range items {
			f.commands[it.Node] = true
		}
	}
	return f, nil
}

// registerFormIsData says whether the server's registration form is a
// data form (XEP-0077 §4); nil when it cannot be had.
func (sh *Shell) registerFormIsData(ctx context.Context, c *conn) *bool {
	iq, err := c.fromCatalog("register.form", nil)
	if err != nil {
		return nil
	}
	raw, err := sh.quietRequest(ctx, c, iq)
	if err != nil {
		return nil
	}
	form, ferr := forms.Find(raw)
	isForm := ferr == nil && form != nil
	return &isForm
}

func featureVars(d *discoInfo) []string {
	out := make([]string, 0, len(d.Features))
	for _, f := range d.Features {
		out = append(out, f.Var)
	}
	return out
}
