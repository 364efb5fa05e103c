package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
	"github.com/copydesk/copydesk/tui"
)

// SearchIndex returns the session's search index. Over SSH it is the
// server's (kept current by the server). Locally it is opened beside the
// database and brought up to date first, rebuilding it with progress lines
// on standard error when it is missing or damaged.
func (env *Env) SearchIndex(ctx context.Context) (*search.Index, error) {
	if env.Search != nil {
		return env.Search, nil
	}
	st, err := env.OpenStore()
	if err != nil {
		return nil, err
	}
	progress := func(line string) { fmt.Fprintln(env.Stderr, line) }
	ix, err := search.Open(st, search.Options{Progress: progress, Lang: env.Lang,
		Logf: func(format string, args ...any) { fmt.Fprintf(env.Stderr, format+"\n", args...) }})
	if err != nil {
		return nil, err
	}
	env.Search, env.searchOpened = ix, true
	if err := ix.Sync(ctx); err != nil {
		return nil, err
	}
	return ix, nil
}

type searchHitJSON struct {
	search.Hit
	Date string `json:"date"`
	Text string `json:"text"` // the snippet as plain text
}

func newSearchCmd(env *Env) *cobra.Command {
	var q search.Query
	var state, kind, since, until string
	var asJSON, reindex bool
	cmd := &cobra.Command{
		Use:   "search QUERY [--state S] [--kind K] [--author LOGIN] [--since DATE] [--until DATE] [--limit N] [--json] | search --reindex",
		Short: "Find articles, earlier revisions and comments by any part of their text",
		Long: `search finds any run of characters: two or more Chinese characters anywhere
inside a word (段简 finds 一段简单), a single character, Latin words and
numbers as words (2026年ICPC). Full-width and half-width letters and digits
are the same; upper and lower case are the same; traditional and simplified
characters are NOT (會議 does not find 会议).

Over SSH you see only what your queues would show you: your own articles,
those waiting for your role, and the archive (signed off and published).
--since and --until are dates (YYYY-MM-DD, office time) of publication, or of
the last change for unpublished articles; both days are included.
--reindex rebuilds the index from the database (an admin's job over SSH).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			if reindex {
				return runReindex(ctx, env)
			}
			if len(args) == 0 {
				return usageError{errors.New(env.Lang.T("SearchNeedsQuery"))}
			}
			q.Text = strings.Join(args, " ")
			if state != "" {
				for _, s := range strings.Split(state, ",") {
					st, err := model.ParseState(strings.TrimSpace(s))
					if err != nil {
						return usageError{err}
					}
					q.States = append(q.States, st)
				}
			}
			if kind != "" {
				k, err := model.ParseKind(kind)
				if err != nil {
					return usageError{err}
				}
				q.Kind = k
			}
			var err error
			if q.Since, err = parseDay(env, since, 0); err != nil {
				return err
			}
			if q.Until, err = parseDay(env, until, 1); err != nil {
				return err
			}
			if act, ok := env.reader(); ok {
				st, err := env.OpenStore()
				if err != nil {
					return err
				}
				if q.Viewer, err = st.User(act.Login); err != nil {
					return &model.DeniedError{Err: model.ErrRoleRequired, Detail: act.Login}
				}
			}
			ix, err := env.SearchIndex(ctx)
			if err != nil {
				return err
			}
			// one hit more than asked says whether there are more
			want := q.Limit
			if want <= 0 {
				want = search.DefaultLimit
			}
			want = min(want, search.MaxLimit)
			q.Limit = want + 1
			res, err := ix.Search(ctx, q)
			if errors.Is(err, search.ErrRebuilding) && env.searchOpened {
				// the search found the index damaged: this process owns
				// it, so it rebuilds it now and asks again (no Run here
				// would rebuild it, and every later search would fail)
				if err = ix.Sync(ctx); err == nil {
					res, err = ix.Search(ctx, q)
				}
			}
			if err != nil {
				return searchError(env, ix, err)
			}
			if len(res.Hits) > want {
				res.Hits = res.Hits[:want]
				defer fmt.Fprintln(env.Stderr, env.Lang.T("SearchMoreCLI", locale.Args{"N": want}))
			}
			if asJSON {
				out := make([]searchHitJSON, len(res.Hits))
				for i, h := range res.Hits {
					out[i] = searchHitJSON{Hit: h, Date: h.Date.In(currentZone()).Format("2006-01-02"), Text: search.SnippetText(h.Snippet, "", "")}
				}
				return writeJSON(env.Stdout, out)
			}
			if len(res.Hits) == 0 {
				fmt.Fprintln(env.Stdout, env.Lang.T("SearchNothing", locale.Args{"Query": termsafe.Line(q.Text)}))
				return nil
			}
			for _, h := range res.Hits {
				title := termsafe.Line(h.Title)
				switch h.Type {
				case search.HitRevision:
					title += "（" + env.Lang.T("SearchRevision", locale.Args{"Rev": h.Rev}) + "）"
				case search.HitComment:
					title += "（" + env.Lang.T("SearchComment") + "）"
				}
				state := stateName(env.Lang, h.State)
				switch { // a pending 定时发布, as the home queue shows it
				case h.ScheduleRefused:
					state += " · " + env.Lang.T("TUIHomeScheduleRefused")
				case h.Scheduled != nil:
					state += " · " + env.Lang.T("TUIHomeScheduled", locale.Args{"At": when(*h.Scheduled)})
				}
				fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\n", h.Article, state, h.Date.In(currentZone()).Format("2006-01-02"), title)
				fmt.Fprintf(env.Stdout, "\t%s\n", termsafe.Line(search.SnippetText(h.Snippet, "【", "】")))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&state, "state", "", "only these states: draft, review, signed, published, withdrawn (comma-separated)")
	f.StringVar(&kind, "kind", "", "only this kind: news or meeting")
	f.StringVar(&q.Author, "author", "", "only articles owned or written by this login")
	f.StringVar(&since, "since", "", "only from this date on (YYYY-MM-DD)")
	f.StringVar(&until, "until", "", "only up to this date, included (YYYY-MM-DD)")
	f.IntVar(&q.Limit, "limit", search.DefaultLimit, fmt.Sprintf("at most this many results (up to %d)", search.MaxLimit))
	f.BoolVar(&asJSON, "json", false, "print JSON")
	f.BoolVar(&reindex, "reindex", false, "rebuild the search index from the database")
	return cmd
}

// parseDay parses YYYY-MM-DD in the office's zone, plus addDays days.
func parseDay(env *Env, s string, addDays int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), currentZone())
	if err != nil {
		return time.Time{}, usageError{errors.New(env.Lang.T("SearchBadDate", locale.Args{"Date": termsafe.Line(s)}))}
	}
	return d.AddDate(0, 0, addDays), nil
}

func searchError(env *Env, ix *search.Index, err error) error {
	switch {
	case errors.Is(err, search.ErrRebuilding):
		s, _ := ix.Status()
		return fmt.Errorf("%w: %s", err, env.Lang.T("SearchRebuilding", locale.Args{"Done": s.Done, "Total": s.Total}))
	case errors.Is(err, search.ErrEmptyQuery):
		return usageError{errors.New(env.Lang.T("SearchEmpty"))}
	case errors.Is(err, model.ErrInvalid):
		return usageError{errors.New(env.Lang.T("SearchTooLong", locale.Args{"Max": search.MaxQueryRunes}))}
	}
	return err
}

func runReindex(ctx context.Context, env *Env) error {
	st, err := env.OpenStore()
	if err != nil {
		return err
	}
	if env.Remote {
		if err := st.RequireAdmin(env.Actor, locale.M("WhatReindex", nil)); err != nil {
			return err
		}
	}
	var ix *search.Index
	if env.Search != nil {
		ix = env.Search
	} else {
		progress := func(line string) { fmt.Fprintln(env.Stderr, line) }
		if ix, err = search.Open(st, search.Options{Progress: progress, Lang: env.Lang}); err != nil {
			return err
		}
		env.Search, env.searchOpened = ix, true
	}
	if err := ix.Reindex(ctx); err != nil {
		return err
	}
	s, err := ix.Status()
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, env.Lang.T("SearchReindexDone", locale.Args{"Seq": s.IndexedSeq}))
	return nil
}

// searchCheck is copydesk check's line about the search index: whether it
// exists and how far it lags behind the store; ok is false when it lags or
// is missing. It never builds or changes the index.
func searchCheck(env *Env, st *store.Store) (line string, ok bool) {
	ix := env.Search
	if ix == nil {
		var err error
		if ix, err = search.Open(st, search.Options{}); err != nil {
			return env.Lang.T("SearchIndexMissing"), false
		}
		defer ix.Close()
	}
	s, err := ix.Status()
	switch {
	case err != nil:
		return locale.Err(env.Lang, err), false
	case s.Rebuilding:
		return env.Lang.T("SearchIndexMissing"), false
	case s.Lag() > 0:
		return env.Lang.T("SearchIndexLag", locale.Args{"Lag": s.Lag(), "Indexed": s.IndexedSeq, "Seq": s.StoreSeq}), false
	}
	return env.Lang.T("SearchIndexCurrent", locale.Args{"Seq": s.IndexedSeq}), true
}

// backgroundSearch opens the search index for the local TUI and keeps it
// current in a goroutine (the TUI owns the screen: no progress lines; the
// search page shows a rebuild's progress). stop ends it and closes the
// index. A nil Searcher means search is unavailable.
func (env *Env) backgroundSearch(st *store.Store) (tui.Searcher, func()) {
	ix, err := search.Open(st, search.Options{Warm: true})
	if err != nil {
		return nil, func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); ix.Run(ctx) }()
	return ix, func() { cancel(); <-done; ix.Close() }
}
