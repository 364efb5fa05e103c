package cli

import (
	"io"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/store"
)

// RemoteRunner returns the function an SSH server calls for a session
// without a PTY: the same command tree, as actor, on the server's store,
// with --as and local files refused. It returns the exit status. Its
// output speaks lang, the session's language as the server chose it
// (locale.Session: the user's setting, the client's variables, the
// server's default).
func RemoteRunner(st *store.Store) func(stdin io.Reader, stdout, stderr io.Writer, actor store.Actor, args []string, lang locale.Lang) int {
	return RemoteRunnerWith(st, nil)
}

// RemoteRunnerWith is RemoteRunner with the server's search index, which
// the server keeps current (search.Index.Run); copydesk search uses it.
// With a nil index a session opens its own beside the database.
func RemoteRunnerWith(st *store.Store, ix *search.Index) func(stdin io.Reader, stdout, stderr io.Writer, actor store.Actor, args []string, lang locale.Lang) int {
	return RemoteRunnerServing(st, ix, nil)
}

// RemoteRunnerServing is RemoteRunnerWith for copydesk serve: pub is the
// server's SSH key and known_hosts for its site targets (the scheduler's),
// with which a chief or admin may publish an export folder to a named site
// target over SSH (Env.Publish); nil refuses publish over SSH.
func RemoteRunnerServing(st *store.Store, ix *search.Index, pub *export.PublishOptions) func(stdin io.Reader, stdout, stderr io.Writer, actor store.Actor, args []string, lang locale.Lang) int {
	return func(stdin io.Reader, stdout, stderr io.Writer, actor store.Actor, args []string, lang locale.Lang) int {
		actor.Remote = true // what only local file access may do is refused
		env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Remote: true, Store: st, Actor: actor, Search: ix,
			Getenv: func(string) string { return "" }, Lang: lang, Publish: pub}
		return Run(env, args)
	}
}
