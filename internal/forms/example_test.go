package forms_test

import (
	"fmt"
	"os"
	"strings"

	"xepl/internal/forms"
)

// terminal is an Asker that prints each prompt and answers from a list,
// as a person at a terminal would.
type terminal struct{ answers []string }

func (t *terminal) Ask(prompt string) (string, error) {
	a := t.answers[0]
	t.answers = t.answers[1:]
	fmt.Printf("%s%s\n", prompt, a)
	return a, nil
}

func (t *terminal) AskSecret(prompt string) (string, error) {
	a := t.answers[0]
	t.answers = t.answers[1:]
	fmt.Printf("%s\n", prompt) // no echo
	return a, nil
}

func ExampleForm_Fill() {
	raw := `<x xmlns='jabber:x:data' type='form'>
	  <title>Getting List of Online Users</title>
	  <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>
	  <field label='Maximum number of users' var='max_items' type='list-single'>
	    <option label='25'><value>25</value></option>
	    <option label='all'><value>all</value></option>
	  </field>
	  <field label='Show details' var='details' type='boolean'/>
	</x>`
	f, err := forms.Parse([]byte(raw))
	if err != nil {
		panic(err)
	}
	if err := f.Fill(nil, &terminal{answers: []string{"3", "2", "yes"}}); err != nil {
		panic(err)
	}
	fmt.Println(strings.ReplaceAll(string(f.Submit()), "><", ">\n<"))
	// Output:
	// Maximum number of users [max_items] (one of)
	//     1. 25
	//     2. all
	// max_items (number, value or label): 3
	// "3" is not one of the options: 1. 25, 2. all
	// max_items (number, value or label): 2
	// Show details [details] (yes/no)
	// details (y/n): yes
	// <x xmlns='jabber:x:data' type='submit'>
	// <field var='FORM_TYPE' type='hidden'>
	// <value>http://jabber.org/protocol/admin</value>
	// </field>
	// <field var='max_items' type='list-single'>
	// <value>all</value>
	// </field>
	// <field var='details' type='boolean'>
	// <value>1</value>
	// </field>
	// </x>
}

func ExampleForm_WriteTable() {
	raw := `<iq type='result' id='s1'><query xmlns='jabber:iq:search'>
	  <x xmlns='jabber:x:data' type='result'>
	    <reported><field var='jid' label='JID'/><field var='nick' label='Nickname'/></reported>
	    <item><field var='jid'><value>alice@example.org</value></field><field var='nick'><value>alice</value></field></item>
	    <item><field var='jid'><value>bob@example.org</value></field></item>
	  </x>
	</query></iq>`
	f, err := forms.Find([]byte(raw))
	if err != nil {
		panic(err)
	}
	f.WriteTable(os.Stdout)
	// Output:
	// JID                Nickname
	// ---                --------
	// alice@example.org  alice
	// bob@example.org
}
