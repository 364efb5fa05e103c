// Package fixture holds the literals TestLiterals expects Literals to find
// (each line with a BAD comment) and to pass over (every other literal).
package fixture

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
)

type row struct {
	State string `json:"state of the article"`
	Title string
	ID    string
}

var re = regexp.MustCompile(`the (quick) brown fox`)

var errGone = errors.New("the article is gone") // BAD errors.New

func run(w io.Writer, env *Env, n int, s string) error {
	fmt.Fprintf(w, "article %d saved\n", n)      // BAD fmt.Fprintf
	fmt.Fprintln(w, "    "+"comment resolved")   // BAD concatenation in a sink
	fmt.Println(strings.TrimSpace(" done "))     // one word inside a machine call: not text
	io.WriteString(w, "nothing to do")           // BAD io.WriteString
	w.Write([]byte("nothing was saved"))         // BAD a conversion inside Write
	fmt.Fprintln(w, "nothing")                   // BAD one word printed is text
	fmt.Fprintln(w, helper("imported as draft")) // BAD prose through a helper still counts
	fmt.Fprintln(w, helper("base-url"))          // a name given to a helper
	msg := fmt.Sprintf("%d files skipped", n)    // BAD fmt.Sprintf
	status := "saved"                            // BAD a status line
	_, _ = msg, status
	label := "opening hours" // BAD assigned to a label
	_ = label
	_ = row{Title: "Untitled article"}              // BAD a shown field
	_ = row{ID: "Untitled article", State: "draft"} // ID field and a machine word
	m := map[string]int{"the first key": 1}         // map key
	_ = m["the second key"]                         // index
	if s == "yes please" {                          // comparison
		return nil
	}
	switch s {
	case "no thank you": // case clause
	}
	log.Printf("server started on %s", s)                               // a log line
	env.logf("export finished in %s", s)                                // a logger method
	panic("unreachable state reached")                                  // an invariant
	os.Getenv("HOME directory")                                         // a machine package
	_ = locale.T(locale.EN, "CLIYes")                                   // an ID
	_ = env.t("CLIYes", locale.Args{"Name": "the writer"})              // BAD a value in a catalog message
	_ = locale.NewError("CLIYes", locale.Args{"Why": "bad input here"}) // BAD a value in an error
	cmd := &cobra.Command{Use: "show ID", Short: "Show one article in full", Long: "Show one article, with its history and every opinion"}
	cmd.Flags().StringVar(&s, "base-url", "the default value", "the public address of the site")
	_ = cmd.Flags().Changed("dry run")
	_ = UsageErrorf("two bodies: pass one of them")       // BAD UsageErrorf
	_ = exactArgs(1, "an article ID")                     // BAD exactArgs
	_ = fmt.Errorf("close database: %w", errGone)         // BAD fmt.Errorf
	_ = fmt.Sprintf("%s\t%d", s, n)                       // no words
	_ = "<span class=\"credit\">"                         // markup
	fmt.Fprintln(w, "ctrl+s --dry-run sha256:abc /tmp/x") // machine text
	fmt.Fprintln(w, "the quick brown fox")                // langcheck:ok fixture of the exemption
	const prose = "this constant is prose in English"     // BAD prose anywhere
	_ = prose
	_ = "Send a draft to review"              // the catalog's English of CmdArticleSubmit: a fallback
	fmt.Fprintln(w, "Send a draft to review") // BAD but printed directly it bypasses the catalog
	return nil
}

type Env struct{}

func (*Env) t(id string, a ...locale.Args) string { return id }
func (*Env) logf(f string, a ...any)              {}
func helper(s string) string                      { return s }
func UsageErrorf(f string, a ...any) error        { return nil }
func exactArgs(n int, s string) any               { return nil }

type denied struct {
	ID     string
	Detail string
	Reason string
}

var (
	_ = denied{ID: "ErrRecordRemoteOut", Detail: "over SSH the form goes to standard output"} // the message shows no Detail: Error()'s English
	_ = denied{ID: "ErrDenied", Detail: "publish runs on the server only"}                    // BAD ErrDenied shows the Detail
	_ = denied{ID: "ErrAnswerTwice", Reason: "question 3 is answered twice"}
)

func flags(cmd *cobra.Command, n *int) {
	cmd.Flags().IntVar(n, "limit", 20, fmt.Sprintf("at most this many results (up to %d)", 500)) // a usage fallback built with Sprintf
}

func table(w io.Writer) {
	fmt.Fprintln(w, "REV\tAUTHOR\tWHEN") // BAD a table header in capitals
	fmt.Fprintln(w, "ID\t%s")            // one placeholder
}

func ids(env *Env) {
	_ = locale.T(locale.EN, "CLINoSuchMessageAnywhere")   // BAD an ID the catalog lacks
	_ = env.t("CLIYes")                                   // an ID the catalog has
	_ = locale.T(locale.EN, "Action"+helper("Submit"))    // an ID built at run time
	_ = usageMsg("CLIAnotherMissingMessage", nil)         // BAD the CLI's usage mistake by a missing ID
	_ = refusedHere("the server only, run it there", nil) // BAD prose in an ID place
}

func usageMsg(id string, a locale.Args) error    { return nil }
func refusedHere(id string, a locale.Args) error { return nil }
