package repl

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"xepl/internal/adhoc"
	"xepl/internal/forms"
)

// asker asks a person questions and tells them what a question is about.
type asker interface {
	forms.Asker
	forms.Teller
}

// shellAsker asks the person at the terminal: the forms engine's questions,
// a template's missing values, the password. Every secret it is given is
// masked from then on.
type shellAsker struct{ sh *Shell }

// asker is who answers questions: the person at the terminal, or nil in a
// script, where what is missing is an error.
func (sh *Shell) asker() asker {
	if !sh.lines.Asks() || sh.noQuestions {
		return nil
	}
	return shellAsker{sh}
}

// errStreamEnded stops the questions of a form whose stream has ended:
// the answers could not be sent.
var errStreamEnded = errors.New("the stream has ended: nothing more is asked")

// ended reports whether the current connection's stream has ended.
func (a shellAsker) ended() bool {
	c := a.sh.conn
	return c.stream != nil && !c.live()
}

func (a shellAsker) Ask(prompt string) (string, error) {
	if a.ended() {
		return "", errStreamEnded
	}
	a.sh.out.atPrompt.Store(true)
	defer a.sh.out.atPrompt.Store(false)
	// A question may name a field of the server's form.
	return a.sh.lines.ReadLine(context.Background(), safeText(prompt))
}

func (a shellAsker) AskSecret(prompt string) (string, error) {
	if a.ended() {
		return "", errStreamEnded
	}
	v, err := a.sh.askSecret(prompt)
	a.sh.out.secrets.add(v)
	return v, err
}

func (a shellAsker) Tell(text string) { a.sh.out.text(text) }

// askSecret reads a secret without echo; errNoTerminal in a script.
func (sh *Shell) askSecret(prompt string) (string, error) {
	sh.out.atPrompt.Store(true)
	defer sh.out.atPrompt.Store(false)
	return sh.lines.ReadSecret(safeText(prompt))
}

// chooseAction asks which action to take when there is a real choice
// (cancel alone is not one: Ctrl-C cancels); in a script it is the
// default.
func (sh *Shell) chooseAction(allowed []string, def string) (string, error) {
	ask := sh.asker()
	choices := 0
	for _, a := range allowed {
		if a != adhoc.ActionCancel {
			choices++
		}
	}
	if ask == nil || choices <= 1 {
		return def, nil
	}
	for tries := 0; tries < 3; tries++ {
		answer, err := ask.Ask(fmt.Sprintf("action [%s] (%s): ", def, strings.Join(allowed, ", ")))
		if err != nil {
			return "", err
		}
		answer = strings.TrimSpace(answer)
		if answer == "" {
			return def, nil
		}
		for _, a := range allowed {
			if a == answer {
				return a, nil
			}
		}
		sh.out.say("%q is not one of %s", answer, strings.Join(allowed, ", "))
	}
	return "", errors.New("no action chosen")
}
