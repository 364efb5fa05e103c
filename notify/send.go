package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

// The robot platforms' documented limits and answers:
//   - WeCom (企业微信) group robot: POST {"msgtype":"text","text":{"content":…}}
//     to …/cgi-bin/webhook/send?key=KEY; content at most 2048 UTF-8 bytes;
//     answers {"errcode":0,"errmsg":"ok"}.
//   - DingTalk (钉钉) custom robot with 加签: POST
//     {"msgtype":"text","text":{"content":…},"at":{…}} to
//     …/robot/send?access_token=T&timestamp=MS&sign=S where
//     S = urlencode(base64(HmacSHA256(key=secret, timestamp+"\n"+secret)))
//     and MS is the time in milliseconds; answers {"errcode":0,…}.
//   - Feishu/Lark (飞书) custom bot with 签名校验: POST
//     {"timestamp":"SEC","sign":S,"msg_type":"text","content":{"text":…}}
//     where S = base64(HmacSHA256(key=timestamp+"\n"+secret, empty message))
//     and SEC is the time in seconds; the body is at most 20 KB; answers
//     {"code":0,"msg":"success"}.
//   - Generic webhook (copydesk's own): POST the JSON of WebhookBody with
//     headers X-Copydesk-Id (the delivery ID), X-Copydesk-Event (the kind),
//     X-Copydesk-Timestamp (Unix seconds) and, with a secret,
//     X-Copydesk-Signature: sha256=hex(HmacSHA256(key=secret,
//     timestamp + "." + body)). Any 2xx is success.
const (
	wecomMaxBytes  = 2048
	feishuMaxBytes = 18 << 10 // under the 20 KB body limit, leaving room for the envelope
	dingMaxBytes   = 18 << 10
)

// WebhookBody is the JSON a generic webhook receives.
type WebhookBody struct {
	ID       string    `json:"id"` // the delivery ID; drop a repeated one
	Event    string    `json:"event"`
	Reason   string    `json:"reason,omitempty"`
	To       string    `json:"to,omitempty"` // the user it is for, on personal webhooks
	Article  uint64    `json:"article,omitempty"`
	Title    string    `json:"title,omitempty"`
	Rev      int       `json:"rev,omitempty"`
	State    string    `json:"state,omitempty"`
	Stage    string    `json:"stage,omitempty"`
	Actor    string    `json:"actor,omitempty"`
	Opinion  string    `json:"opinion,omitempty"`
	Comment  string    `json:"comment,omitempty"`
	AuditSeq uint64    `json:"audit_seq,omitempty"`
	At       time.Time `json:"at"`
	Subject  string    `json:"subject"`
	Text     string    `json:"text"`
	Link     string    `json:"link,omitempty"`
}

// SignWebhook returns the X-Copydesk-Signature value for body sent at ts.
func SignWebhook(secret string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(ts, 10) + "."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// SignDingTalk returns DingTalk's sign for a millisecond timestamp, before
// URL encoding.
func SignDingTalk(secret string, tsMillis int64) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(tsMillis, 10) + "\n" + secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// SignFeishu returns Feishu's sign for a timestamp in seconds.
func SignFeishu(secret string, tsSeconds int64) string {
	m := hmac.New(sha256.New, []byte(strconv.FormatInt(tsSeconds, 10)+"\n"+secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// robotText is the text a group robot posts: subject, then body.
func robotText(m Message) string { return m.Subject + "\n" + m.Text }

// sendHTTP posts one delivery to a robot or webhook.
func sendHTTP(ctx context.Context, client *http.Client, d store.Delivery, m Message, sec store.ChannelSecret, now time.Time) error {
	target := sec.URL
	if target == "" {
		return locale.NewError("NotifyNoAddress", locale.Args{"Channel": d.Channel})
	}
	var body any
	header := http.Header{}
	switch d.Kind {
	case "wecom":
		body = map[string]any{"msgtype": "text", "text": map[string]any{"content": clipBytes(robotText(m), wecomMaxBytes)}}
	case "dingtalk":
		body = map[string]any{"msgtype": "text", "text": map[string]any{"content": clipBytes(robotText(m), dingMaxBytes)},
			"at": map[string]any{"isAtAll": false}}
		if sec.Secret != "" {
			ms := now.UnixMilli()
			u, err := url.Parse(target)
			if err != nil {
				return locale.NewError("NotifyBadAddress", locale.Args{"Channel": d.Channel})
			}
			q := u.Query()
			q.Set("timestamp", strconv.FormatInt(ms, 10))
			q.Set("sign", SignDingTalk(sec.Secret, ms))
			u.RawQuery = q.Encode()
			target = u.String()
		}
	case "feishu":
		fb := map[string]any{"msg_type": "text", "content": map[string]any{"text": clipBytes(robotText(m), feishuMaxBytes)}}
		if sec.Secret != "" {
			ts := now.Unix()
			fb["timestamp"] = strconv.FormatInt(ts, 10)
			fb["sign"] = SignFeishu(sec.Secret, ts)
		}
		body = fb
	case "webhook":
		n := d.Notice
		body = WebhookBody{ID: d.ID, Event: string(n.Kind), Reason: d.Reason, To: d.Login, Article: n.Article, Title: n.Title,
			Rev: n.Rev, State: string(n.State), Stage: n.StageName, Actor: n.Actor, Opinion: n.Opinion, Comment: n.Text,
			AuditSeq: n.AuditSeq, At: n.At, Subject: m.Subject, Text: m.Text, Link: m.Link}
	default:
		return locale.NewError("NotifyUnknownKind", locale.Args{"Kind": d.Kind})
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	if d.Kind == "webhook" {
		ts := now.Unix()
		header.Set("X-Copydesk-Id", d.ID)
		header.Set("X-Copydesk-Event", string(d.Notice.Kind))
		header.Set("X-Copydesk-Timestamp", strconv.FormatInt(ts, 10))
		if sec.Secret != "" {
			header.Set("X-Copydesk-Signature", SignWebhook(sec.Secret, ts, raw))
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(raw))
	if err != nil {
		return locale.NewError("NotifyBadAddress", locale.Args{"Channel": d.Channel})
	}
	req.Header = header
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "copydesk-notify")
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the address, and robot addresses carry their key
		}
		if errors.Is(err, store.ErrWebhookRefused) {
			return permanent{err} // the SSRF guard (guard.go): no retry makes it allowed
		}
		return locale.NewError("NotifyPostFailed", locale.Args{"URL": Redact(sec.URL), "Err": err}, err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return locale.NewError("NotifyHTTPStatus", locale.Args{"URL": Redact(sec.URL), "Status": resp.StatusCode, "Answer": snippet(answer)})
	}
	if d.Kind == "webhook" {
		return nil
	}
	// The robots answer 200 with an error code in the body.
	var r struct {
		ErrCode *int   `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
		Code    *int   `json:"code"`
		Msg     string `json:"msg"`
	}
	if json.Unmarshal(answer, &r) != nil {
		return nil
	}
	if r.ErrCode != nil && *r.ErrCode != 0 {
		return locale.NewError("NotifyRobotRefused", locale.Args{"Kind": kindLabel(d.Kind), "Code": *r.ErrCode, "Answer": snippet([]byte(r.ErrMsg))})
	}
	if r.Code != nil && *r.Code != 0 {
		return locale.NewError("NotifyRobotRefused", locale.Args{"Kind": kindLabel(d.Kind), "Code": *r.Code, "Answer": snippet([]byte(r.Msg))})
	}
	return nil
}

// kindLabel is a robot's kind as a message argument: its name in the
// reader's language (企业微信, 钉钉, 飞书).
func kindLabel(kind string) any {
	switch kind {
	case "wecom":
		return locale.M("ChannelKindWecom", nil)
	case "dingtalk":
		return locale.M("ChannelKindDingtalk", nil)
	case "feishu":
		return locale.M("ChannelKindFeishu", nil)
	}
	return kind
}

func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return clip(s, 200, "…")
}

// Redact shows a webhook address without what authenticates it: scheme and
// host only, e.g. "https://qyapi.weixin.qq.com/…".
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(webhook)"
	}
	return u.Scheme + "://" + u.Host + "/…"
}

// mailer sends the e-mail deliveries of one SMTP channel over one
// connection.
type mailer struct {
	ch     store.Channel
	sec    store.ChannelSecret
	client *mail.Client
}

func newMailer(ch store.Channel, sec store.ChannelSecret, timeout time.Duration) (*mailer, error) {
	opts := []mail.Option{mail.WithPort(ch.SMTPPort), mail.WithTimeout(timeout)}
	switch ch.TLS {
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case "tls":
		opts = append(opts, mail.WithSSL())
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if ch.SMTPUser != "" {
		auth := mail.SMTPAuthAutoDiscover // the strongest mechanism the server offers
		if ch.TLS == "none" {
			auth = mail.SMTPAuthPlainNoEnc // the admin chose no TLS: go-mail refuses PLAIN in clear text otherwise
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(ch.SMTPUser), mail.WithPassword(sec.Password))
	}
	c, err := mail.NewClient(ch.SMTPHost, opts...)
	if err != nil {
		return nil, locale.NewError("NotifySMTP", locale.Args{"Where": ch.Where, "Err": err}, err)
	}
	return &mailer{ch: ch, sec: sec, client: c}, nil
}

// compose builds the e-mail: UTF-8, quoted-printable (readable Chinese in
// any client), the delivery ID as Message-ID and X-Copydesk-Id.
func (ml *mailer) compose(m Message, toName, toAddr string, now time.Time) (*mail.Msg, error) {
	msg := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	if err := msg.FromFormat("copydesk", ml.ch.From); err != nil {
		return nil, locale.NewError("NotifyBadSender", locale.Args{"Addr": ml.ch.From, "Err": err}, err)
	}
	if err := msg.AddToFormat(toName, toAddr); err != nil {
		return nil, locale.NewError("NotifyBadRecipient", locale.Args{"Addr": toAddr, "Err": err}, err)
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.ID + "@copydesk")
	msg.SetGenHeader("X-Copydesk-Id", m.ID)
	msg.SetDateWithValue(now)
	msg.SetBulk()
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	return msg, nil
}

func (ml *mailer) dial(ctx context.Context) error {
	if err := ml.client.DialWithContext(ctx); err != nil {
		return locale.NewError("NotifySMTP", locale.Args{"Where": ml.ch.Where, "Err": err}, err)
	}
	return nil
}

func (ml *mailer) send(msg *mail.Msg) error {
	if err := ml.client.Send(msg); err != nil {
		return locale.NewError("NotifySMTP", locale.Args{"Where": ml.ch.Where, "Err": err}, err)
	}
	return nil
}

func (ml *mailer) close() { _ = ml.client.Close() }

// SecretFlags are the command-line flags whose values are secrets: a robot
// address (it carries the robot's key), a signing secret, a personal
// webhook address.
var SecretFlags = []string{"--url", "--secret", "--webhook"}

// RedactArgs returns a command line fit for a log: the value of every
// secret flag ("--url X" or "--url=X") replaced by "***".
func RedactArgs(args []string) []string {
	out := make([]string, len(args))
	copy(out, args)
	for i := 0; i < len(out); i++ {
		for _, f := range SecretFlags {
			switch {
			case out[i] == f && i+1 < len(out):
				out[i+1] = "***"
				i++
			case strings.HasPrefix(out[i], f+"="):
				out[i] = f + "=***"
			}
		}
	}
	return out
}
