package repl

import (
	"fmt"

	"xepl/internal/rawxml"
)

// capturedElement returns element id of the capture (log lists them) for
// explain ID, as a namespace-aware reader takes it.
func (sh *Shell) capturedElement(id string) ([]byte, error) {
	e, err := sh.capturedUnit(id)
	if err != nil {
		return nil, err
	}
	if e.kind != rawxml.KindElement {
		return nil, fmt.Errorf("%d is a %s, not an element: there is nothing to explain in it (log show %d prints it)", e.n, kindName(e.kind), e.n)
	}
	return e.readable(), nil
}
