package adhoc

import "xepl/internal/forms"

// counting wraps ask to count the questions it is asked into n, keeping
// its Tell when it is a forms.Teller (Fill tells a Teller the field's
// label apart from the question).
func counting(ask forms.Asker, n *int) forms.Asker {
	c := countingAsker{ask: ask, n: n}
	if t, ok := ask.(forms.Teller); ok {
		return countingTeller{c, t}
	}
	return c
}

type countingAsker struct {
	ask forms.Asker
	n   *int
}

func (c countingAsker) Ask(prompt string) (string, error) {
	*c.n++
	return c.ask.Ask(prompt)
}

func (c countingAsker) AskSecret(prompt string) (string, error) {
	*c.n++
	return c.ask.AskSecret(prompt)
}

type countingTeller struct {
	countingAsker
	forms.Teller
}
