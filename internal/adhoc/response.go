package adhoc

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"xepl/internal/forms"
	"xepl/internal/stanza"
	"xepl/xeps"
)

// Note is a <note/> of a command reply.
type Note struct {
	Type string // info, warn or error; info when the server gave none
	Text string
}

// Response is one reply to a command request.
type Response struct {
	Node      string
	SessionID string
	Status    string // executing, completed or canceled; "" if the reply had no <command/>
	// Actions are the actions offered for the next step (prev, next,
	// complete), in the order of <actions/>. Empty means only complete
	// and cancel (XEP-0050 §3.4); see Session.Allowed.
	Actions []string
	// Default is the execute attribute of <actions/>: what "execute"
	// means in the next step. "" when absent (then it means next, or
	// complete without <actions/>); see Session.DefaultAction.
	Default string
	Notes   []Note
	Form    *forms.Form   // the first data form in the <command/>, or nil
	Raw     []byte        // the whole reply, as received
	Error   *stanza.Error // set when the reply is an iq of type error
}

// ParseResponse reads a reply to a command request: an iq of type result
// (holding a <command/>) or error.
func ParseResponse(raw []byte) (*Response, error) {
	iq, err := readIQ(raw)
	if err != nil {
		return nil, err
	}
	r := &Response{Raw: raw}
	if cmd := child(iq, "command", xeps.NSCommands); cmd != nil {
		r.Node = attrValue(cmd, "node")
		r.SessionID = attrValue(cmd, "sessionid")
		r.Status = attrValue(cmd, "status")
		for _, c := range cmd.ChildElements() {
			if c.NamespaceURI() != xeps.NSCommands {
				continue
			}
			switch c.Tag {
			case "actions":
				r.Default = attrValue(c, "execute")
				for _, a := range c.ChildElements() {
					switch a.Tag {
					case ActionPrev, ActionNext, ActionComplete:
						if !slices.Contains(r.Actions, a.Tag) {
							r.Actions = append(r.Actions, a.Tag)
						}
					}
				}
			case "note":
				n := Note{Type: attrValue(c, "type"), Text: strings.TrimSpace(c.Text())}
				if n.Type == "" {
					n.Type = "info"
				}
				r.Notes = append(r.Notes, n)
			}
		}
		r.Form = forms.FindElement(cmd)
	}
	if attrValue(iq, "type") == "error" {
		r.Error = stanza.FromElement(iq)
	}
	return r, nil
}

// readIQ parses raw and checks that it is an iq reply.
func readIQ(raw []byte) (*etree.Element, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(raw); err != nil {
		return nil, fmt.Errorf("the reply is not well-formed XML: %w", err)
	}
	iq := doc.Root()
	if iq == nil {
		return nil, errors.New("empty reply")
	}
	if iq.Tag != "iq" {
		return nil, fmt.Errorf("the reply is <%s>, not an <iq>", iq.FullTag())
	}
	switch t := attrValue(iq, "type"); t {
	case "result", "error":
	default:
		return nil, fmt.Errorf("the reply is an iq of type %q, not result or error", t)
	}
	return iq, nil
}

// child returns the first child element of e named tag in namespace ns.
func child(e *etree.Element, tag, ns string) *etree.Element {
	for _, c := range e.ChildElements() {
		if c.Tag == tag && c.NamespaceURI() == ns {
			return c
		}
	}
	return nil
}
