package catalog_test

import (
	"fmt"
	"os"

	"xepl/catalog"
)

func ExampleTemplate_Fill() {
	src := `name: message.chat
title: Send a chat message
spec: RFC 6121 §5.2.2
stage: user
summary: Sends a one-to-one message.
param: to jid required default={bare} -- the recipient
param: body text required test=hello -- the text
expect: none
---
<message to='{{to}}' type='chat'>
  <body>{{body}}</body>
</message>`
	t, err := catalog.Parse("message.chat.tmpl", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	s := catalog.Session{JID: "juliet@example.org/balcony"}
	if _, err := t.Fill(nil, s); err != nil {
		fmt.Println(err)
	}
	f, err := t.Fill(catalog.Values{"body": "</body><password>x"}, s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(f.XML))
	// Output:
	// message.chat needs body
	// <message to='juliet@example.org' type='chat'><body>&lt;/body&gt;&lt;password&gt;x</body></message>
}

func ExampleIndex_Search() {
	ts, err := catalog.ParseFS(os.DirFS("testdata/search"), "*.tmpl")
	if err != nil {
		fmt.Println(err)
		return
	}
	ix := catalog.NewIndex(ts)
	for _, q := range []string{"who is online", "xep-0077", "urn:xmpp:ping"} {
		r := ix.Search(q)[0]
		fmt.Printf("%s: %s (%s)\n", q, r.Template.Name, r.Match)
	}
	// Output:
	// who is online: admin.get-online-users-list (keyword "who is online")
	// xep-0077: register.account (XEP-0077)
	// urn:xmpp:ping: ping.server (namespace urn:xmpp:ping)
}
