// Command copydesk is the editorial workstation: see README.md.
package main

import (
	"os"
	_ "time/tzdata" // Asia/Shanghai and every zone load on a machine without tzdata

	"github.com/mattn/go-runewidth"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/store"
)

func main() {
	store.CheckChildMain() // bbolt's page check runs in a child process (copydesk check)
	// go-runewidth and lipgloss disagree on “”…── under zh_CN locales.
	runewidth.DefaultCondition.EastAsianWidth = false
	env := &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(cli.Run(env, os.Args[1:]))
}
