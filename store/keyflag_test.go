package store_test

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// A decision's key note is stored in English (model.Key.Flag, hashed into
// the audit chain) and read back in the reader's language: article history
// and show printed "key … not added by its owner (admin-local, by admin)"
// in a Chinese session (tester, 2026-12-01).
func TestKeyFlagText(t *testing.T) {
	for _, tc := range []struct {
		k      model.Key
		zh, en string
	}{
		{model.Key{Fingerprint: "SHA256:abc", How: model.KeyByAdminLocal, AddedBy: "admin"},
			"密钥 SHA256:abc 不是本人添加的（在服务器上添加，添加人 admin）", "key SHA256:abc not added by its owner ("},
		{model.Key{Fingerprint: "SHA256:def"},
			"密钥 SHA256:def 不是本人添加的（代为添加，添加人 管理员）", "by an admin)"},
	} {
		flag := tc.k.Flag("liwei")
		if flag == "" {
			t.Fatalf("%+v is not flagged", tc.k)
		}
		if got := store.KeyFlagText(locale.ZH, flag); got != tc.zh {
			t.Errorf("zh: %q\nwant %q", got, tc.zh)
		}
		if got := store.KeyFlagText(locale.EN, flag); !strings.Contains(got, tc.en) || strings.ContainsAny(got, "密钥本人") {
			t.Errorf("en: %q", got)
		}
	}
	if got := store.KeyFlagText(locale.ZH, "something else"); got != "something else" {
		t.Errorf("an unknown note is changed: %q", got)
	}
}
