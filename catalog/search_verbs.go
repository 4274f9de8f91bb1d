package catalog

import "strings"

// The admin tools whose verbs templates list among their keywords.
var adminTools = []string{"ejabberdctl ", "prosodyctl "}

// isVerb reports whether a keyword is an admin tool's command
// ("ejabberdctl register").
func isVerb(keyword string) bool {
	k := strings.ToLower(keyword)
	for _, tool := range adminTools {
		if strings.HasPrefix(k, tool) && len(k) > len(tool) {
			return true
		}
	}
	return false
}

// matchVerbs raises the templates that list the query, whole, as an
// admin tool's command: "ejabberdctl register", or the verb alone
// ("kick_session", "register"; a verb of several words, such as
// prosodyctl's "list users", only with the tool's name: alone they are
// plain words). The verbs are what the server's admin
// types at a shell, so when an admin template has the verb it alone
// takes the tier, and the others that list it are left to their words:
// "ejabberdctl register" is admin.add-user, not the self-service
// registration that also mentions it.
func (ix *Index) matchVerbs(q string, hits []hit) {
	q = strings.Join(strings.Fields(q), " ")
	var found []int
	var verbs []string
	admin := false
	for i, d := range ix.docs {
		for _, v := range d.verbs {
			_, short, _ := strings.Cut(v, " ")
			if q == v || q == short && !strings.Contains(short, " ") {
				found = append(found, i)
				verbs = append(verbs, v)
				admin = admin || forAdmin(ix.ts[i])
				break
			}
		}
	}
	for j, i := range found {
		if admin && !forAdmin(ix.ts[i]) {
			continue
		}
		hits[i].raise(tierVerb, "verb "+verbs[j])
		hits[i].verb = verbs[j]
	}
}

// forAdmin reports whether the server's admin can use t for what its
// verbs say: an admin template, or a probe, which asks as the admin when
// the stream is the admin's.
func forAdmin(t *Template) bool {
	return t.Stage == StageAdmin || t.Stage == StageAny
}
