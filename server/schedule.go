package server

import (
	"context"
	"slices"
	"time"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Defaults of SchedulerConfig.
const (
	// DefaultScheduleEvery is how often the scheduler looks for due
	// schedules.
	DefaultScheduleEvery = 30 * time.Second
	// DefaultScheduleGrace is how long after its time a scheduled publish
	// still counts as on time; later ones are recorded as late.
	DefaultScheduleGrace = 2 * time.Minute
)

// Clock tells the scheduler the time. Tests pass their own, so they can
// move time forward without sleeping.
type Clock func() time.Time

// SchedulerConfig configures a Scheduler.
type SchedulerConfig struct {
	// Store is the open database. Required.
	Store *store.Store
	// Clock is the time (nil: the store's clock, store.Store.Now). The
	// embargo of the scheduler's export is held against it too.
	Clock Clock
	// Every is how often Run looks for due schedules
	// (DefaultScheduleEvery).
	Every time.Duration
	// Grace: a publish more than this after its time is late
	// (DefaultScheduleGrace).
	Grace time.Duration
	// SiteDir is where the scheduler exports the site before publishing
	// it (default: the first export folder, store.Store.ExportDirs). Each
	// target should be published from one folder only (export.Publish).
	// A target whose URL differs from the base-url setting gets its own
	// export in the sibling folder SiteDir-NAME (its links, feed and
	// sitemap name its own address).
	SiteDir string
	// Publish are the options of every publish (SSH key, known_hosts).
	Publish export.PublishOptions
	// Logf receives one line per thing done or refused; nil: silent.
	Logf func(format string, args ...any)
}

// Scheduler runs 定时发布 in copydesk serve: at an article's time it
// exports the site (which now contains the article: its embargo ended) and
// publishes it to every site target, recording each article that went
// online (store.RecordPublications). A schedule whose approval went stale
// (model.Article.ScheduleProblem) is refused and the reason recorded
// (store.RefuseSchedule): nothing is published for it. Schedules whose
// time passed while the server was down run at the first tick, recorded
// as late. A target that failed is published again at the next tick.
type Scheduler struct {
	cfg   SchedulerConfig
	retry map[string]bool // targets whose last publish failed
}

// NewScheduler returns a Scheduler for cfg.
func NewScheduler(cfg SchedulerConfig) *Scheduler {
	if cfg.Clock == nil {
		cfg.Clock = cfg.Store.Now
	}
	if cfg.Every <= 0 {
		cfg.Every = DefaultScheduleEvery
	}
	if cfg.Grace <= 0 {
		cfg.Grace = DefaultScheduleGrace
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	return &Scheduler{cfg: cfg, retry: map[string]bool{}}
}

// TickReport is what one Tick did.
type TickReport struct {
	// Published are the articles that went online, per target name.
	Published map[string][]model.Article
	// Refused are the schedules refused, with why.
	Refused map[uint64]error
	// Failed are the targets whose publish failed, with why.
	Failed map[string]error
	// NoTargets is set when schedules were due but no site target is
	// configured: the embargo has ended, nothing was published.
	NoTargets bool
}

// Run ticks at once (a missed schedule runs late) and then every
// Config.Every until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTicker(s.cfg.Every)
	defer t.Stop()
	for {
		if _, err := s.Tick(); err != nil {
			s.cfg.Logf("schedule: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tick publishes what is due at the clock's time: it refuses stale
// schedules, exports the site and publishes it to every site target. An
// error is a failure of the store or the export; a target's failure is in
// the report (Failed) and logged, and that target is retried next tick.
func (s *Scheduler) Tick() (TickReport, error) {
	rep := TickReport{Published: map[string][]model.Article{}, Refused: map[uint64]error{}, Failed: map[string]error{}}
	st, now := s.cfg.Store, s.cfg.Clock()
	due, err := st.DueSchedules(now)
	if err != nil {
		return rep, err
	}
	var ready []model.Article
	for _, a := range due {
		if a.ScheduleProblem() == nil {
			ready = append(ready, a)
			continue
		}
		problem, err := st.RefuseSchedule(a.ID)
		if err != nil {
			return rep, err
		}
		if problem != nil {
			rep.Refused[a.ID] = problem
			s.cfg.Logf("schedule: article %d not published: %v", a.ID, problem)
		}
	}
	if len(ready) == 0 && len(s.retry) == 0 {
		return rep, nil
	}
	targets, err := st.Targets()
	if err != nil {
		return rep, err
	}
	set, err := st.Settings()
	if err != nil {
		return rep, err
	}
	if len(targets) == 0 {
		rep.NoTargets = len(ready) > 0
		if rep.NoTargets {
			s.cfg.Logf("schedule: articles due, no site target configured (copydesk site target add NAME --to …); embargo ended, nothing published: due=%d", len(ready))
		}
		return rep, nil
	}
	dir := s.cfg.SiteDir
	if dir == "" {
		dirs, err := st.ExportDirs()
		if err != nil {
			return rep, err
		}
		dir = dirs[0]
	}
	opts, err := export.SiteOptions(st)
	if err != nil {
		return rep, err
	}
	opts.Now = func() time.Time { return now }
	// Each target gets the site built for its public address (its URL,
	// else the base-url setting): the folder dir for the site's own
	// address, a sibling dir-NAME for a target with another one, so
	// every target is always published from the same folder.
	exported := map[string]error{}
	exportFor := func(t store.SiteTarget) (string, string, error) {
		base, out := t.BaseURL(set), dir
		if base != opts.BaseURL {
			out = dir + "-" + t.Name
		}
		if err, done := exported[out]; done {
			return base, out, err
		}
		o := opts
		o.BaseURL = base
		res, err := export.Export(export.FromStore(st), out, o)
		if err != nil {
			err = locale.NewError("SrvScheduleExport", locale.Args{"Dir": out, "Err": err}, err)
		}
		exported[out] = err
		if err == nil {
			for _, f := range res.Failed {
				if slices.ContainsFunc(ready, func(a model.Article) bool { return a.ID == f.ID }) {
					s.cfg.Logf("schedule: article %d could not be exported (%v); it is tried again at the next tick", f.ID, f.Err)
				}
			}
		}
		return base, out, err
	}
	act := store.Actor{Login: store.SchedulerLogin}
	for _, t := range targets {
		if len(ready) == 0 && !s.retry[t.Name] {
			continue
		}
		base, out, err := exportFor(t)
		if err != nil {
			return rep, err
		}
		_, recorded, err := export.PublishSite(st, act, t.Name, t.To, base, out, s.cfg.Publish, now, s.cfg.Grace)
		if err != nil {
			rep.Failed[t.Name] = err
			s.retry[t.Name] = true
			s.cfg.Logf("schedule: publish to %s (%s) failed: %v; tried again at the next tick", t.Name, t.To, err)
			continue
		}
		delete(s.retry, t.Name)
		rep.Published[t.Name] = recorded
		for _, a := range recorded {
			late := ""
			if p := a.LastPublication(); p != nil && p.Late {
				late = " (late)"
			}
			s.cfg.Logf("schedule: article %d revision %d online at %s%s", a.ID, a.LastPublication().Rev, t.Name, late)
		}
	}
	for name := range s.retry { // targets removed meanwhile
		if !slices.ContainsFunc(targets, func(t store.SiteTarget) bool { return t.Name == name }) {
			delete(s.retry, name)
		}
	}
	return rep, nil
}
