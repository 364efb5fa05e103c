// Package notify delivers copydesk's notifications: it fans the notices the
// store wrote to its outbox (in the same transaction as the change that
// caused them) out to recipients, renders each message in Chinese, and
// sends it by e-mail (SMTP, through github.com/wneessen/go-mail) or to a
// webhook (WeCom, DingTalk and Feishu group robots with their documented
// JSON and signatures, or a generic JSON webhook signed with HMAC-SHA256),
// with retries and exponential backoff. Delivery is at least once; every
// message carries a delivery ID (Message-ID, X-Copydesk-Id, the "id" field)
// that stays the same across retries, so receivers drop duplicates.
//
// A Dispatcher runs inside copydesk serve, or alone as copydesk notify run.
package notify

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

// Defaults of a Dispatcher's zero fields.
const (
	DefaultBackoff     = 30 * time.Second // first retry; doubles each time
	DefaultMaxBackoff  = time.Hour
	DefaultMaxAttempts = 10 // then the delivery is marked failed (notify status, notify retry)
	DefaultWorkers     = 8
	DefaultPoll        = 30 * time.Second
	DefaultTimeout     = 15 * time.Second // per HTTP request or SMTP connection
	batch              = 200
)

// Dispatcher sends what the outbox holds. The zero values of its fields
// take the defaults above.
type Dispatcher struct {
	Store       *store.Store
	HTTP        *http.Client // nil: a client with DefaultTimeout
	Now         func() time.Time
	Backoff     time.Duration
	MaxBackoff  time.Duration
	MaxAttempts int
	Workers     int
	Poll        time.Duration
	Timeout     time.Duration
	// Log receives one line per failed attempt and per pass that sent
	// something; secrets never reach it (addresses are redacted).
	// Calls are serialized.
	Log func(msg string, keyvals ...any)

	logMu sync.Mutex
}

// Stats counts what one pass did.
type Stats struct {
	Overdue   int // overdue notices queued
	Notices   int // notices fanned out
	Sent      int
	Failed    int // attempts that failed (will be retried)
	GaveUp    int // deliveries marked failed for good
	Remaining int // deliveries still pending after the pass
}

func (d *Dispatcher) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Dispatcher) log(msg string, kv ...any) {
	if d.Log != nil {
		d.logMu.Lock()
		defer d.logMu.Unlock()
		d.Log(msg, kv...)
	}
}

func (d *Dispatcher) client() *http.Client {
	if d.HTTP != nil {
		return d.HTTP
	}
	return &http.Client{Timeout: d.timeout()}
}

func (d *Dispatcher) timeout() time.Duration {
	if d.Timeout > 0 {
		return d.Timeout
	}
	return DefaultTimeout
}

// Pass queues overdue reminders, fans out every waiting notice and sends
// every delivery that is due, until none is due. It returns what it did.
func (d *Dispatcher) Pass(ctx context.Context) (Stats, error) {
	var s Stats
	off, err := LoadOffice(d.Store)
	if err != nil {
		return s, err
	}
	rules := map[string]store.OverdueRule{}
	for name, dl := range off.Settings.Deadlines {
		rules[name] = dl.Rule()
	}
	if len(rules) > 0 {
		if s.Overdue, err = d.Store.QueueOverdue(rules); err != nil {
			return s, err
		}
	}
	for {
		ns, err := d.Store.Notices(batch)
		if err != nil {
			return s, err
		}
		if len(ns) == 0 {
			break
		}
		plan := map[uint64][]store.Delivery{}
		for _, n := range ns {
			plan[n.ID] = off.Plan(n)
		}
		if err := d.Store.FanOut(plan); err != nil {
			return s, err
		}
		s.Notices += len(ns)
	}
	client := d.client()
	for round := 0; round < 1000; round++ {
		if err := ctx.Err(); err != nil {
			return s, err
		}
		due, err := d.Store.Due(d.now(), batch)
		if err != nil {
			return s, err
		}
		if len(due) == 0 {
			break
		}
		outs := d.send(ctx, client, off, due)
		for _, o := range outs {
			switch {
			case o.Err == nil:
				s.Sent++
			case o.GiveUp:
				s.GaveUp++
			default:
				s.Failed++
			}
		}
		if err := d.Store.Record(outs); err != nil {
			return s, err
		}
	}
	if st, err := d.Store.Outbox(); err == nil {
		s.Remaining = st.Pending
	}
	if s.Sent+s.Failed+s.GaveUp > 0 {
		d.log("notify pass", "sent", s.Sent, "failed", s.Failed, "gave_up", s.GaveUp, "pending", s.Remaining)
	}
	return s, nil
}

// send attempts every delivery of the batch: e-mail over one SMTP
// connection per channel; webhooks in lanes, one per channel and user, sent
// in order within a lane (a group reads "submitted" before "returned") and
// lanes side by side on a pool of workers.
func (d *Dispatcher) send(ctx context.Context, client *http.Client, off *Office, due []store.Delivery) []store.Outcome {
	outs := make([]store.Outcome, len(due))
	var wg sync.WaitGroup
	mails := map[string][]int{}
	lanes := map[string][]int{}
	var order []string
	for i, dl := range due {
		if dl.Kind == "email" {
			mails[dl.Channel] = append(mails[dl.Channel], i)
			continue
		}
		lane := dl.Channel + "/" + dl.Login
		if _, ok := lanes[lane]; !ok {
			order = append(order, lane)
		}
		lanes[lane] = append(lanes[lane], i)
	}
	jobs := make(chan []int)
	workers := d.Workers
	if workers <= 0 {
		workers = DefaultWorkers
	}
	for w := 0; w < min(workers, len(order)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for idx := range jobs {
				for _, i := range idx {
					outs[i] = d.outcome(due[i], d.sendOne(ctx, client, off, due[i]))
				}
			}
		}()
	}
	for chName, idx := range mails {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.sendMail(ctx, off, chName, due, idx, outs)
		}()
	}
	for _, lane := range order {
		jobs <- lanes[lane]
	}
	close(jobs)
	wg.Wait()
	return outs
}

func (d *Dispatcher) sendOne(ctx context.Context, client *http.Client, off *Office, dl store.Delivery) error {
	key := "channel/" + dl.Channel
	if dl.Login != "" && off.Dir.User(dl.Login) == nil {
		return permanent{locale.NewError("NotifyUserGone", locale.Args{"Login": dl.Login})}
	}
	if dl.Channel == "user" {
		key = "user/" + dl.Login
		if p, ok := off.Prefs[dl.Login]; !ok || !p.Webhook || p.Off {
			return permanent{locale.NewError("NotifyNoUserWebhook", locale.Args{"Login": dl.Login})}
		}
	} else if !off.hasChannel(dl.Channel) {
		return permanent{locale.NewError("StoreNoChannelNamed", locale.Args{"Name": dl.Channel}, store.ErrNoChannel)}
	}
	sec, err := d.Store.Secret(key)
	if err != nil {
		return permanent{locale.NewError("NotifyNoAddress", locale.Args{"Channel": dl.Channel}, err)}
	}
	if dl.Channel == "user" {
		// A personal webhook: the user chose the address, so it must
		// pass the SSRF guard (guard.go); a refusal is permanent.
		c, err := webhookClient(d.HTTP, d.timeout(), sec, off.Settings.WebhookAllow)
		if err != nil {
			return permanent{err}
		}
		client = c
	}
	m := Render(dl, off.Settings, off.Dir, d.now())
	return sendHTTP(ctx, client, dl, m, sec, d.now())
}

func (d *Dispatcher) sendMail(ctx context.Context, off *Office, chName string, due []store.Delivery, idx []int, outs []store.Outcome) {
	fail := func(err error) {
		for _, i := range idx {
			if outs[i].Key == 0 {
				outs[i] = d.outcome(due[i], err)
			}
		}
	}
	ch := off.channel(chName)
	if ch == nil {
		fail(permanent{locale.NewError("StoreNoChannelNamed", locale.Args{"Name": chName}, store.ErrNoChannel)})
		return
	}
	sec, _ := d.Store.Secret("channel/" + chName)
	ml, err := newMailer(*ch, sec, d.timeout())
	if err != nil {
		fail(err)
		return
	}
	if err := ml.dial(ctx); err != nil {
		fail(err)
		return
	}
	defer ml.close()
	for _, i := range idx {
		dl := due[i]
		p := off.Prefs[dl.Login]
		if off.Dir.User(dl.Login) == nil {
			outs[i] = d.outcome(dl, permanent{locale.NewError("NotifyUserGone", locale.Args{"Login": dl.Login})})
			continue
		}
		if p.Email == "" || p.Off {
			outs[i] = d.outcome(dl, permanent{locale.NewError("NotifyNoUserEmail", locale.Args{"Login": dl.Login})})
			continue
		}
		m := Render(dl, off.Settings, off.Dir, d.now())
		msg, err := ml.compose(m, off.Dir.Name(dl.Login), p.Email, d.now())
		if err == nil {
			err = ml.send(msg)
		}
		outs[i] = d.outcome(dl, err)
	}
}

// permanent marks an error that no retry can fix.
type permanent struct{ error }

// Unwrap lets errors.As find the catalog message inside (locale.Keep).
func (p permanent) Unwrap() error { return p.error }

func (d *Dispatcher) outcome(dl store.Delivery, err error) store.Outcome {
	o := store.Outcome{Key: dl.Key, At: d.now().UTC()}
	if err == nil {
		return o
	}
	o.Err = err
	max := d.MaxAttempts
	if max <= 0 {
		max = DefaultMaxAttempts
	}
	var p permanent
	if errors.As(err, &p) || dl.Attempts+1 >= max {
		o.GiveUp = true
	} else {
		o.NextAt = o.At.Add(d.backoff(dl.Attempts + 1))
	}
	d.log("notify attempt failed", "id", dl.ID, "channel", dl.Channel, "attempt", dl.Attempts+1, "err", err, "gave_up", o.GiveUp)
	return o
}

// backoff is the wait before attempt n+1 after n failures: Backoff·2^(n-1),
// at most MaxBackoff.
func (d *Dispatcher) backoff(n int) time.Duration {
	b, maxB := d.Backoff, d.MaxBackoff
	if b <= 0 {
		b = DefaultBackoff
	}
	if maxB <= 0 {
		maxB = DefaultMaxBackoff
	}
	for i := 1; i < n && b < maxB; i++ {
		b *= 2
	}
	return min(b, maxB)
}

func (o *Office) hasChannel(name string) bool { return o.channel(name) != nil }

func (o *Office) channel(name string) *store.Channel {
	for i := range o.Channels {
		if o.Channels[i].Name == name {
			return &o.Channels[i]
		}
	}
	return nil
}

// Run passes whenever the store commits a change and when a retry falls
// due (at least every Poll), until ctx ends. Errors of a pass are logged
// and the next pass tries again.
func (d *Dispatcher) Run(ctx context.Context) error {
	events, stop := d.Store.Subscribe()
	defer stop()
	poll := d.Poll
	if poll <= 0 {
		poll = DefaultPoll
	}
	for {
		if _, err := d.Pass(ctx); err != nil && ctx.Err() == nil {
			d.log("notify pass failed", "err", err)
		}
		wait := poll
		if at, ok, err := d.Store.NextDue(); err == nil && ok {
			wait = min(wait, max(at.Sub(d.now()), 10*time.Millisecond))
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case _, ok := <-events:
			timer.Stop()
			if !ok {
				return nil // the store closed
			}
			// let a burst of commits settle into one pass
			drain(events, 20*time.Millisecond)
		case <-timer.C:
		}
	}
}

func drain(ch <-chan store.Event, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return
			}
		case <-t.C:
			return
		}
	}
}
