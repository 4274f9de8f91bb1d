package render_test

import (
	"fmt"
	"os"

	"xepl/internal/render"
)

func ExampleIndent() {
	out, err := render.Indent([]byte(`<iq type='result' id='v1'><query xmlns='jabber:iq:version'><name>xepl</name><version>0.1</version></query></iq>`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(out))
	// Output:
	// <iq type="result" id="v1">
	//   <query xmlns="jabber:iq:version">
	//     <name>xepl</name>
	//     <version>0.1</version>
	//   </query>
	// </iq>
}

func ExampleHighlighter_Highlight() {
	// The caller decides whether stdout is a terminal; here it is not.
	h := render.NewHighlighter("", render.None)
	if err := h.Highlight(os.Stdout, []byte("<presence/>\n")); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <presence/>
}
