package server_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/store"
)

// startWithSearch serves o with a running search index, as copydesk serve does.
func startWithSearch(t *testing.T, o *office) (*testServer, *search.Index) {
	t.Helper()
	ix, err := search.Open(o.st, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); ix.Run(ctx) }()
	ts := start(t, o, func(c *server.Config) {
		c.RunCommand = cli.RemoteRunnerWith(o.st, ix)
		c.Search = ix
	})
	t.Cleanup(func() { cancel(); <-done; ix.Close() })
	return ts, ix
}

func TestSearchOverSSHSeesWhatTheQueuesShow(t *testing.T) {
	o := newOffice(t)
	chens := o.article(t, o.chen, "陈晨的稿件", "校园开放日志愿者招募。")
	wangs := o.article(t, o.wang, "王音的稿件", "开放日志愿者培训。")
	ts, _ := startWithSearch(t, o)
	sees := func(u *user, want ...uint64) {
		t.Helper()
		var got []uint64
		waitUntil(t, 10*time.Second, "search results", func() bool {
			r := ts.runAs(t, u, "", "search 日志愿 --json")
			if r.code != 0 {
				return false
			}
			got = nil
			for _, f := range strings.Split(r.stdout, "\"article\": ")[1:] {
				n, _ := strconv.ParseUint(strings.TrimRight(strings.SplitN(f, ",", 2)[0], " \n"), 10, 64)
				got = append(got, n)
			}
			return len(got) == len(want)
		})
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s sees %v, want %v", u.login, got, want)
			}
		}
	}
	sees(o.chen, chens)
	sees(o.wang, wangs)
	sees(o.li)
	if _, err := o.st.Decide(o.chen.actor(), chens, store.Decision{Action: model.ActSubmit, Opinion: "送审"}); err != nil {
		t.Fatal(err)
	}
	sees(o.li, chens) // it now waits for the reviewer
	sees(o.zhao)      // not yet at the chief's stage
	if r := ts.runAs(t, o.chen, "", "search --reindex"); r.code != 4 || !strings.Contains(r.stderr, "重建搜索索引") || !strings.Contains(r.stderr, "需要管理员角色") {
		t.Errorf("a writer rebuilt the index: %+v", r)
	}
}

func TestSearchIndexDeletedWhileServing(t *testing.T) {
	o := newOffice(t)
	id := o.article(t, o.wang, "删除索引", "服务运行中删除索引目录。")
	ts, _ := startWithSearch(t, o)
	waitUntil(t, 10*time.Second, "first search", func() bool {
		return strings.Contains(ts.runAs(t, o.wang, "", "search 索引目录").stdout, strconv.FormatUint(id, 10)+"\t")
	})
	if err := os.RemoveAll(search.Dir(o.st.Path())); err != nil {
		t.Fatal(err)
	}
	r := ts.runAs(t, o.wang, "", "search 索引目录")
	if r.code != 1 || !strings.Contains(r.stderr, "重建") {
		t.Errorf("first search after deleting the index: %+v", r)
	}
	waitUntil(t, 20*time.Second, "search after the rebuild", func() bool {
		return strings.Contains(ts.runAs(t, o.wang, "", "search 索引目录").stdout, "【索引目录】")
	})
}
