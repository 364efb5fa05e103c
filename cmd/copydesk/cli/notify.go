package cli

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"net/mail"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/notify"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// newNotifyCmd is the admin's notification commands.
func newNotifyCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "notify", Short: "Notification channels: e-mail, WeCom, DingTalk, Feishu and webhooks (admin)", Args: noArgs,
		Long: `Notifications tell the next person it is their turn. They are written to an
outbox with the change that caused them and sent by copydesk serve (or by
copydesk notify run on offices without a server), with retries.

  copydesk notify add mail --kind smtp --smtp mail.example.edu:587 --from desk@example.edu --user desk --password-file pw.txt
  copydesk notify add news-group --kind wecom --url-file wecom.url
  copydesk notify add leaders --kind dingtalk --url-file ding.url --secret-file ding.secret --events submit,signoff,overdue
  copydesk notify add feishu --kind feishu --url-file feishu.url --secret-file feishu.secret
  copydesk notify add cms --kind webhook --url https://cms.example.edu/hook --secret-file hook.secret
  copydesk notify set --act "ssh -p 23234 desk.example.edu" --deadline 24h --escalate 24h
  copydesk notify test news-group | notify status | notify remove news-group

Users choose their own address and events with copydesk me notify.
Secrets (robot addresses, signing secrets, the SMTP password) are stored
apart and never printed; pass them in files ("-" reads standard input).`}
	cmd.AddCommand(newNotifyAddCmd(env), newNotifyRemoveCmd(env), newNotifyTestCmd(env), newNotifyStatusCmd(env),
		newNotifyRunCmd(env), newNotifySetCmd(env), newNotifyRetryCmd(env))
	return cmd
}

// readSecret takes a secret from a flag value or a file ("-": standard
// input), trimmed of surrounding white space.
func (env *Env) readSecret(value, file string) (string, error) {
	if file == "" {
		return strings.TrimSpace(value), nil
	}
	if file != "-" && env.Remote {
		return "", usageError{locale.NewError("CLINotifySecretSSH", nil)}
	}
	var raw []byte
	var err error
	if file == "-" {
		raw, err = io.ReadAll(io.LimitReader(env.Stdin, 64<<10))
	} else {
		raw, err = os.ReadFile(file)
	}
	return strings.TrimSpace(string(raw)), err
}

func parseEvents(s string) ([]store.NoticeKind, error) {
	if s == "" || s == "all" {
		return nil, nil
	}
	out := []store.NoticeKind{}
	if s == "none" {
		return out, nil
	}
	for _, p := range strings.Split(s, ",") {
		k := store.NoticeKind(strings.TrimSpace(p))
		if k == "" {
			continue
		}
		if !slices.Contains(store.NoticeKinds, k) {
			return nil, usageError{locale.NewError("CLINotifyUnknownEvent", locale.Args{"Value": k, "List": eventNames()})}
		}
		out = append(out, k)
	}
	return out, nil
}

func eventNames() string {
	var s []string
	for _, k := range store.NoticeKinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ",")
}

// eventsText is a list of events as --events takes them (submit,signoff);
// all and none in the reader's language.
func eventsText(lang locale.Lang, ev []store.NoticeKind) string {
	if ev == nil {
		return locale.T(lang, "CLIEventsAll")
	}
	if len(ev) == 0 {
		return locale.T(lang, "CLIEventsNone")
	}
	var s []string
	for _, k := range ev {
		s = append(s, string(k))
	}
	return strings.Join(s, ",")
}

func newNotifyAddCmd(env *Env) *cobra.Command {
	var kind, rawURL, urlFile, secret, secretFile, events, smtpAddr, from, user, pwFile, tlsMode string
	cmd := &cobra.Command{
		Use:   "add NAME --kind smtp|wecom|dingtalk|feishu|webhook …",
		Short: "Add an office channel: the SMTP server for users' e-mail, or a group robot",
		Args:  exactArgs(1, "CLIArgChannel"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(store.ChannelKinds, kind) {
				return usageError{locale.NewError("CLINotifyKind", locale.Args{"List": strings.Join(store.ChannelKinds, ", ")})}
			}
			ev, err := parseEvents(events)
			if err != nil {
				return err
			}
			ch := store.Channel{Name: args[0], Kind: kind, Events: ev}
			var sec store.ChannelSecret
			if kind == "smtp" {
				host, port, err := net.SplitHostPort(smtpAddr)
				if err != nil || host == "" {
					return usageError{locale.NewError("CLINotifySMTPNeeded", nil)}
				}
				p, err := strconv.Atoi(port)
				if err != nil || p < 1 || p > 65535 {
					return usageError{locale.NewError("CLINotifySMTPPort", locale.Args{"Value": port})}
				}
				if _, err := mail.ParseAddress(from); err != nil {
					return usageError{locale.NewError("CLINotifyFrom", nil, err)}
				}
				switch tlsMode {
				case "", "starttls", "tls", "none":
				default:
					return usageError{locale.NewError("CLINotifyTLS", nil)}
				}
				ch.SMTPHost, ch.SMTPPort, ch.SMTPUser, ch.From, ch.TLS = host, p, user, from, tlsMode
				ch.Where = net.JoinHostPort(host, port)
				if sec.Password, err = env.readSecret("", pwFile); err != nil {
					return err
				}
			} else {
				u, err := env.readSecret(rawURL, urlFile)
				if err != nil {
					return err
				}
				pu, perr := url.Parse(u)
				if u == "" || perr != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
					return usageError{locale.NewError("CLINotifyURL", nil)}
				}
				sec.URL, ch.Where = u, notify.Redact(u)
				if sec.Secret, err = env.readSecret(secret, secretFile); err != nil {
					return err
				}
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.AddChannel(actor, ch, sec); err != nil {
				return err
			}
			signed := ""
			if sec.Secret != "" {
				signed = ", signed"
			}
			id := "CLIChannelAdded"
			if signed != "" {
				id = "CLIChannelAddedSigned"
			}
			fmt.Fprintln(env.Stdout, env.t(id, locale.Args{"Name": ch.Name, "Kind": channelKind(env.Lang, ch.Kind), "Where": ch.Where, "Events": eventsText(env.Lang, ch.Events)}))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&kind, "kind", "", "smtp, wecom (企业微信), dingtalk (钉钉), feishu (飞书) or webhook")
	f.StringVar(&rawURL, "url", "", "robot webhook address (it carries the robot's key: prefer --url-file)")
	f.StringVar(&urlFile, "url-file", "", "read the webhook address from a file (- for standard input)")
	f.StringVar(&secret, "secret", "", "signing secret (DingTalk 加签, Feishu 签名校验, webhook HMAC); prefer --secret-file")
	f.StringVar(&secretFile, "secret-file", "", "read the signing secret from a file (- for standard input)")
	f.StringVar(&events, "events", "", "events the robot posts: "+eventNames()+" (default all)")
	f.StringVar(&smtpAddr, "smtp", "", "SMTP server HOST:PORT (kind smtp)")
	f.StringVar(&from, "from", "", "sender address (kind smtp)")
	f.StringVar(&user, "user", "", "SMTP login (kind smtp; none: no authentication)")
	f.StringVar(&pwFile, "password-file", "", "read the SMTP password from a file (- for standard input)")
	f.StringVar(&tlsMode, "tls", "starttls", "starttls, tls (implicit, port 465) or none (kind smtp)")
	return cmd
}

func newNotifyRemoveCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an office channel and its secrets",
		Args:  exactArgs(1, "CLIArgChannel"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.RemoveChannel(actor, args[0]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIChannelRemoved", locale.Args{"Name": args[0]}))
			return nil
		},
	}
}

func newNotifyTestCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "test CHANNEL|LOGIN",
		Short: "Send a test message to a channel, or to a user's own e-mail and webhook",
		Args:  exactArgs(1, "CLIArgChannelOrLogin"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			chans, err := st.Channels()
			if err != nil {
				return err
			}
			known := slices.ContainsFunc(chans, func(c store.Channel) bool { return c.Name == args[0] })
			if !known {
				if _, err := st.User(args[0]); err != nil {
					return locale.NewError("CLINotifyNotChannelOrUser", locale.Args{"Name": args[0]}, store.ErrNotFound)
				}
			}
			n, err := st.QueueTest(actor, args[0])
			if err != nil {
				return err
			}
			if env.Remote {
				fmt.Fprintln(env.Stdout, env.t("CLITestQueued", locale.Args{"ID": n.ID}))
				return nil
			}
			// Locally nobody else may hold the database: send it here.
			d := &notify.Dispatcher{Store: st, MaxAttempts: 1}
			if _, err := d.Pass(cmd.Context()); err != nil {
				return err
			}
			status, err := st.Outbox()
			if err != nil {
				return err
			}
			prefix := fmt.Sprintf("n%d-", n.ID)
			bad := 0
			for _, f := range status.Failed {
				if strings.HasPrefix(f.ID, prefix) {
					bad++
					fmt.Fprintln(env.Stdout, env.t("CLITestFailedLine", locale.Args{"ID": f.ID, "Err": f.LastError.In(env.Lang)}))
				}
			}
			if bad > 0 {
				return locale.NewError("CLITestFailed", locale.Args{"N": bad})
			}
			fmt.Fprintln(env.Stdout, env.t("CLITestSent", locale.Args{"ID": n.ID, "Name": args[0]}))
			return nil
		},
	}
}

func newNotifyStatusCmd(env *Env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status [--json]",
		Short: "Channels, settings, and the outbox: pending, retrying and failed messages",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			if env.Remote { // locally the file is already full trust
				if err := st.RequireAdmin(env.Actor, locale.M("WhatNotifyStatus", nil)); err != nil {
					return err
				}
			}
			chans, err := st.Channels()
			if err != nil {
				return err
			}
			ns, err := st.NotifySettings()
			if err != nil {
				return err
			}
			ob, err := st.Outbox()
			if err != nil {
				return err
			}
			if asJSON {
				type fail struct { // Error: in English, as the log has it
					ID, Channel, Login, Error string
					Attempts                  int
					Last                      time.Time
				}
				out := struct {
					Channels []store.Channel
					Settings store.NotifySettings
					Waiting  int
					Pending  int
					Sent     uint64
					Retrying []fail
					Failed   []fail
				}{chans, ns, ob.Notices, ob.Pending, ob.Sent, nil, nil}
				for _, d := range ob.Retries {
					out.Retrying = append(out.Retrying, fail{d.ID, d.Channel, d.Login, d.LastError.String(), d.Attempts, d.LastTry})
				}
				for _, d := range ob.Failed {
					out.Failed = append(out.Failed, fail{d.ID, d.Channel, d.Login, d.LastError.String(), d.Attempts, d.LastTry})
				}
				return writeJSON(env.Stdout, out)
			}
			w := newTable(env.Stdout)
			fmt.Fprintln(w, env.t("CLIChannelHeader"))
			for _, c := range chans {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", termsafe.Line(c.Name), channelKind(env.Lang, c.Kind), termsafe.Line(c.Where), eventsText(env.Lang, c.Events))
			}
			w.Flush()
			if len(chans) == 0 {
				fmt.Fprintln(env.Stdout, env.t("CLINoChannels"))
			}
			if ns.Act != "" {
				fmt.Fprintln(env.Stdout, env.t("CLINotifyAct", locale.Args{"Value": termsafe.Line(ns.Act)}))
			}
			for _, name := range slices.Sorted(maps.Keys(ns.Deadlines)) {
				dl := ns.Deadlines[name]
				if name == "" {
					name = env.t("CLIEveryStage")
				}
				limit := locale.Duration(env.Lang, dl.After)
				if dl.NextDayAt != "" {
					limit = env.t("CLINextDayBefore", locale.Args{"Time": dl.NextDayAt})
				}
				if dl.Escalate == 0 {
					fmt.Fprintln(env.Stdout, env.t("CLIDeadlineOnly", locale.Args{"Name": termsafe.Line(name), "Limit": termsafe.Line(limit)}))
					continue
				}
				fmt.Fprintln(env.Stdout, env.t("CLIDeadline", locale.Args{"Name": termsafe.Line(name), "Limit": termsafe.Line(limit), "Escalate": locale.Duration(env.Lang, dl.Escalate)}))
			}
			fmt.Fprintln(env.Stdout, env.t("CLIOutbox", locale.Args{"Waiting": ob.Notices, "Pending": ob.Pending, "Retrying": len(ob.Retries), "Failed": len(ob.Failed), "Sent": ob.Sent}))
			for _, d := range ob.Retries {
				fmt.Fprintln(env.Stdout, env.t("CLIOutboxRetry", locale.Args{"ID": d.ID, "N": d.Attempts, "When": when(d.NextAt), "Err": d.LastError.In(env.Lang)}))
			}
			for _, d := range ob.Failed {
				fmt.Fprintln(env.Stdout, env.t("CLIOutboxFailed", locale.Args{"ID": d.ID, "N": d.Attempts, "When": when(d.LastTry), "Err": d.LastError.In(env.Lang)}))
			}
			if len(ob.Failed) > 0 {
				fmt.Fprintln(env.Stdout, env.t("CLIRetryHint"))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newNotifyRetryCmd(env *Env) *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "retry ID | --all",
		Short: "Queue failed messages again",
		Args: func(cmd *cobra.Command, args []string) error {
			if (len(args) == 1) == all {
				return usageMsg("CLINotifyRetryUsage", locale.Args{"Use": useLine(cmd)})
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			n, err := st.Retry(actor, id)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIQueuedAgain", locale.Args{"N": n}))
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "every failed message")
	return cmd
}

func newNotifySetCmd(env *Env) *cobra.Command {
	var act, link, stage, lang, nextDay, webhookAllow string
	var deadline, escalate time.Duration
	cmd := &cobra.Command{
		Use:   "set [--act CMD] [--link URL] [--lang zh-CN|en] [--deadline 24h | --deadline-next-day 10:00] [--escalate 24h] [--stage NAME]",
		Short: "Office settings: how to reach copydesk, the article link, stage deadlines",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := cmd.Flags()
			if !f.Changed("act") && !f.Changed("link") && !f.Changed("deadline") && !f.Changed("escalate") && !f.Changed("lang") && !f.Changed("deadline-next-day") && !f.Changed("webhook-allow") {
				return usageMsg("CLINotifySetNothing", locale.Args{"Use": useLine(cmd)})
			}
			if link != "" {
				if u, err := url.Parse(link); err != nil || (u.Scheme != "https" && u.Scheme != "http") {
					return usageError{locale.NewError("CLINotifyLink", locale.Args{"Placeholder": "{id}"})}
				}
			}
			if nextDay != "" {
				if _, err := store.ParseClock(nextDay); err != nil {
					return usageError{err}
				}
			}
			if deadline < 0 || escalate < 0 {
				return usageError{locale.NewError("CLINotifyNegative", nil)}
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			err = st.SetNotifySettings(actor, func(ns *store.NotifySettings) error {
				if f.Changed("act") {
					ns.Act = strings.TrimSpace(act)
				}
				if f.Changed("link") {
					ns.Link = link
				}
				if f.Changed("lang") {
					ns.Lang = string(locale.Parse(lang))
				}
				if f.Changed("webhook-allow") {
					ns.WebhookAllow = nil
					for _, h := range strings.Split(webhookAllow, ",") {
						if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
							ns.WebhookAllow = append(ns.WebhookAllow, h)
						}
					}
				}
				if f.Changed("deadline") || f.Changed("escalate") || f.Changed("deadline-next-day") {
					if ns.Deadlines == nil {
						ns.Deadlines = map[string]store.Deadline{}
					}
					dl := ns.Deadlines[stage]
					if f.Changed("deadline") {
						dl.After = deadline
					}
					if f.Changed("escalate") {
						dl.Escalate = escalate
					}
					if f.Changed("deadline-next-day") {
						dl.NextDayAt = nextDay
					}
					if dl.After == 0 && dl.NextDayAt == "" {
						delete(ns.Deadlines, stage)
					} else {
						ns.Deadlines[stage] = dl
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLINotifySettingsSaved"))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&act, "act", "", `how users reach copydesk, shown in messages (e.g. "ssh -p 23234 desk.example.edu")`)
	f.StringVar(&link, "link", "", "an article's web address, {id} standing for its ID (optional)")
	f.DurationVar(&deadline, "deadline", 0, "how long an article may wait at a stage before its actors are reminded (0: no deadline)")
	f.DurationVar(&escalate, "escalate", 0, "how long after the deadline the chief is told (0: never)")
	f.StringVar(&nextDay, "deadline-next-day", "", `instead of --deadline: overdue at this time the next day, e.g. 10:00 ("before 10:00 next day"; China Standard Time; "" clears)`)
	f.StringVar(&lang, "lang", "", "the language of the messages: zh-CN (default) or en")
	f.StringVar(&stage, "stage", "", "the stage the deadline is for, e.g. 审核 (default: every stage)")
	f.StringVar(&webhookAllow, "webhook-allow", "", "hosts personal webhooks may reach although internal or not https, comma-separated (\"\" clears); audited")
	return cmd
}

func newNotifyRunCmd(env *Env) *cobra.Command {
	var once bool
	var poll time.Duration
	cmd := &cobra.Command{
		Use:   "run [--once]",
		Short: "Send queued notifications (offices without copydesk serve); --once sends what is due and exits",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env.Remote {
				return refusedHere("CLINotifyRunRemote", nil)
			}
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			d := &notify.Dispatcher{Store: st, Poll: poll, Log: func(msg string, kv ...any) {
				fmt.Fprintln(env.Stderr, termsafe.Line(env.notifyLogLine(msg, kv)))
			}}
			if once {
				s, err := d.Pass(cmd.Context())
				if err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, env.t("CLINotifyPassDone", locale.Args{"Sent": s.Sent, "Failed": s.Failed, "GaveUp": s.GaveUp, "Pending": s.Remaining}))
				return nil
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			fmt.Fprintln(env.Stderr, env.t("CLINotifySending"))
			return d.Run(ctx)
		},
	}
	cmd.Flags().BoolVar(&once, "once", false, "send what is due now, then exit")
	cmd.Flags().DurationVar(&poll, "poll", notify.DefaultPoll, "how often to look for due retries and overdue articles")
	return cmd
}

// newMeCmd is what a user changes about themself.
func newMeCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "me", Short: "Your own settings", Args: noArgs}
	cmd.AddCommand(newMeNotifyCmd(env), newMeKeyCmd(env))
	return cmd
}

func newMeNotifyCmd(env *Env) *cobra.Command {
	var email, hookURL, hookFile, secret, secretFile, events string
	var off, on, show bool
	cmd := &cobra.Command{
		Use:   "notify [--email ADDR] [--webhook URL | --webhook-file F] [--secret-file F] [--events LIST|all|none] [--off|--on]",
		Short: "Choose how and about what copydesk notifies you",
		Long: `Choose where your notifications go and which events you want.

  copydesk me notify --email wangyin@example.edu
  copydesk me notify --events submit,approve,return,mention,overdue
  copydesk me notify --webhook-file my.url --secret-file my.secret
  copydesk me notify --off        (and --on to resume)
  copydesk me notify              shows your settings

Events: ` + eventNames() + `; all (the default) or none.`,
		Args: exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			all, err := st.UserNotifications()
			if err != nil {
				return err
			}
			un, ok := all[actor.Login]
			if !ok {
				un = store.UserNotify{Login: actor.Login}
			}
			f := cmd.Flags()
			changed := false
			var sec *store.ChannelSecret
			if f.Changed("email") {
				if email != "" {
					a, err := mail.ParseAddress(email)
					if err != nil {
						return usageError{locale.NewError("CLINotifyEmail", locale.Args{"Value": email})}
					}
					email = a.Address
				}
				un.Email, changed = email, true
			}
			if f.Changed("webhook") || f.Changed("webhook-file") {
				u, err := env.readSecret(hookURL, hookFile)
				if err != nil {
					return err
				}
				sec = &store.ChannelSecret{URL: u}
				if u != "" {
					pu, perr := url.Parse(u)
					if perr != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
						return usageError{locale.NewError("CLINotifyWebhook", nil)}
					}
					if sec.Secret, err = env.readSecret(secret, secretFile); err != nil {
						return err
					}
					un.WebhookWhere = notify.Redact(u)
				}
				changed = true
			}
			if f.Changed("events") {
				if un.Events, err = parseEvents(events); err != nil {
					return err
				}
				changed = true
			}
			if off || on {
				un.Off, changed = off, true
			}
			if changed && !show {
				if err := st.SetUserNotify(actor, un, sec); err != nil {
					return err
				}
				if sec != nil && sec.URL != "" {
					un.Webhook = true
				}
			}
			onOff := map[bool]string{true: "CLINotifyOff", false: "CLINotifyOn"}[un.Off]
			fmt.Fprintln(env.Stdout, env.t("CLIMeNotifyHead", locale.Args{"Login": actor.Login, "State": env.t(onOff)}))
			fmt.Fprintln(env.Stdout, env.t("CLIMeNotifyEmail", locale.Args{"Value": orDash(termsafe.Line(un.Email))}))
			hook := "-"
			if un.Webhook {
				hook = termsafe.Line(un.WebhookWhere)
			}
			fmt.Fprintln(env.Stdout, env.t("CLIMeNotifyWebhook", locale.Args{"Value": hook}))
			fmt.Fprintln(env.Stdout, env.t("CLIMeNotifyEvents", locale.Args{"Value": eventsText(env.Lang, un.Events)}))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&email, "email", "", "your e-mail address (empty: none)")
	fl.StringVar(&hookURL, "webhook", "", "your personal webhook address (empty: none)")
	fl.StringVar(&hookFile, "webhook-file", "", "read your webhook address from a file (- for standard input)")
	fl.StringVar(&secret, "secret", "", "the webhook's HMAC signing secret; prefer --secret-file")
	fl.StringVar(&secretFile, "secret-file", "", "read the webhook's signing secret from a file (- for standard input)")
	fl.StringVar(&events, "events", "", "events you want: "+eventNames()+", all or none")
	fl.BoolVar(&off, "off", false, "pause all your notifications")
	fl.BoolVar(&on, "on", false, "resume your notifications")
	fl.BoolVar(&show, "show", false, "only show your settings")
	return cmd
}

// notifyLogLine is a line of the dispatcher's log as notify run shows it
// in the terminal: its passes and failed attempts in the reader's
// language, the reason of a failure too; any other line as key=value.
func (env *Env) notifyLogLine(msg string, kv []any) string {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			m[k] = kv[i+1]
		}
	}
	errText := func() string {
		if err, ok := m["err"].(error); ok {
			return locale.Err(env.Lang, err)
		}
		return fmt.Sprint(m["err"])
	}
	switch msg {
	case "notify pass":
		return env.t("CLINotifyPassDone", locale.Args{"Sent": m["sent"], "Failed": m["failed"], "GaveUp": m["gave_up"], "Pending": m["pending"]})
	case "notify attempt failed":
		id := "CLINotifyAttemptFailed"
		if m["gave_up"] == true {
			id = "CLINotifyAttemptGaveUp"
		}
		return env.t(id, locale.Args{"ID": m["id"], "N": m["attempt"], "Err": errText()})
	case "notify pass failed":
		return env.t("CLINotifyPassFailed", locale.Args{"Err": errText()})
	}
	line := msg
	for i := 0; i+1 < len(kv); i += 2 {
		line += fmt.Sprintf(" %v=%v", kv[i], kv[i+1])
	}
	return line
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// StartNotify runs the notification dispatcher on st until ctx ends; serve
// calls it. logf receives its log lines.
func StartNotify(ctx context.Context, st *store.Store, logf func(msg string, kv ...any)) <-chan struct{} {
	done := make(chan struct{})
	d := &notify.Dispatcher{Store: st, Log: logf}
	go func() {
		defer close(done)
		_ = d.Run(ctx)
	}()
	return done
}
