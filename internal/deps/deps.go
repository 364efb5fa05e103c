// Package deps pins the module set of go.mod until every dependency has a real importer.
package deps

import (
	_ "github.com/charmbracelet/bubbles/textarea"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/glamour"
	_ "github.com/charmbracelet/huh"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/log"
	_ "github.com/charmbracelet/wish"
	_ "github.com/charmbracelet/wish/bubbletea"
	_ "github.com/charmbracelet/x/exp/teatest"
	_ "github.com/chromedp/chromedp"
	_ "github.com/microcosm-cc/bluemonday"
	_ "github.com/pkg/sftp"
	_ "github.com/rivo/uniseg"
	_ "github.com/sergi/go-diff/diffmatchpatch"
	_ "github.com/spf13/cobra"
	_ "github.com/yuin/goldmark"
	_ "go.etcd.io/bbolt"
	_ "golang.org/x/crypto/ssh"
	_ "gopkg.in/yaml.v3"
	_ "github.com/rogpeppe/go-internal/testscript"
)

