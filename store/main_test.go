package store_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

func itoa(n int) string { return strconv.Itoa(n) }

// TestMain doubles as the child processes of the lock and crash tests.
func TestMain(m *testing.M) {
	store.CheckChildMain()
	if p := os.Getenv("COPYDESK_TEST_HOLD"); p != "" {
		st, err := store.Open(p, store.Options{Holder: "copydesk serve on :23234"})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Print("ready")
		time.Sleep(time.Minute)
		st.Close()
		os.Exit(0)
	}
	if p := os.Getenv("COPYDESK_TEST_SAVER"); p != "" {
		saveLoop(p)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// saveLoop saves revisions forever, printing each committed revision
// number after Save returns, until the parent kills it.
func saveLoop(path string) {
	st, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	a, err := st.Get(1)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		c := meeting("崩溃测试", fmt.Sprintf("%s\n第%d次保存，进程%d。\n", sampleBody, i, os.Getpid()))
		a, err = st.Save(store.Actor{Login: "liwei"}, 1, a.Rev, c)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%d\n", a.Rev)
		if i%7 == 3 {
			st.Decide(store.Actor{Login: "liwei"}, 1, store.Decision{Action: model.ActSubmit})
		}
	}
}
