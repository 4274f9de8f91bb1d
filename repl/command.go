package repl

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
)

// command is one entry of the command table. help, the completer and the
// README's command reference are all derived from the table.
type command struct {
	names []string // the first is canonical, the rest are aliases
	group group
	args  []param // what follows the name, in order
	// verbatim commands get the rest of the line as it was typed, as one
	// argument, instead of words: send takes XML, quotes and all.
	verbatim bool
	// help: the first line is the summary, the rest the details.
	help string
	run  func(sh *Shell, ctx context.Context, args []string) error
}

func (c *command) name() string { return c.names[0] }

func (c *command) summary() string {
	first, _, _ := strings.Cut(c.help, "\n")
	return first
}

// usage is the command's name and its arguments, as help shows them.
func (c *command) usage() string {
	words := []string{c.name()}
	for _, p := range c.args {
		words = append(words, p.usage())
	}
	return strings.Join(words, " ")
}

// group is a group of commands, as help shows them.
type group int

// The groups, in the order help shows them.
const (
	groupConnection group = iota
	groupStanzas
	groupCatalog
	groupServices
	groupWatching
	groupShell
)

// groupTitles are the groups' headings in help.
var groupTitles = [...]string{
	groupConnection: "Connection",
	groupStanzas:    "Stanzas",
	groupCatalog:    "Catalog",
	groupServices:   "Services",
	groupWatching:   "Watching and teaching",
	groupShell:      "Shell",
}

// param is one argument a command takes.
type param struct {
	name     string // as usage shows it: JID, NODE, FIELD=VALUE
	kind     argKind
	optional bool
	repeated bool     // may be given any number of times (it is the last)
	choices  []string // the words an argChoice takes
}

func (p param) usage() string {
	s := p.name
	if p.repeated && !strings.Contains(s, "...") {
		s += "..."
	}
	if p.optional {
		s = "[" + s + "]"
	}
	return s
}

// argKind says what an argument is, so that completion can offer the
// right words.
type argKind int

// The kinds of argument.
const (
	argText          argKind = iota // free text: nothing to complete
	argChoice                       // one of param.choices
	argOnOff                        // on or off
	argDuration                     // a duration such as 5s
	argJID                          // a JID: the server's and those disco has seen
	argNode                         // a disco node
	argCommandNode                  // an ad-hoc command node listed in this session
	argCommand                      // a shell command's name
	argTemplate                     // a catalog template's name
	argGroup                        // a catalog group
	argXEP                          // a XEP number
	argCondition                    // an error condition
	argParams                       // PARAM=VALUE words of the template named before
	argFields                       // FIELD=VALUE words of a form the server sends
	argFlags                        // connection flags
	argFile                         // a file's name
	argSession                      // the name of an open session
	argLesson                       // a lesson's name
	argCapture                      // what log, find and filter take: their words, FILTERs, a file
	argAccount                      // an account of the configuration file
	argConnectTarget                // an account's name or a JID
	argTheme                        // light or dark
)

// commandTable is the shell's one command table, in the order help lists
// each group. It is a function, not a variable, because help refers to
// the table it is part of.
func commandTable() []*command {
	jid := param{name: "JID", kind: argJID, optional: true}
	onOff := param{name: "on|off", kind: argOnOff, optional: true}
	fields := param{name: "FIELD=VALUE", kind: argFields, optional: true, repeated: true}
	return []*command{
		{names: []string{"account"}, group: groupConnection,
			args: []param{{name: "new NAME | cleanup", kind: argChoice, choices: []string{"new", "cleanup"}}, {name: "NAME", optional: true}},
			help: `Make a throwaway account, or delete them.
account new NAME creates an account with a random name and password on
the current session's server (with the admin's add-user command,
XEP-0133, when the current session may run it; else by in-band
registration, XEP-0077, on a stream of its own) and connects it as
session NAME (${NAME.jid} names it). The password is never shown. Every
account made so is deleted when the shell or script ends, passed or
failed; account cleanup deletes them now.`,
			run: (*Shell).cmdAccount},
		{names: []string{"accounts"}, group: groupConnection,
			help: accountsHelp, run: (*Shell).cmdAccounts},
		{names: []string{"connect", "login"}, group: groupConnection,
			args: []param{{name: "flags", kind: argFlags, optional: true}, {name: "NAME|JID", kind: argConnectTarget, optional: true}},
			help: connectHelp(), run: (*Shell).cmdConnect},
		{names: []string{"disconnect", "close"}, group: groupConnection,
			help: "Close the stream politely (</stream:stream>) and stay in the shell.",
			run:  (*Shell).cmdDisconnect},
		{names: []string{"reconnect"}, group: groupConnection,
			help: `Connect again as the last connect did.
Useful after the server dropped the stream, or to log in again after
registering an account (a stream cannot log in once it has been used
unauthenticated).`,
			run: (*Shell).cmdReconnect},
		{names: []string{"sessions"}, group: groupConnection,
			help: `List the sessions: their names, JIDs and states; * marks the current one.
Each connect --as NAME opens a session of its own beside the others
(several accounts, several servers); use NAME switches, @NAME COMMAND
runs one command on another session. With more than one open, the
prompt names the current session, and what is sent and received says
which session it was on.`,
			run: (*Shell).cmdSessions},
		{names: []string{"status"}, group: groupConnection,
			help: "Show the current session: address, TLS, SASL, JID and the stream features offered.",
			run:  (*Shell).cmdStatus},
		{names: []string{"use"}, group: groupConnection, args: []param{{name: "NAME", kind: argSession}},
			help: "Make session NAME the current one (sessions lists them).",
			run:  (*Shell).cmdUse},
		{names: []string{"verbose"}, group: groupConnection, args: []param{onOff},
			help: `Show every stanza's XML (on, the default), or one line per stanza (off).
Off, the shell still prints what each stanza is, the round-trip times,
the notes on namespaces and errors, command notes, forms and tables: a
quieter view for long sessions and for scripts whose output is kept.`,
			run: (*Shell).cmdVerbose},
		{names: []string{"wire"}, group: groupConnection, args: []param{onOff},
			help: `Show or hide the raw stream, both ways, with timestamps.
C: is what xepl sends, S: what the server sends. Secrets (SASL payloads,
passwords, private form fields) are masked in both directions. --wire turns
it on from the first byte of the connection.`,
			run: (*Shell).cmdWire},

		{names: []string{"again"}, group: groupStanzas,
			help: `Send the last stanza sent once more, with a fresh id.
An iq gets a new id, so that its reply is paired anew; so does any other
stanza that had one.`,
			run: (*Shell).cmdAgain},
		{names: []string{"compare"}, group: groupStanzas, verbatim: true,
			args: []param{{name: "A", kind: argSession}, {name: "B", kind: argSession}, {name: "COMMAND...", kind: argCommand, repeated: true}},
			help: `Send the same thing on two sessions and show how the replies differ.
compare A B COMMAND... runs COMMAND (a template, raw XML, run, anything
that gets a reply) on session A, then on B: two servers, or two accounts.
The replies are shown as a diff (- only on A, + only on B), leaving out
what always differs: ids, resources, each session's own address and
domain, times, stamps and command session ids. expect same and expect
differ check the last compare.
  compare p e disco.server-info
  expect differ`,
			run: (*Shell).cmdCompare},
		{names: []string{"edit"}, group: groupStanzas,
			args: []param{{name: "new | TEMPLATE", kind: argTemplate, optional: true}, {name: "PARAM=VALUE", kind: argParams, optional: true, repeated: true}},
			help: `Write a stanza in your editor ($VISUAL, $EDITOR, else vi), and send it.
edit opens the last stanza sent (secrets masked: type them again), or
what the last edit saved but could not send; edit new an empty one; edit
TEMPLATE [PARAM=VALUE...] the template filled in, to change before
sending. What is saved is checked as typed XML is (malformed: not sent,
with its line and column, and edit opens it again); an empty file sends
nothing.`,
			run: (*Shell).cmdEdit},
		{names: []string{"expect"}, group: groupStanzas,
			args: []param{
				{name: "result|error|xpath|stanza|nothing|same|differ", kind: argChoice, choices: []string{"result", "error", "xpath", "stanza", "nothing", "same", "differ"}},
				{name: "ARGS", kind: argCondition, optional: true, repeated: true},
			},
			help: `Check what came back, or say what the next reply must be.
expect result                   the reply must be a result
expect error [COND [TYPE]]      an error (with that condition, and type)
expect xpath EXPR               the XPath 1.0 expression selects something
expect xpath EXPR = VALUE       ... and its (first) value is VALUE
expect xpath EXPR count N       ... it selects N nodes
expect stanza [FILTERS]         wait for a stanza no request waited for
expect nothing [FILTERS] within DURATION   and that none comes
expect same | expect differ     what the last compare found
FILTERS: message|presence|iq, from JID (a bare JID matches every
resource), type T, xpath EXPR, within DURATION (default: the timeout).
Right after a reply, expect result and expect error check it: in a
script an error reply fails unless the next line is an expect that
accepts it. Before a request, they say what its reply must be. xpath
looks at the last reply, or the stanza expect stanza waited for (one
that arrived before the line counts too); element names without a
prefix match by local name: expect xpath //name = ejabberd. A failed
expectation says what was expected and shows what came.`,
			run: (*Shell).cmdExpect},
		{names: []string{"explain"}, group: groupStanzas,
			args: []param{{name: "ID", optional: true}},
			help: `Explain the last reply, element by element, or element ID of the log.
For each namespace: the XEP or RFC that defines it (number, title,
status, section where known). For an error: what its condition and type
mean, what to try, and where Prosody and ejabberd are known to answer
the same request differently. For a data form: what each field means in
the form's FORM_TYPE. For disco#info: what each identity says the entity
is, and where each feature is defined. What xepl does not know it says
so. Secrets stay masked.`,
			run: (*Shell).cmdExplain},
		{names: []string{"let"}, group: groupStanzas,
			args: []param{{name: "NAME"}, {name: "= VALUE...|= xpath EXPR", repeated: true}},
			help: `Set a variable: let NAME = VALUE..., or from the last reply,
let NAME = xpath EXPR (its first value; the script fails if it selects
nothing). $NAME and ${NAME} stand for it in any later line: commands,
template values, raw XML (escaped there). Built in: ${rand} (a new random
word each time), ${jid}, ${bare} and ${domain} of the current session,
${NAME.jid}, ${NAME.bare}, ${NAME.domain} of session NAME, ${env.NAME}
from the environment; $$ is a $. xepl -v NAME=VALUE sets one from the
command line. vars lists them.`,
			run: (*Shell).cmdLet},
		{names: []string{"send"}, group: groupStanzas, args: []param{{name: "XML"}}, verbatim: true,
			help: `Send XML as it is: a stanza, several, or any top-level element.
A line that starts with < does the same without the word send, and may
continue over several lines until the element is complete (Ctrl-C drops
it). The XML is checked first: malformed input is refused with its line
and column and nothing is sent. An <iq> without an id gets one. For an
iq get or set the shell waits for the reply with that id (see timeout;
Ctrl-C stops waiting, the connection stays) and shows it with the
round-trip time. A reply of type error counts as a failure (a script
stops) unless expect said so.
send --raw XML sends the bytes exactly as typed, unchecked, after a
warning: to see how a server meets malformed input (it usually ends the
stream with an error; the shell stays, and reconnect opens a new one).`,
			run: (*Shell).cmdSend},
		{names: []string{"sync"}, group: groupStanzas,
			help: `Wait until the server has dealt with everything sent so far.
Sends a ping to the server and waits for its answer, so that whatever the
server sent before it (messages, presence, pushes) is on screen when sync
returns. Scripts use it before reading what arrived.`,
			run: (*Shell).cmdSync},
		{names: []string{"timeout"}, group: groupStanzas,
			args: []param{{name: "DURATION", kind: argDuration, optional: true}},
			help: `Show or set how long to wait for a reply (default 15s).
Examples: timeout 5s, timeout 1m.`,
			run: (*Shell).cmdTimeout},
		{names: []string{"vars"}, group: groupStanzas,
			help: "List the variables let and -v set (see help let).",
			run:  (*Shell).cmdVars},

		{names: []string{"catalog", "templates"}, group: groupCatalog,
			args: []param{{name: "GROUP", kind: argGroup, optional: true}},
			help: `List the templates: the groups, or every template of one group.
Type a template's name, with PARAM=VALUE arguments, to send it: missing
required values are asked for on a terminal (passwords without echo) and
are an error in a script.`,
			run: (*Shell).cmdCatalog},
		{names: []string{"search"}, group: groupCatalog, args: []param{{name: "WORDS"}},
			help: `Find stanza templates by plain words, XEP number or namespace.
Examples: search delete account; search who is online; search 77;
search jabber:iq:register; an ejabberdctl or prosodyctl verb (search
ejabberdctl register, search kick_session) finds the admin template that
does it first. Best matches first, each with the stage it needs (before
login, logged in, admin); run one by typing its name, or look at it first
with show.`,
			run: (*Shell).cmdSearch},
		{names: []string{"show"}, group: groupCatalog,
			args: []param{{name: "NAME", kind: argTemplate}, {name: "PARAM=VALUE", kind: argParams, optional: true, repeated: true}},
			help: `Show a template: what it is for, its parameters, and its XML filled in.
Nothing is sent, and it works offline. Values given as PARAM=VALUE are
filled in; the others come from their defaults and the session (your
JID, the domain); a required one without a value shows as its name in
capitals (USERNAME). It ends with an example line ready to type.`,
			run: (*Shell).cmdShow},
		{names: []string{"xep"}, group: groupCatalog,
			args: []param{{name: "NUMBER|search|update", kind: argXEP}},
			help: `Show a XEP: title, status, type, link, namespaces, and its templates.
The number may be written 77, 0077 or xep-0077. Every published XEP is
known offline, its facts from the XSF's own list. xep search WORDS finds
XEPs by title or short name (xep search privacy). xep update fetches the
XSF's current list (xmpp.org/extensions/xeplist.xml) into the cache
($XDG_CACHE_HOME/xepl) and uses it when it is newer than xepl's own.`,
			run: (*Shell).cmdXEP},

		{names: []string{"commands"}, group: groupServices, args: []param{jid},
			help: `List the ad-hoc commands (XEP-0050) a JID offers; default: your server.
Nodes are listed under their common start (http://jabber.org/protocol/admin#)
by the rest, which run accepts, beside the catalog's template for the node
and the command's name. What you see depends on who you are: an admin sees
the XEP-0133 commands.`,
			run: (*Shell).cmdCommands},
		{names: []string{"configure"}, group: groupServices,
			args: []param{{name: "JID", kind: argJID}, {name: "NODE", kind: argNode, optional: true}, fields},
			help: `Configure a chat room (XEP-0045) or a pubsub node (XEP-0060) with its form.
Without NODE, JID is a room you own: its muc#owner configuration form is
fetched, filled and submitted. With NODE, JID is a pubsub service (or
your own account, for PEP) and NODE the node to configure. Values come
from FIELD=VALUE (muc#roomconfig_roomname=..., pubsub#title=...) and, on
a terminal, from questions for what is still missing.`,
			run: (*Shell).cmdConfigure},
		{names: []string{"disco", "browse"}, group: groupServices,
			args: []param{{name: "JID|NUMBER", kind: argJID, optional: true}, {name: "NODE", kind: argNode, optional: true}},
			help: `Ask an entity what it is and what it offers (XEP-0030 service discovery).
Shows its identities (category/type/name), its features, each with the
XEP or RFC it comes from, any extended information form (XEP-0128), and
its items, numbered. disco NUMBER follows an item of the last listing.
JID defaults to your server. What disco learns is kept for the session
(Tab completes the JIDs it has seen).`,
			run: (*Shell).cmdDisco},
		{names: []string{"register"}, group: groupServices, args: []param{fields},
			help: `Register an account (XEP-0077) by filling in the server's form.
On a registration stream (connect --register DOMAIN): asks the server for
its registration form and fills it, from FIELD=VALUE (username=...,
password=...) and, on a terminal, by asking for what is missing (the
password without echo). A server that sends a data form (XEP-0004) gets
it filled and submitted; one that sends plain fields gets those. Every
stanza is shown. Logged in, nothing is sent: a new account is registered
on a registration stream of its own, and the logged-in stream changes the
password (register.change-password) or cancels the account
(register.cancel).`,
			run: (*Shell).cmdRegister},
		{names: []string{"run"}, group: groupServices,
			args: []param{{name: "NODE", kind: argCommandNode}, jid, fields},
			help: `Run an ad-hoc command (XEP-0050) as a conversation.
NODE is the command's node, the end of it when that is unambiguous among
the commands the JID offers (run add-user), or the name of the catalog's
template for it (run admin.add-user). JID defaults to your
server. FIELD=VALUE fills the command's form (by var; lists are
comma-separated); on a terminal the fields still missing are asked for
(passwords without echo), and when several actions are possible you are
asked which (prev, next, complete, cancel). In a script a missing required
field is an error. Notes and results (tables too) are shown; Ctrl-C
cancels the command on the server.
Example: run http://jabber.org/protocol/admin#add-user accountjid=bob@example.org`,
			run: (*Shell).cmdRun},
		{names: []string{"survey"}, group: groupServices, args: []param{jid},
			help: `Which catalog templates does an entity support? JID defaults to your server.
Asks disco#info of the JID (for your server also of your own account and
of its services, such as MUC and pubsub, found by their identities),
lists its commands, and looks at the stream features of this session.
Each template is judged by the entity it goes to: offered when its
requires: hold there, or else when the specification of what it sends is
advertised there (for a command: it is in the command list; for a nonza:
it is a stream feature); not advertised otherwise; and cannot tell when
it goes to someone else or is core protocol no one advertises (the
roster, presence).`,
			run: (*Shell).cmdSurvey},

		{names: []string{"filter"}, group: groupWatching, verbatim: true,
			args: []param{{name: "add|only|hide FILTER... | drop N | clear", kind: argCapture, optional: true, repeated: true}},
			help: `Choose what the live view shows: what arrives unasked, and the wire log.
filter add FILTER... shows what matches (with several, what matches any;
with none, everything); filter only FILTER... replaces them all with
one; filter hide FILTER... hides what matches, whatever else does.
filter list numbers them, filter drop N takes one out, filter clear all.
A reply a command waits for is always shown. What is hidden is still
captured, and counted ("3 hidden by the filters"): log all lists it.
` + filterHelp,
			run: (*Shell).cmdFilter},
		{names: []string{"find"}, group: groupWatching, verbatim: true,
			args: []param{{name: "WORDS... | xpath EXPR", kind: argCapture, repeated: true}},
			help: `Search the capture for words, or with an XPath expression.
find WORDS... lists the elements whose XML holds all the WORDS (in any
case); find xpath EXPR those an XPath 1.0 expression selects something in.
An element name without a prefix matches in any namespace (//query).
Each match is listed as log lists it; log show N prints it.`,
			run: (*Shell).cmdFind},
		{names: []string{"lesson", "lessons"}, group: groupWatching,
			args: []param{{name: "NAME", kind: argLesson, optional: true}},
			help: `List the lessons, or run one: a guided walk through a protocol.
A lesson explains a step, then runs its lines (templates, XML, expect...)
on the current session's server exactly as a script would, and checks the
answers: a wrong one fails the lesson. On a terminal it waits for Enter
after each step (q and Enter stops it); in a script it runs straight
through. What a lesson makes (accounts, sessions, rooms) is undone when it
ends, passed, failed or stopped. Without a server, start a throwaway one:
xepl --local prosody, then lesson NAME.`,
			run: (*Shell).cmdLesson},
		{names: []string{"log"}, group: groupWatching, verbatim: true,
			args: []param{{name: "[all] [N] [FILTER...] | show N | save FILE | to FILE", kind: argCapture, optional: true, repeated: true}},
			help: `List what was captured, show one, save it; or log everything shown to a file.
Every element in and out of every session is captured from the stream's
first byte, numbered, with its time, direction and session, secrets
masked; the newest 10,000 elements are kept, at most 64 MiB (log limit N
SIZE changes that; the oldest go first).
log [N] [FILTER...] lists the last N (20) that the live filters show and
the FILTERs match, one line each; log all ignores the live filters.
log show N prints one in full. log save FILE writes the capture as one
XML document; log save FILE --jsonl as one JSON object per line.
log to FILE (a path with a /, or a .log, .txt or .md name) writes a
plain, timestamped log of everything shown from now on, while the shell
stays interactive; log to off stops it.
` + filterHelp,
			run: (*Shell).cmdLog},
		{names: []string{"record"}, group: groupWatching,
			args: []param{{name: "FILE.md | stop", kind: argFile, optional: true}},
			help: `Record the session as a Markdown transcript, to hand out or read rendered.
Each command as typed (as the history keeps it), then what it showed:
the XML sent and received in xml blocks with round-trip times, the notes
on XEPs and the explanations of errors, what arrived unasked and on
which session. Secrets are masked exactly as on screen. record stop
ends it; --record FILE.md records a whole run.`,
			run: (*Shell).cmdRecord},

		{names: []string{"clear", "cls"}, group: groupShell,
			help: "Clear the screen (on a terminal; Ctrl-L does the same while typing).",
			run:  (*Shell).cmdClear},
		{names: []string{"help", "?"}, group: groupShell,
			args: []param{{name: "COMMAND", kind: argCommand, optional: true}},
			help: `Show the commands, or everything about one.
Without an argument, lists every command with a one-line summary.
With a command name, shows its usage, aliases and details.`,
			run: (*Shell).cmdHelp},
		{names: []string{"quit", "exit"}, group: groupShell,
			help: `Close the stream politely and leave.
Ctrl-D on an empty line does the same.`,
			run: (*Shell).cmdQuit},
	}
}

// commandSet is the command table with its lookup by name.
type commandSet struct {
	list   []*command
	byName map[string]*command
}

func newCommandSet() *commandSet {
	cs := &commandSet{list: commandTable(), byName: map[string]*command{}}
	for _, c := range cs.list {
		for _, n := range c.names {
			cs.byName[n] = c
		}
	}
	return cs
}

// lookup finds a command by any of its names.
func (cs *commandSet) lookup(name string) *command { return cs.byName[name] }

// names lists every name a command answers to, for completion.
func (cs *commandSet) names() []string {
	var out []string
	for _, c := range cs.list {
		for _, n := range c.names {
			if n != "?" {
				out = append(out, n)
			}
		}
	}
	return out
}

// writeHelp writes the overview: every command grouped, aligned, with its
// summary.
func (cs *commandSet) writeHelp(b *strings.Builder) {
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	for g, title := range groupTitles {
		fmt.Fprintf(tw, "%s:\n", title)
		for _, c := range cs.list {
			if c.group == group(g) {
				fmt.Fprintf(tw, "  %s\t%s\n", c.usage(), c.summary())
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	b.WriteString("A line starting with < is XML to send as it is; it may span several lines.\n")
	b.WriteString("help COMMAND tells more about one command.\n")
}

// writeCommandHelp writes the full help of one command.
func writeCommandHelp(b *strings.Builder, c *command) {
	fmt.Fprintf(b, "usage: %s\n", c.usage())
	if len(c.names) > 1 {
		fmt.Fprintf(b, "aliases: %s\n", strings.Join(c.names[1:], ", "))
	}
	b.WriteString("\n" + c.help + "\n")
}
