package repl

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"xepl/catalog"
	"xepl/internal/rawxml"
)

// Variables in scripts (and at the prompt):
//
//	let NAME = VALUE...        a value
//	let NAME = xpath EXPR      a value read from the last reply
//	$NAME, ${NAME}             substituted in any line: commands, template
//	                           values, raw XML (XML-escaped there)
//	${rand}                    a fresh random word at each use
//	${jid} ${bare} ${domain}   of the current session
//	${NAME.jid} ${NAME.bare} ${NAME.domain}   of session NAME
//	${env.NAME}                the environment
//	$$                         a $
//
// xepl -v NAME=VALUE sets one from the command line.

// varNameOK says whether s can name a variable.
func varNameOK(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_'
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func (sh *Shell) cmdLet(ctx context.Context, args []string) error {
	if len(args) < 2 || args[1] != "=" || !varNameOK(args[0]) {
		return errors.New("usage: let NAME = VALUE... | let NAME = xpath EXPR (NAME: letters, digits, _)")
	}
	name, rest := args[0], args[2:]
	if len(rest) >= 1 && rest[0] == "xpath" {
		if len(rest) != 2 {
			return errors.New("let NAME = xpath EXPR: one expression (quote it if it has spaces)")
		}
		c := sh.conn
		if c.last.raw == nil {
			return errors.New("let: no reply yet to read from")
		}
		value, holds, _, err := xpathValue(c.last.raw, rest[1])
		if err != nil {
			return err
		}
		if !holds {
			return sh.unmet("let "+name+" = xpath "+rest[1], "it selects nothing", c.last.raw)
		}
		sh.vars[name] = value
		return nil
	}
	sh.vars[name] = strings.Join(rest, " ")
	if sh.secretVar(name) {
		sh.out.secrets.add(sh.vars[name])
	}
	return nil
}

// secretVar reports whether variable name holds a secret: its name says
// so (password, secret...), or a connect took a password from it. Its
// value is masked in vars and in the history, and wherever a server
// echoes it.
func (sh *Shell) secretVar(name string) bool {
	return rawxml.SecretName(name) || sh.passwordVars[name]
}

// cmdVars lists the variables set.
func (sh *Shell) cmdVars(ctx context.Context, args []string) error {
	if len(sh.vars) == 0 {
		sh.out.say("no variables: let NAME = VALUE sets one")
		return nil
	}
	names := make([]string, 0, len(sh.vars))
	for n := range sh.vars {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		v := sh.out.secrets.text(sh.vars[n])
		if sh.secretVar(n) {
			v = rawxml.Mask
		}
		fmt.Fprintf(&b, "%s = %s\n", n, v)
	}
	sh.out.text(b.String())
	return nil
}

// expand substitutes the variables in line; in XML each value is
// escaped, so that a value cannot change the markup around it.
func (sh *Shell) expand(line string, xml bool) (string, error) {
	if !strings.Contains(line, "$") {
		return line, nil
	}
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		ch := line[i]
		if ch != '$' {
			b.WriteByte(ch)
			continue
		}
		var name string
		switch {
		case i+1 < len(line) && line[i+1] == '$':
			b.WriteByte('$')
			i++
			continue
		case i+1 < len(line) && line[i+1] == '{':
			end := strings.IndexByte(line[i+2:], '}')
			if end < 0 {
				return "", fmt.Errorf("${ without its }: %s", line[i:])
			}
			name = line[i+2 : i+2+end]
			i += 2 + end
		default:
			j := i + 1
			for j < len(line) && (isVarByte(line[j])) {
				j++
			}
			if j == i+1 {
				b.WriteByte('$') // a lone $: text
				continue
			}
			name = line[i+1 : j]
			i = j - 1
		}
		v, err := sh.varValue(name)
		if err != nil {
			return "", err
		}
		if xml {
			v = rawxml.EscapeAttr(v)
		}
		b.WriteString(v)
	}
	return b.String(), nil
}

func isVarByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// varValue is what ${name} stands for.
func (sh *Shell) varValue(name string) (string, error) {
	if v, ok := sh.vars[name]; ok {
		return v, nil
	}
	switch name {
	case "rand":
		return catalog.RandWord(), nil
	case "jid", "bare", "domain":
		return sessionValue(sh.live(), "", name)
	}
	if env, ok := strings.CutPrefix(name, "env."); ok {
		return sh.cfg.Getenv(env), nil
	}
	if session, field, ok := strings.Cut(name, "."); ok {
		c := sh.sessions.find(session)
		if c == nil {
			return "", fmt.Errorf("${%s}: no session %q (%s)", name, session, sh.sessionNames())
		}
		return sessionValue(c, session, field)
	}
	return "", fmt.Errorf("$%s is not set (let %s = VALUE sets it; vars lists them)", name, name)
}

// sessionValue is ${jid}, ${bare} or ${domain} of c.
func sessionValue(c *conn, session, field string) (string, error) {
	label := field
	if session != "" {
		label = session + "." + field
	}
	if !c.live() {
		return "", fmt.Errorf("${%s}: the session is not connected", label)
	}
	j := c.stream.JID()
	switch field {
	case "jid":
		return j.String(), nil
	case "bare":
		return j.Bare().String(), nil
	case "domain":
		return j.Domainpart(), nil
	}
	return "", fmt.Errorf("${%s}: a session has jid, bare and domain", label)
}
