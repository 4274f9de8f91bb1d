package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"mellium.im/xmpp/jid"

	"xepl/catalog"
	"xepl/internal/adhoc"
	"xepl/internal/rawxml"
)

// probes are the shell's procedures for the catalog's probe templates
// (kind: probe), by template name: each asks its question the way the
// stream it runs on allows. It returns the last reply it got, for the
// live test to judge, or nil.
var probes = map[string]func(sh *Shell, ctx context.Context, c *conn, f catalog.Filled) ([]byte, error){
	"account.exists": (*Shell).accountExists,
}

// runProbe runs a probe template with its procedure.
func (sh *Shell) runProbe(ctx context.Context, c *conn, t *catalog.Template, values catalog.Values) ([]byte, error) {
	run, ok := probes[t.Name]
	if !ok {
		return nil, fmt.Errorf("%s is a probe the shell has no procedure for (a bug in xepl)", t.Name)
	}
	// jid=, which the admin templates take for one account, names the
	// account here too.
	if j, ok := values["jid"]; ok && values["user"] == "" {
		if _, has := t.Param("jid"); !has {
			delete(values, "jid")
			values["user"] = j
		}
	}
	if probeMakesPassword(t, values) {
		values["password"] = randomPassword()
	}
	filled, err := sh.fill(c, t, values)
	if err != nil {
		return nil, err
	}
	reply, err := run(sh, ctx, c, filled)
	// Its stanzas are steps of a probe (a registration deleted again):
	// again must not send one of them alone.
	sh.lastSent, sh.lastSentWhy = nil, "the last stanzas sent were the steps of a probe ("+t.Name+"): run it again"
	return reply, err
}

// probeMakesPassword reports whether a probe run with values makes up its
// password, a random one, as runProbe does when none is given (show says
// so instead of showing it empty).
func probeMakesPassword(t *catalog.Template, values catalog.Values) bool {
	p, ok := t.Param("password")
	return t.Kind == catalog.KindProbe && ok && p.Secret && values["password"] == ""
}

// existsCommands are the XEP-0133 commands that tell whether an account
// exists, in the order account.exists tries them, with how to read the
// answer. Tried on Prosody 0.12 and ejabberd 23.01: ejabberd lists its
// users (and answers user-stats for a missing account with empty
// values, and get-user-lastlogin with Never, which an account that never
// logged in could also get); Prosody offers no list, and answers
// user-stats with the note User does not exist.
var existsCommands = []struct {
	node string
	// values fill the command's form for the account j.
	values func(j string) map[string]string
	// read tells from the command's last reply whether j exists, and
	// says how it knows.
	read func(resp *adhoc.Response, j string) (exists, known bool, why string)
}{
	{
		node:   "http://jabber.org/protocol/admin#get-registered-users-list",
		values: func(string) map[string]string { return map[string]string{"max_items": "none"} },
		read: func(resp *adhoc.Response, j string) (bool, bool, string) {
			if resp.Error != nil || resp.Form == nil {
				return false, false, "the list of registered users did not come"
			}
			fl := resp.Form.Field("registereduserjids")
			if fl == nil {
				return false, false, "the answer has no registereduserjids field"
			}
			for _, v := range fl.Values {
				if strings.EqualFold(strings.TrimSpace(v), j) {
					return true, true, fmt.Sprintf("it is in the list of registered users (get-registered-users-list, %d in all)", len(fl.Values))
				}
			}
			return false, true, fmt.Sprintf("it is not in the list of registered users (get-registered-users-list, %d in all)", len(fl.Values))
		},
	},
	{
		node:   "http://jabber.org/protocol/admin#user-stats",
		values: func(j string) map[string]string { return map[string]string{"accountjid": j} },
		read: func(resp *adhoc.Response, j string) (bool, bool, string) {
			for _, n := range resp.Notes {
				if n.Type == "error" && strings.Contains(strings.ToLower(n.Text), "not exist") {
					return false, true, fmt.Sprintf("user-stats answered %q", n.Text)
				}
			}
			if resp.Error == nil && resp.Status == adhoc.StatusCompleted && resp.Form != nil {
				return true, true, "user-stats answered with its statistics"
			}
			return false, false, "user-stats gave no answer that tells"
		},
	},
}

// accountExists tells whether the account named by user= exists: as the
// admin by a command that tells, before login by a registration that
// answers conflict when the name is taken (and an account it creates is
// deleted again at once), and for anyone else it says it cannot tell.
func (sh *Shell) accountExists(ctx context.Context, c *conn, f catalog.Filled) ([]byte, error) {
	local, domain, _ := strings.Cut(f.Values["user"], "@")
	if domain == "" {
		domain = f.Values["to"]
	}
	j, err := jid.New(local, domain, "")
	if err != nil {
		return nil, fmt.Errorf("account.exists: %q is not a username: %v", f.Values["user"], err)
	}
	if c.stream.Info().Register {
		return sh.existsByRegistering(ctx, c, f, j)
	}
	items, err := sh.commandList(ctx, c, domain)
	if err != nil {
		return nil, unanswerable{j, fmt.Sprintf("%v, so it offers you no command that tells; and a server answers a plain user's questions about another account the same whether it exists or not", err)}
	}
	var tried []string
	for _, ec := range existsCommands {
		if !listsNode(items, ec.node) {
			continue
		}
		resp, err := sh.quietCommand(ctx, c, domain, ec.node, ec.values(j.String()))
		if err != nil {
			return nil, fmt.Errorf("account.exists: %v", err)
		}
		exists, known, why := ec.read(resp, j.String())
		switch {
		case !known:
			tried = append(tried, why)
			continue
		case exists:
			sh.out.say("%s%s exists: %s", sh.sessions.tag(c), j, why)
		default:
			sh.out.say("%s%s does not exist: %s", sh.sessions.tag(c), j, why)
		}
		return resp.Raw, nil
	}
	if len(tried) > 0 {
		return nil, unanswerable{j, "the commands that could tell did not: " + strings.Join(tried, "; ")}
	}
	return nil, unanswerable{j, notAdminReason(domain, j)}
}

// unanswerable is account.exists's answer when the stream allows no way
// to know: an error, so that a script relying on the answer stops.
type unanswerable struct {
	j   jid.JID
	why string
}

func (e unanswerable) Error() string {
	return fmt.Sprintf("cannot tell whether %s exists: %s", e.j, e.why)
}

// notAdminReason says why a plain user cannot learn whether an account
// exists, and what would tell.
func notAdminReason(domain string, j jid.JID) string {
	return fmt.Sprintf("%s offers you no command that tells (you are not its admin), "+
		"and a server answers a plain user's questions about another account "+
		"(disco#info, vCard, last activity) the same whether it exists or not. "+
		"Ask as the admin, or before login: connect --register %s, then account.exists user=%s",
		domain, j.Domainpart(), j.Localpart())
}

// quietCommand runs a command to its end, filling its forms from values
// and asking nothing, showing the stanzas it sends and gets (one line
// each when verbose is off) but not its notes and results: the caller
// reads them.
func (sh *Shell) quietCommand(ctx context.Context, c *conn, to, node string, values map[string]string) (*adhoc.Response, error) {
	rn := sh.commandRunner(c, io.Discard, true)
	return rn.Run(ctx, to, node, values)
}

// probeTraces says what a probe that made and deleted an account may leave
// behind on servers other than the ones xepl is tested on, whose test
// configurations turn both off.
const probeTraces = "note: finding out left traces a server may keep: a limit on how often one address may register " +
	"(ejabberd's registration_timeout, 600 s by default) may refuse the next registration from here for a while, " +
	"and a server that keeps the names of deleted accounts will not let this one be registered again"

// refusedVerdict is what an error answering the probe's registration
// says of the name: conflict that it is taken, anything else nothing.
func refusedVerdict(j jid.JID, cond string) string {
	switch cond {
	case "conflict":
		return j.String() + " exists: the server answered conflict to registering the name (a server that keeps the names of deleted accounts answers so for those too)"
	case "resource-constraint", "policy-violation":
		return "cannot tell whether " + j.String() + " exists: the server refused the registration with " + cond + ", which says nothing about the name; " +
			"servers limit how often one address may register (ejabberd's registration_timeout, 600 s by default), so an earlier registration or probe may be why"
	}
	return "cannot tell whether " + j.String() + " exists: the server refused the registration with " + cond + ", which says nothing about the name"
}

// existsByRegistering asks on a registration stream: registering the
// name answers conflict when it is taken. When the registration succeeds
// the name was free, and the account just made is deleted at once, by
// logging in to it on a stream of its own and cancelling it.
func (sh *Shell) existsByRegistering(ctx context.Context, c *conn, f catalog.Filled, j jid.JID) ([]byte, error) {
	password := f.Values["password"]
	sh.out.secrets.add(password)
	els, err := rawxml.Parse(f.XML)
	if err != nil {
		return nil, fmt.Errorf("template %s rendered malformed XML (a bug in the template): %v", f.Template.Name, err)
	}
	// The template's notes say what its errors mean here (conflict: the
	// name is taken); an error reply is an answer, not a failure.
	c.errorNotes = f.Template.ErrorNotes
	reply, err := sh.sendElements(ctx, c, els)
	c.errorNotes = nil
	var replyErr errReplyError
	if err != nil && !(errors.As(err, &replyErr) && reply != nil) {
		return nil, err
	}
	typ, cond, _ := replyFacts(reply)
	switch {
	case typ == "error":
		sh.out.say("%s%s", sh.sessions.tag(c), refusedVerdict(j, cond))
		return reply, nil
	case typ != "result":
		return reply, fmt.Errorf("account.exists: the registration got %s, neither a result nor an error", typ)
	}
	opts := c.opts
	opts.JID, opts.Register, opts.As = j.String(), false, ""
	opts.Account, opts.PasswordFile, opts.PasswordCommand, opts.PasswordVar, opts.Presence = "", "", "", "", false
	// Deleted even when the wait was interrupted since: the account is
	// ours to remove, as a run's throwaway accounts are at its end.
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	if err := sh.deleteAccount(dctx, throwaway{jid: j, password: password, opts: opts}); err != nil {
		return reply, fmt.Errorf("%s did not exist, but registering it to find out made it, and deleting it again failed: %v; "+
			"delete it as the admin (admin.delete-user jid=%s)", j, err, j)
	}
	sh.out.say("%s%s does not exist: registering it succeeded, and the account made to find out was deleted again at once", sh.sessions.tag(c), j)
	sh.out.say("%s%s", sh.sessions.tag(c), probeTraces)
	return reply, nil
}
