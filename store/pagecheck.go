package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// CheckChildArg is the first argument of the child process that runs
// bbolt's page check (see Check). It is not a command users type.
const CheckChildArg = "__copydesk-page-check"

// PageCheckTimeout bounds the child process of Check.
var PageCheckTimeout = 5 * time.Minute

// childReady is set when this binary can serve as the page-check child
// (its main or TestMain calls CheckChildMain).
var childReady atomic.Bool

// CheckChildMain must be called first thing in main (and in the TestMain of
// packages whose tests run Check): when this process was started as the
// page-check child it runs the check on the file named by its second
// argument, prints one problem per line and exits (0: checked; a panic
// or fault kills only this child). Otherwise it records that the binary
// can serve as the child and returns.
func CheckChildMain() {
	if len(os.Args) < 3 || os.Args[1] != CheckChildArg {
		childReady.Store(true)
		return
	}
	db, err := bolt.Open(os.Args[2], 0o400, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	w := bufio.NewWriter(os.Stdout)
	_ = db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			fmt.Fprintln(w, strings.ReplaceAll(err.Error(), "\n", " "))
		}
		return nil
	})
	_ = w.Flush()
	os.Exit(0)
}

// pageCheck runs bbolt's page check: in a child process on a snapshot when
// the binary supports it, else in this process (tests of packages without
// the hook).
func (s *Store) pageCheck() ([]error, error) {
	if !childReady.Load() {
		var probs []error
		err := s.view(func(tx *bolt.Tx) error {
			for err := range tx.Check() {
				probs = append(probs, locale.NewError("StorePageProblem", locale.Args{"Detail": err}, err))
			}
			return nil
		})
		if err == nil && len(probs) > 0 {
			err = s.damaged(probs[0].Error())
		}
		return probs, err
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, locale.NewError("StorePageCheck", locale.Args{"Err": err}, err)
	}
	snap, err := os.CreateTemp("", "copydesk-check-*.db")
	if err != nil {
		return nil, locale.NewError("StorePageCheck", locale.Args{"Err": err}, err)
	}
	defer os.Remove(snap.Name())
	// WriteTo copies the pages with plain file reads, so a damaged page
	// cannot fault here; a file shorter than its page count is damage.
	_, err = s.Backup(snap)
	if cerr := snap.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if IsDamaged(err) {
			return nil, err
		}
		return nil, &DamagedError{Path: s.path, Page: -1, Cause: "the file cannot be copied for checking: " + err.Error(), Err: err}
	}
	ctx, cancel := context.WithTimeout(context.Background(), PageCheckTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, CheckChildArg, snap.Name())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "GOTRACEBACK=single")
	runErr := cmd.Run()
	var probs []error
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if line != "" {
			probs = append(probs, locale.NewError("StorePageProblem", locale.Args{"Detail": line}))
		}
	}
	var exit *exec.ExitError
	switch {
	case runErr == nil && len(probs) == 0:
		return nil, nil
	case runErr == nil:
		return probs, s.damaged(probs[0].Error())
	case ctx.Err() != nil:
		return probs, locale.NewError("StorePageCheckTimeout", locale.Args{"Timeout": PageCheckTimeout.String()})
	case errors.As(runErr, &exit):
		return probs, s.damaged(childCause(stderr.String(), exit))
	}
	return probs, locale.NewError("StorePageCheck", locale.Args{"Err": runErr}, runErr)
}

// childCause is the first line of a dead child's panic or fault report.
func childCause(stderr string, exit *exec.ExitError) string {
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimSpace(line)
		for _, prefix := range []string{"panic: ", "fatal error: ", "unexpected fault address", "[signal "} {
			if rest, ok := strings.CutPrefix(line, prefix); ok {
				return "the page check stopped: " + strings.TrimSpace(strings.TrimPrefix(rest, "assertion failed:"))
			}
		}
	}
	if line, _, _ := strings.Cut(strings.TrimSpace(stderr), "\n"); line != "" {
		return "page check: " + line
	}
	return "page check: " + exit.String()
}
