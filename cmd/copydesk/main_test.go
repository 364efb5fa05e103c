package main

import (
	"os"
	"testing"

	"github.com/mattn/go-runewidth"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/store"
)

func TestMain(m *testing.M) {
	store.CheckChildMain()
	testscript.Main(m, map[string]func(){
		"copydesk": func() {
			runewidth.DefaultCondition.EastAsianWidth = false
			env := &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
			os.Exit(cli.Run(env, os.Args[1:]))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: the real
// command, a real database file, exit codes and output as a user sees them.
// walkthrough.txtar is the README's five-minute walkthrough.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("COPYDESK_DB", e.WorkDir+"/office.db")
			e.Setenv("USER", "nobody")
			e.Setenv("LANG", "en_US.UTF-8")
			return nil
		},
	})
}
